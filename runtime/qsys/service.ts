// The service lifecycle: what is alive, and a clean stop on SIGINT/SIGTERM.
//
// The process stays up while a listener, a socket, a reconnect wait or a running timer
// exists: those are ref'd Node handles, so Node's own rule gives this for free. On a
// signal, listeners close, every socket flushes what was written and closes (a WebSocket
// after its closing handshake), stdout is flushed, and the process exits 0. Signal handlers
// are installed when the first listener or socket appears or a timer starts (a script that
// only prints keeps lua.c's default).
import type { Socket as Datagram } from "node:dgram";
import type { Server, Socket } from "node:net";
import { flushStdout } from "../lua/output.ts";
import { onSignal } from "../run.ts";
import { stopEvents } from "./events.ts";

const servers = new Set<Server>();
const sockets = new Set<Socket>();
const datagrams = new Set<Datagram>();
const closables = new Set<Closable>();
let installed = false;
let stopping = false;

/** How long shutdown waits for sockets to drain before it closes them hard. */
const DRAIN_MS = 2000;

export function trackServer(s: Server): void {
  servers.add(s);
  installSignalHandlers();
}

export function untrackServer(s: Server): void {
  servers.delete(s);
}

export function trackSocket(s: Socket): void {
  sockets.add(s);
  if (!installed) installSignalHandlers();
}

export function untrackSocket(s: Socket): void {
  sockets.delete(s);
}

export function trackDatagram(s: Datagram): void {
  datagrams.add(s);
  if (!installed) installSignalHandlers();
}

export function untrackDatagram(s: Datagram): void {
  datagrams.delete(s);
}

/** A connection that says goodbye in its own protocol (a WebSocket's closing handshake). */
export interface Closable {
  /** Start closing; resolves once closed. */
  close(): Promise<void>;
  /** Close at once (the drain wait is over). */
  destroy(): void;
}

export function trackClosable(c: Closable): void {
  closables.add(c);
  if (!installed) installSignalHandlers();
}

export function untrackClosable(c: Closable): void {
  closables.delete(c);
}

/** True once shutdown began: no reconnects, no new work. */
export function isStopping(): boolean {
  return stopping;
}

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  // run.ts delivers the signals, also when the script runs in its worker thread.
  onSignal(() => {
    void shutdown().then(() => process.exit(0));
  });
}

/** Close listeners, flush and close sockets (bounded wait), flush stdout. */
export async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopEvents();
  for (const s of servers) s.close();
  servers.clear();
  // A datagram is sent when Send returns: nothing to drain.
  for (const d of datagrams) d.close();
  datagrams.clear();
  const closing: Promise<void>[] = [];
  for (const c of closables) closing.push(c.close());
  for (const s of sockets) {
    closing.push(new Promise((resolve) => s.once("close", () => resolve())));
    if (s.writable) {
      s.end();
      s.once("finish", () => s.destroy());
    } else s.destroy();
  }
  if (closing.length > 0) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)));
    await Promise.race([Promise.all(closing), timeout]);
    clearTimeout(timer);
    for (const s of sockets) s.destroy();
    for (const c of closables) c.destroy();
  }
  flushStdout();
}
