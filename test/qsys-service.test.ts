// The service lifecycle in a real child process, run the way a built script runs (runMain,
// worker thread): the port map, stdout flushing, handler errors on stderr while serving
// goes on, and SIGTERM/SIGINT closing everything with exit status 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { connectPeer, freePort, until } from "./qsys-helpers.ts";

const root = resolve(import.meta.dirname, "..");
let service = "";

// A small service written against the Lua-visible API, as compiled code would use it.
const ENTRY = `
import { call, callMethod, index, setindex, runMain, print } from "./runtime/index.ts";
import { TcpSocket, TcpSocketServer, Timer } from "./runtime/qsys/index.ts";
function main() {
  const server = call(index(TcpSocketServer, "New"));
  const Lf = index(index(TcpSocket, "EOL"), "Lf");
  setindex(server, "EventHandler", (sock) => {
    setindex(sock, "Data", (s) => {
      for (let line = callMethod(s, "ReadLine", Lf); line !== undefined; line = callMethod(s, "ReadLine", Lf)) {
        if (line === "crash") callMethod(s, "NoSuchThing");
        print("got " + line);
        callMethod(s, "Write", "ok " + line + "\\n");
      }
    });
  });
  const err = callMethod(server, "Listen", 1720);
  print(err === undefined ? "listening" : "listen failed: " + err);
  if (process.env.WITH_TIMER) {
    const t = call(index(Timer, "New"));
    setindex(t, "EventHandler", () => print("tick"));
    callMethod(t, "Start", 0.05);
  }
}
runMain(main, import.meta.url);
`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "qsys2ts-service-"));
  service = join(dir, "service.mjs");
  const r = await build({
    stdin: { contents: ENTRY, loader: "ts", resolveDir: root, sourcefile: "entry.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  writeFileSync(service, r.outputFiles[0].text);
});

interface Child {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<{ code: number | null; signal: string | null }>;
}

function start(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [service], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d) => (out += d.toString("latin1")));
  proc.stderr!.on("data", (d) => (err += d.toString("latin1")));
  const exit = new Promise<{ code: number | null; signal: string | null }>((r) =>
    proc.on("exit", (code, signal) => r({ code, signal })),
  );
  return { proc, out: () => out, err: () => err, exit };
}

describe("a service process", () => {
  test("serves on the mapped port, survives a handler error, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const c = start({ QSYS2TS_PORT_MAP: `1720=${port}` });
    try {
      await until(() => c.out().includes("listening\n"), 10000, "listening");
      const p = await connectPeer(port);
      p.write("one\ncrash\ntwo\n");
      await p.waitFor("ok one\n", 5000);
      // The error ended that handler call; "two" waits in the buffer for the next Data event.
      p.write("three\n");
      await p.waitFor("ok three\n", 5000);
      expect(p.received()).toBe("ok one\nok two\nok three\n");
      await until(() => c.err().includes("stack traceback:"), 5000);
      expect(c.err()).toMatch(/^TcpSocket has no member 'NoSuchThing'\nstack traceback:\n/);
      c.proc.kill("SIGTERM");
      const { code } = await c.exit;
      expect(code).toBe(0);
      await until(() => p.closed(), 3000, "client closed by shutdown");
      expect(c.out()).toBe("listening\ngot one\ngot two\ngot three\n");
    } finally {
      c.proc.kill("SIGKILL");
    }
  });
  test("SIGINT stops a service whose only live object is a timer, exit 0", async () => {
    const port = await freePort();
    const c = start({ QSYS2TS_PORT_MAP: `1720=${port}`, WITH_TIMER: "1" });
    try {
      await until(() => c.out().includes("tick\ntick\n"), 10000, "ticks");
      c.proc.kill("SIGINT");
      expect((await c.exit).code).toBe(0);
    } finally {
      c.proc.kill("SIGKILL");
    }
  });
  test("a taken port is reported by Listen's result", async () => {
    const port = await freePort();
    const first = start({ QSYS2TS_PORT_MAP: `1720=${port}` });
    try {
      await until(() => first.out().includes("listening\n"), 10000);
      const second = start({ QSYS2TS_PORT_MAP: `1720=${port}` });
      try {
        await until(() => second.out().includes("listen failed"), 10000);
        expect(second.out()).toBe("listen failed: Could not bind to port 1720: address already in use\n");
        // Nothing keeps the failed one alive: it ends by itself.
        expect((await second.exit).code).toBe(0);
      } finally {
        second.proc.kill("SIGKILL");
      }
      first.proc.kill("SIGTERM");
      expect((await first.exit).code).toBe(0);
    } finally {
      first.proc.kill("SIGKILL");
    }
  });
});
