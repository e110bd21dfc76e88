// Running a compiled chunk as lua.c runs a script: an uncaught error prints `lua: msg` and a
// traceback to stderr and exits with status 1.
//
// A built program runs its chunk in a worker thread with a large stack: Lua recurses about
// 200,000 calls deep where V8's default stack stops near 10,000. The main thread only starts
// the worker, forwards SIGINT/SIGTERM to it, and exits with its exit code.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { LuaError, toLuaError } from "./lua/errors.ts";
import { tostring } from "./lua/concat.ts";
import { metamethod } from "./lua/meta.ts";
import { flushStdout, writeStderr } from "./lua/output.ts";
import { isNumber, type, type LuaValue } from "./lua/value.ts";

const STACK_MB = 64;
/** How long a signalled worker may take to stop (the service drains sockets for 2 s). */
const GRACE_MS = 3000;

/**
 * lua.c's msghandler: the message and a traceback; an error object with __tostring is
 * printed as that string alone.
 */
export function uncaughtText(err: LuaError): string {
  const v: LuaValue = err.value;
  const traceback = err.luaTraceback ?? "stack traceback:\n\t[C]: in ?";
  if (typeof v === "string" || isNumber(v)) return `${tostring(v)}\n${traceback}`;
  if (metamethod(v, "__tostring") !== undefined) {
    const s = tostring(v);
    if (typeof s === "string") return s;
  }
  return `(error object is a ${type(v)} value)\n${traceback}`;
}

type SignalHandler = (signal: string) => void;
const signalHandlers: SignalHandler[] = [];

/**
 * Run `handler` on SIGINT/SIGTERM instead of the default exit. Works in the worker too
 * (signals reach only the main thread, which forwards them).
 */
export function onSignal(handler: SignalHandler): void {
  if (signalHandlers.length === 0 && isMainThread) {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => signalHandlers.forEach((h) => h(sig)));
  }
  signalHandlers.push(handler);
}

/** Run a chunk. With `entryUrl` (the bundle's own URL) it runs in a worker with a big stack. */
export function runMain(main: (...args: LuaValue[]) => LuaValue, entryUrl?: string): void {
  const args: LuaValue[] = process.argv.slice(2);
  if (entryUrl && isMainThread && process.env.QSYS2TS_NO_WORKER !== "1") {
    startWorker(entryUrl);
    return;
  }
  if (!isMainThread && workerData?.qsys2ts) {
    parentPort!.on("message", (m: { signal?: string }) => {
      if (!m.signal) return;
      if (signalHandlers.length === 0) {
        flushStdout();
        process.exit(m.signal === "SIGINT" ? 130 : 143);
      }
      for (const h of signalHandlers) h(m.signal);
    });
    parentPort!.unref();
  }
  try {
    main(...args);
  } catch (e) {
    const err = toLuaError(e);
    writeStderr(`lua: ${uncaughtText(err)}\n`);
    flushStdout();
    process.exit(1);
  }
}

function startWorker(entryUrl: string): void {
  const worker = new Worker(new URL(entryUrl), {
    workerData: { qsys2ts: true },
    argv: process.argv.slice(2),
    resourceLimits: { stackSizeMb: STACK_MB },
    stdout: false,
    stderr: false,
  });
  // The worker stops cleanly on a signal; one that is stuck (a Lua loop that never ends)
  // is ended after a grace period longer than the service's own drain, or at a second signal.
  let forced: NodeJS.Timeout | undefined;
  const forward = (signal: string) => {
    const status = signal === "SIGINT" ? 130 : 143;
    if (forced) {
      flushStdout();
      process.exit(status);
    }
    worker.postMessage({ signal });
    forced = setTimeout(() => process.exit(status), GRACE_MS);
    forced.unref();
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  worker.on("error", (e) => {
    process.stderr.write(`lua: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
  worker.on("exit", (code) => {
    process.exit(process.exitCode ?? code);
  });
}
