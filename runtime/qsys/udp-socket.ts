// UdpSocket over node:dgram (qsys-api.md §5): a socket is closed or open (bound to a local
// address and port); while open, every datagram that arrives is delivered whole to the Lua
// handlers, and Send puts one datagram on the wire. The Lua members are udp-socket-lua.ts.
//
// Open must answer before it returns (the script learns at once that the port is busy), while
// node:dgram binds after an address lookup. The lookup is the only asynchronous step, and a
// socket may bring its own: ours answers at once (Open and Send only hand it IPv4 literals),
// so bind() binds inside the call and 'listening' or 'error' is emitted before it returns.
// Host names given to Send are resolved here instead, in Send order (see sendQueued).
import dgram from "node:dgram";
import dns from "node:dns";
import net from "node:net";
import { writeStderr } from "../lua/output.ts";
import { LuaUserdata } from "../lua/meta.ts";
import { tableOf } from "../lua/table.ts";
import type { LuaValue } from "../lua/value.ts";
import { beginTurn, deliver, endTurn, eventsStopped, inTurn, protectedCall } from "./events.ts";
import { unmapConnectSource } from "./port-map.ts";
import { trackDatagram, untrackDatagram } from "./service.ts";
import { connectErrorText, errorText } from "./tcp-errors.ts";

/** The largest datagram Send accepts (qsys-api.md §5). */
export const MAX_DATAGRAM = 65535;

const OWNER = Symbol("UdpSocket");
type OwnedSocket = dgram.Socket & { [OWNER]: UdpSocketObject };

/** A datagram waiting for its destination name to resolve. */
interface Queued {
  host: string;
  port: number;
  bytes: Buffer;
}

const REASONS: Record<string, string> = {
  EADDRINUSE: "address already in use",
  EADDRNOTAVAIL: "address not available",
  EACCES: "permission denied",
  EMSGSIZE: "message too long",
  ENODEV: "no such device",
  EINVAL: "invalid argument",
  ENETUNREACH: "network is unreachable",
  EHOSTUNREACH: "no route to host",
};

/** The system's text for a failed bind, join or send ("address already in use"). */
export function reasonText(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  return (code !== undefined ? REASONS[code] : undefined) ?? errorText(e);
}

export class UdpSocketObject extends LuaUserdata {
  sock: dgram.Socket | undefined = undefined;
  /** The local address given to Open (undefined: all interfaces). */
  localIp: string | undefined = undefined;
  multicastTtl = 1;
  /** Groups joined before Open, joined when it opens. */
  groups: [string, string | undefined][] = [];
  /** Datagrams behind a name being resolved (undefined: nothing pending). */
  queue: Queued[] | undefined = undefined;
  eventHandler: LuaValue = undefined;
  onData: LuaValue = undefined;

  constructor(metatable: LuaValue) {
    super();
    this.metatable = metatable;
  }

  get isOpen(): boolean {
    return this.sock !== undefined;
  }

  /** Bind now; returns the Node error when that failed (the socket then stays closed). */
  open(ip: string | undefined, port: number): Error | undefined {
    this.close();
    const s = dgram.createSocket({ type: "udp4", lookup: literalLookup as never }) as OwnedSocket;
    let failure: Error | undefined;
    let bound = false;
    const onBindError = (e: Error) => void (failure ??= e);
    s.on("error", onBindError);
    s.once("listening", () => (bound = true));
    try {
      // exclusive: never share the port through a cluster primary (that would bind later).
      s.bind({ port, address: ip, exclusive: true });
    } catch (e) {
      failure ??= e as Error;
    }
    s.removeListener("error", onBindError);
    if (failure !== undefined || !bound) {
      s.on("error", () => {});
      s.close();
      return failure ?? new Error("bind did not complete");
    }
    s[OWNER] = this;
    s.on("message", onMessage);
    s.on("error", onSocketError);
    this.sock = s;
    this.localIp = ip;
    trackDatagram(s);
    // Wake-on-LAN and discovery send to broadcast addresses; Linux refuses those without it.
    s.setBroadcast(true);
    s.setMulticastTTL(this.multicastTtl);
    // Multicast leaves through the interface Open named, as unicast does (best effort).
    if (ip !== undefined && ip !== "0.0.0.0") {
      try {
        s.setMulticastInterface(ip);
      } catch {}
    }
    const groups = this.groups;
    this.groups = [];
    for (const [group, local] of groups) {
      const err = this.join(group, local);
      if (err !== undefined) writeStderr(`UdpSocket: JoinMulticast ${group}: ${reasonText(err)}\n`);
    }
    return undefined;
  }

  close(): void {
    const s = this.sock;
    if (s === undefined) return;
    this.sock = undefined;
    this.queue = undefined;
    untrackDatagram(s);
    try {
      s.close();
    } catch {
      // Already closed by a shutdown.
    }
  }

  /** Join a multicast group (remembered until Open when closed); returns a Node error. */
  join(group: string, local: string | undefined): Error | undefined {
    const s = this.sock;
    if (s === undefined) {
      this.groups.push([group, local]);
      return undefined;
    }
    try {
      s.addMembership(group, local);
    } catch (e) {
      // Joining a group twice is no failure: the socket is a member.
      if ((e as { code?: string }).code !== "EADDRINUSE") return e as Error;
    }
    return undefined;
  }

  setMulticastTtl(ttl: number): void {
    this.multicastTtl = ttl;
    this.sock?.setMulticastTTL(ttl);
  }

  /** One datagram to host:port (already mapped). The caller checked that the socket is open. */
  send(host: string, port: number, bytes: Buffer): void {
    if (this.queue === undefined && net.isIPv4(host)) this.sock!.send(bytes, port, host, onSent);
    else {
      // Behind a name being resolved, even an address waits: datagrams leave in Send order.
      const q = (this.queue ??= []);
      q.push({ host, port, bytes });
      if (q.length === 1) this.sendQueued();
    }
  }

  /** Send queued datagrams in order, resolving names one at a time. */
  private sendQueued(): void {
    const s = this.sock;
    const q = this.queue;
    if (s === undefined || q === undefined) return;
    while (q.length > 0) {
      const d = q[0];
      if (!net.isIPv4(d.host)) {
        dns.lookup(d.host, { family: 4 }, (err, address) => {
          if (this.queue !== q) return; // closed (or reopened) meanwhile: the datagrams go with it
          q.shift();
          if (err) writeStderr(`UdpSocket: cannot send to '${d.host}': ${connectErrorText(err)}\n`);
          else s.send(d.bytes, d.port, address, onSent);
          this.sendQueued();
        });
        return;
      }
      q.shift();
      s.send(d.bytes, d.port, d.host, onSent);
    }
    this.queue = undefined;
  }

  /** One datagram arrived: Data first, then EventHandler (decision 2), in one turn. */
  receive(s: dgram.Socket, data: string, address: string, port: number): void {
    if (eventsStopped() || this.sock !== s) return;
    if (inTurn()) {
      deliver(() => this.receive(s, data, address, port));
      return;
    }
    const cb = this.onData;
    const eh = this.eventHandler;
    if (cb === undefined && eh === undefined) return;
    const [a, p] = unmapConnectSource(address, port);
    const packet = tableOf(undefined, { Address: a, Port: p, Data: data });
    beginTurn();
    try {
      if (cb !== undefined) protectedCall(cb, 2, this, packet);
      if (eh !== undefined) protectedCall(eh, 2, this, packet);
    } finally {
      endTurn();
    }
  }
}

/** node:dgram's address lookup for sockets given only IPv4 literals: answered at once. */
function literalLookup(host: string, _family: unknown, cb: (err: Error | null, address: string, family: number) => void): void {
  cb(null, host, 4);
}

// ---- shared Node listeners (this = the dgram.Socket) ---------------------------------------

function onMessage(this: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
  (this as OwnedSocket)[OWNER].receive(this, msg.toString("latin1"), rinfo.address, rinfo.port);
}

function onSocketError(this: dgram.Socket, e: Error): void {
  // UDP has no error event for scripts; a failure after Open is reported, never fatal.
  writeStderr(`UdpSocket: ${reasonText(e)}\n`);
}

function onSent(err: Error | null): void {
  if (err) {
    const e = err as Error & { address?: string; port?: number };
    writeStderr(`UdpSocket: send to ${e.address}:${e.port} failed: ${reasonText(e)}\n`);
  }
}

/** The local port an open socket is bound to (for tests and tools), or undefined. */
export function localPort(o: UdpSocketObject): number | undefined {
  return o.sock?.address().port;
}
