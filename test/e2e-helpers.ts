// Helpers for the end-to-end tests: build a script or plugin (with its design file) into one
// bundle, run it as a child process with QRC on (127.0.0.1, a free port through
// QSYS2TS_PORT_MAP), and talk to it with the QRC client of qrc-helpers.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bundleLua } from "../compiler/bundle.ts";
import { QrcClient, until } from "./qrc-helpers.ts";

export const root = join(import.meta.dirname, "..");
export const fixtures = join(import.meta.dirname, "e2e");
export const workDir = mkdtempSync(join(tmpdir(), "qsys2ts-e2e-"));

/** Build `file` (its NAME.design.json beside it is embedded) into the work dir; returns the .mjs path. */
export async function build(file: string): Promise<string> {
  const { code } = await bundleLua(readFileSync(file).toString("latin1"), file);
  const mjs = join(workDir, basename(file).replace(/\.\w+$/, "") + ".mjs");
  writeFileSync(mjs, code);
  return mjs;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A built service running with QRC on, its output collected. */
export class Service {
  out = "";
  err = "";
  exited: number | null | undefined = undefined;
  private readonly clients: QrcClient[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.setEncoding("latin1").on("data", (s: string) => (this.out += s));
    child.stderr!.setEncoding("latin1").on("data", (s: string) => (this.err += s));
    child.on("exit", (code) => (this.exited = code));
  }

  static async start(mjs: string, env: Record<string, string> = {}): Promise<Service> {
    const port = await freePort();
    const child = spawn(process.execPath, [mjs], {
      cwd: workDir,
      env: { ...process.env, QSYS2TS_QRC: "1", QSYS2TS_QRC_HOST: "127.0.0.1", QSYS2TS_PORT_MAP: `1710=${port}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new Service(child, port);
  }

  /** A QRC client, connected once the service listens (EngineStatus consumed). */
  async client(): Promise<QrcClient> {
    const end = Date.now() + 15000;
    for (;;) {
      try {
        const c = await QrcClient.open(this.port);
        this.clients.push(c);
        return c;
      } catch (e) {
        if (Date.now() > end || this.exited !== undefined) throw new Error(`no QRC on port ${this.port}: ${e}; output: ${this.out}${this.err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Wait until stdout holds `text` (fails early when the service ended). */
  async waitFor(text: string, ms = 10000): Promise<void> {
    await until(() => this.out.includes(text) || this.exited !== undefined, ms, `${JSON.stringify(text)} in ${JSON.stringify(this.out + this.err)}`);
    if (!this.out.includes(text)) throw new Error(`service ended (${this.exited}) without printing ${text}: ${this.err}`);
  }

  /** The stdout lines that start with `prefix`. */
  lines(prefix = ""): string[] {
    return this.out.split("\n").filter((l) => l !== "" && l.startsWith(prefix));
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    if (this.exited !== undefined) return;
    this.child.kill("SIGTERM");
    await until(() => this.exited !== undefined, 10000, "exit");
  }

  kill(): void {
    for (const c of this.clients) c.close();
    if (this.exited === undefined) this.child.kill("SIGKILL");
  }
}

/** A QRC reply's result, or a failure showing the error. */
export async function result<T = unknown>(c: QrcClient, method: string, params?: unknown, id: unknown = 1): Promise<T> {
  const r = await c.call(method, params, id);
  if (r.error !== undefined) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

/** A QRC reply's error ({code, message}), or a failure showing the result. */
export async function error(c: QrcClient, method: string, params?: unknown, id: unknown = 1): Promise<{ code: number; message: string }> {
  const r = await c.call(method, params, id);
  if (r.error === undefined) throw new Error(`${method}: expected an error, got ${JSON.stringify(r.result)}`);
  return r.error as { code: number; message: string };
}

/** The AutoPoll pushes a client received so far, parsed (`params` of each). */
export function pushes(c: QrcClient, id: string): { Id: string; Changes: Record<string, unknown>[] }[] {
  return c.frames
    .filter((f) => f.includes('"method":"ChangeGroup.Poll"'))
    .map((f) => (JSON.parse(f) as { params: { Id: string; Changes: Record<string, unknown>[] } }).params)
    .filter((p) => p.Id === id);
}
