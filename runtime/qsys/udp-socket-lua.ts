// What Lua sees of UdpSocket (qsys-api.md §5): `UdpSocket.New()`, and a socket's Open, Close,
// Send, JoinMulticast, MulticastTtl, EventHandler and Data. The socket itself is udp-socket.ts.
//
// Addresses: Open and JoinMulticast take IPv4 literals (local interfaces, groups); Send takes
// an IPv4 literal or a host name, resolved before sending (the help says "IP address"; names
// cost nothing to allow). Ports of Open go through QSYS2TS_PORT_MAP and Send destinations
// through QSYS2TS_CONNECT_MAP (port-map.ts).
import { argError, checkInt, checkString } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { runtimeError } from "../lua/errors.ts";
import { typeNameForError } from "../lua/meta.ts";
import { str2number } from "../lua/number.ts";
import { LuaFloat, type LuaValue } from "../lua/value.ts";
import { checkGiven, classMetatable, libraryTable } from "./object.ts";
import { mapConnectTarget, mapListenPort } from "./port-map.ts";
import { MAX_DATAGRAM, reasonText, UdpSocketObject } from "./udp-socket.ts";

type U = UdpSocketObject;

const isIPv4 = (s: string): boolean => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);

/** 224.0.0.0–239.255.255.255 (class D). */
function isMulticast(s: string): boolean {
  if (!isIPv4(s)) return false;
  const first = Number(s.slice(0, s.indexOf(".")));
  return first >= 224 && first <= 239;
}

/** An optional local IPv4 address argument: nil or "" is undefined (all interfaces). */
function localAddress(v: LuaValue, n: number, fname: string): string | undefined {
  if (v === undefined) return undefined;
  const ip = checkString(v, n, fname);
  if (ip === "") return undefined;
  if (!isIPv4(ip)) throw argError(n, fname, `invalid IP address '${ip}'`);
  return ip;
}

function Open(self: U, ip: LuaValue, port: LuaValue): LuaValue {
  const local = localAddress(ip, 2, "Open");
  let asked = 0;
  if (port !== undefined) {
    asked = checkInt(port, 3, "Open");
    if (asked < 0 || asked > 65535) throw argError(3, "Open", "port out of range");
  }
  const p = asked === 0 ? 0 : mapListenPort(asked);
  const err = self.open(local, p);
  if (err !== undefined) {
    const where = local === undefined ? `port ${asked}` : `${local}:${asked}`;
    throw runtimeError(`Could not bind to ${where}: ${reasonText(err)}`);
  }
  return NONE;
}

function Close(self: U): LuaValue {
  self.close();
  return NONE;
}

function Send(self: U, host: LuaValue, port: LuaValue, data: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Send", "string");
  checkGiven(arguments.length, 3, "Send", "number");
  const h = checkString(host, 2, "Send");
  const p = checkInt(port, 3, "Send");
  if (typeof data !== "string") checkGiven(arguments.length, 4, "Send", "string");
  const s = typeof data === "string" ? data : checkString(data, 4, "Send");
  if (h === "") throw argError(2, "Send", "IP address expected, got empty string");
  // Something shaped like an address that is none (999.1.1.1) is a mistake, not a host name.
  if (/^[\d.]+$/.test(h) && !isIPv4(h)) throw argError(2, "Send", `invalid IP address '${h}'`);
  if (h.includes(":")) throw argError(2, "Send", `IPv4 address expected, got '${h}'`);
  if (p < 1 || p > 65535) throw argError(3, "Send", "port out of range");
  if (s.length > MAX_DATAGRAM) throw argError(4, "Send", `data too long (${s.length} bytes, at most ${MAX_DATAGRAM})`);
  if (!self.isOpen) throw runtimeError("UdpSocket is not open");
  const [mh, mp] = mapConnectTarget(h, p);
  self.send(mh, mp, Buffer.from(s, "latin1"));
  return NONE;
}

function JoinMulticast(self: U, group: LuaValue, localIp: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "JoinMulticast", "string");
  const g = checkString(group, 2, "JoinMulticast");
  if (!isMulticast(g))
    throw argError(2, "JoinMulticast", `multicast address expected, got '${g}'`);
  const local = localAddress(localIp, 3, "JoinMulticast");
  const err = self.join(g, local);
  if (err !== undefined) throw runtimeError(`Could not join multicast group ${g}: ${reasonText(err)}`);
  return NONE;
}

/** MulticastTtl accepts an integer 0–255 (a numeric string or an integral float too). */
function ttlValue(v: LuaValue): number {
  let n: number | undefined;
  if (typeof v === "number") n = v;
  else if (v instanceof LuaFloat) n = v.n;
  else if (typeof v === "string") {
    const x = str2number(v);
    if (typeof x === "number") n = x;
    else if (x instanceof LuaFloat) n = x.n;
  }
  if (n === undefined) throw runtimeError(`bad value for UdpSocket.MulticastTtl (number expected, got ${typeNameForError(v)})`);
  if (!Number.isInteger(n) || n < 0 || n > 255)
    throw runtimeError(`bad value for UdpSocket.MulticastTtl (integer from 0 to 255 expected, got ${n})`);
  return n;
}

const udpMetatable = classMetatable<U>(
  "UdpSocket",
  (o): o is U => o instanceof UdpSocketObject,
  { Open, Close, Send, JoinMulticast },
  {
    MulticastTtl: (o) => o.multicastTtl,
    EventHandler: (o) => o.eventHandler,
    Data: (o) => o.onData,
  },
  {
    MulticastTtl: (o, v) => o.setMulticastTtl(ttlValue(v)),
    EventHandler: (o, f) => {
      o.eventHandler = f;
    },
    Data: (o, f) => {
      o.onData = f;
    },
  },
);

/** The Lua global `UdpSocket`. `New()` and `:New()` both work. */
export const UdpSocket = libraryTable("UdpSocket", {
  New: (): LuaValue => new UdpSocketObject(udpMetatable),
});
