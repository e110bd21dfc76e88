// TcpSocketServer (qsys-api.md §1, decision 7): a listener that hands each accepted
// connection to EventHandler as an already connected TcpSocket.
//
// Listen must answer before it returns, while Node binds asynchronously in general. It is
// synchronous in the case used here: `server.listen(port)` with no host (so no DNS lookup)
// outside a cluster worker binds and listens inside the call, and `server.listening` tells
// the outcome at once. The failure itself is only emitted on the next tick; to name it in
// the returned string, the error object Node hands to process.nextTick during the call is
// captured (falling back to a generic text if Node ever stops doing that). One object may
// listen on several ports: each Listen opens one more node:net server.
import net from "node:net";
import { checkInt } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { writeStderr } from "../lua/output.ts";
import { LuaUserdata } from "../lua/meta.ts";
import type { LuaValue } from "../lua/value.ts";
import { runHandler } from "./events.ts";
import { checkGiven, classMetatable, libraryTable } from "./object.ts";
import { mapListenPort } from "./port-map.ts";
import { trackServer, untrackServer } from "./service.ts";
import { newAcceptedSocket } from "./tcp-socket-lua.ts";

const OWNER = Symbol("TcpSocketServer");
type OwnedServer = net.Server & { [OWNER]: TcpSocketServerObject };

export class TcpSocketServerObject extends LuaUserdata {
  servers: net.Server[] = [];
  eventHandler: LuaValue = undefined;
  constructor() {
    super();
    this.metatable = serverMetatable;
  }
}

function onConnection(this: net.Server, s: net.Socket): void {
  const o = (this as OwnedServer)[OWNER];
  s.setNoDelay(true);
  const sock = newAcceptedSocket();
  sock.adopt(s);
  if (o.eventHandler !== undefined) runHandler(o.eventHandler, sock);
}

function onServerError(this: net.Server, e: Error): void {
  // Only reached after a successful listen (bind failures are answered by Listen itself).
  writeStderr(`TcpSocketServer: ${e.message}\n`);
}

/** Bind and listen now; return the Node error when that failed. */
function listenNow(srv: net.Server, port: number): { ok: boolean; error?: Error } {
  const nextTick = process.nextTick;
  let error: Error | undefined;
  process.nextTick = function (fn: (...a: unknown[]) => void, ...args: unknown[]) {
    for (const a of args) if (a instanceof Error && error === undefined) error = a;
    return nextTick.call(process, fn, ...args);
  } as typeof process.nextTick;
  try {
    srv.listen(port);
  } catch (e) {
    return { ok: false, error: e as Error };
  } finally {
    process.nextTick = nextTick;
  }
  return { ok: srv.listening, error };
}

const REASONS: Record<string, string> = {
  EADDRINUSE: "address already in use",
  EACCES: "permission denied",
  EADDRNOTAVAIL: "address not available",
};

function Listen(self: TcpSocketServerObject, port: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Listen", "number");
  const asked = checkInt(port, 2, "Listen");
  const p = mapListenPort(asked);
  if (p < 0 || p > 65535) return `Could not bind to port ${asked}: port out of range`;
  const srv = net.createServer({ noDelay: true }) as OwnedServer;
  srv[OWNER] = self;
  srv.on("connection", onConnection);
  srv.on("error", onServerError);
  const r = listenNow(srv, p);
  if (!r.ok) {
    // The pending 'error' event is already handled: nothing else reaches the script.
    srv.removeListener("error", onServerError);
    srv.on("error", () => {});
    const code = (r.error as { code?: string } | undefined)?.code;
    const reason = (code && REASONS[code]) ?? r.error?.message ?? "unknown error";
    return `Could not bind to port ${asked}: ${reason}`;
  }
  self.servers.push(srv);
  trackServer(srv);
  return undefined;
}

function Close(self: TcpSocketServerObject): LuaValue {
  for (const srv of self.servers) {
    srv.close();
    untrackServer(srv);
  }
  self.servers = [];
  return NONE;
}

const serverMetatable = classMetatable<TcpSocketServerObject>(
  "TcpSocketServer",
  (o): o is TcpSocketServerObject => o instanceof TcpSocketServerObject,
  { Listen, Close },
  { EventHandler: (o) => o.eventHandler },
  {
    EventHandler: (o, f) => {
      o.eventHandler = f;
    },
  },
);

/** The Lua global `TcpSocketServer`. `New()` and `:New()` both work. */
export const TcpSocketServer = libraryTable("TcpSocketServer", {
  New: (): LuaValue => new TcpSocketServerObject(),
});

/** The ports a server object listens on, in Listen order (for tests and tools). */
export function listeningPorts(o: TcpSocketServerObject): number[] {
  return o.servers.map((s) => (s.address() as net.AddressInfo).port);
}
