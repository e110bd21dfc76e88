// Helpers for the Q-SYS runtime tests: drive objects through the Lua-visible API (as
// compiled code does) and talk to them with real node:net peers on 127.0.0.1.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleLua } from "../compiler/bundle.ts";
import { call, callMethod } from "../runtime/lua/call.ts";
import { index, setindex } from "../runtime/lua/index-ops.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { listeningPorts, setErrorWriter, TcpSocketServer, type TcpSocketServerObject } from "../runtime/qsys/index.ts";

export const get = (o: LuaValue, k: string): LuaValue => index(o, k);
export const set = (o: LuaValue, k: string, v: LuaValue): void => setindex(o, k, v);
export const m = (o: LuaValue, name: string, ...args: LuaValue[]): LuaValue => callMethod(o, name, ...args);
export const make = (lib: LuaValue): LuaValue => call(index(lib, "New"));

/** Poll until cond() holds (or fail after ms). */
export async function until(cond: () => boolean, ms = 3000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A TcpSocketServer listening on an ephemeral port, with its handler. */
export function serve(onSocket: (sock: LuaValue) => void): { server: LuaValue; port: number } {
  const server = make(TcpSocketServer);
  set(server, "EventHandler", onSocket);
  const err = m(server, "Listen", 0);
  if (err !== undefined) throw new Error(String(err));
  return { server, port: listeningPorts(server as TcpSocketServerObject)[0] };
}

/** A node:net client collecting everything it receives as a byte string. */
export interface Peer {
  sock: net.Socket;
  received: () => string;
  closed: () => boolean;
  write: (s: string) => void;
  waitFor: (text: string, ms?: number) => Promise<void>;
}

export function peer(sock: net.Socket): Peer {
  let data = "";
  let closed = false;
  sock.setNoDelay(true);
  sock.on("data", (b) => (data += b.toString("latin1")));
  sock.on("close", () => (closed = true));
  sock.on("error", () => {});
  return {
    sock,
    received: () => data,
    closed: () => closed,
    write: (s) => void sock.write(Buffer.from(s, "latin1")),
    waitFor: (text, ms = 3000) => until(() => data.includes(text), ms, JSON.stringify(text)),
  };
}

export function connectPeer(port: number): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => resolve(peer(s)));
    s.once("error", reject);
  });
}

/** A plain node:net server standing in for a device; hands each connection to `on`. */
export function device(on: (p: Peer) => void): Promise<{ server: net.Server; port: number; peers: Peer[] }> {
  const peers: Peer[] = [];
  const server = net.createServer((s) => {
    const p = peer(s);
    peers.push(p);
    on(p);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as net.AddressInfo).port, peers })),
  );
}

/** Capture the handler error reports the runtime would write to stderr. */
export function captureStderr(): { text: () => string; restore: () => void } {
  let text = "";
  setErrorWriter((s) => (text += s));
  return { text: () => text, restore: () => setErrorWriter(undefined) };
}

/** A port nobody listens on (bound, read, released). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A built Lua script running as a service in a child process (`node script.mjs`). */
export interface Service {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves with the exit status (null when killed by a signal). */
  exit: Promise<number | null>;
  /** Send SIGTERM and wait for the exit status. */
  stop: () => Promise<number | null>;
}

let serviceDir: string | undefined;
const services: ChildProcess[] = [];

/** Build Lua source with qsys2ts (as `qsys2ts build` does) and start it with `node`. */
export async function startService(source: string, name: string, env: Record<string, string> = {}): Promise<Service> {
  serviceDir ??= mkdtempSync(join(tmpdir(), "qsys2ts-service-"));
  const { code } = await bundleLua(source, join(serviceDir, name), name);
  const file = join(serviceDir, name.replace(/\.lua$/, ".mjs"));
  writeFileSync(file, code);
  const proc = spawn(process.execPath, [file], { env: { ...process.env, TZ: "UTC", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  services.push(proc);
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d) => (out += d.toString("latin1")));
  proc.stderr!.on("data", (d) => (err += d.toString("latin1")));
  const exit = new Promise<number | null>((r) => proc.on("exit", (c) => r(c)));
  return {
    proc,
    out: () => out,
    err: () => err,
    exit,
    stop: () => {
      proc.kill("SIGTERM");
      return exit;
    },
  };
}

/** Kill every service a test started (call from afterEach). */
export function killServices(): void {
  for (const p of services.splice(0)) p.kill("SIGKILL");
}

/** Connect once a service listens (it starts asynchronously). */
export async function connectAfterStart(port: number, ms = 10000): Promise<Peer> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await connectPeer(port);
    } catch (e) {
      if (Date.now() > end) throw e;
      await sleep(20);
    }
  }
}
