// What Lua sees of WebSocket (qsys-api.md §5, the Q-SYS WebSocket help page):
// `WebSocket.New()`, and a socket's Connect, Write, Close, Ping and the callbacks Connected,
// Data, Error, Closed, Pong. The connection itself is websocket.ts.
//
// The help lists no IsConnected, EventHandler or timeouts, so they are unknown members here.
// Where it is silent (README "WebSocket"): Write and Ping raise when the socket is not
// connected, as TcpSocket's Write does; Close raises no event; there is no reconnect.
import { validateHeaderName, validateHeaderValue } from "node:http";
import { isIPv6 } from "node:net";
import { argError, checkInt, checkString, typeError } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { tostring } from "../lua/concat.ts";
import { runtimeError } from "../lua/errors.ts";
import { LuaTable } from "../lua/table.ts";
import { isNumber, truthy, type LuaValue } from "../lua/value.ts";
import { checkGiven, classMetatable, libraryTable, type Getter, type Setter } from "./object.ts";
import { mapConnectTarget } from "./port-map.ts";
import { WebSocketObject, type ConnectSpec } from "./websocket.ts";

type W = WebSocketObject;

/** ws:Connect(scheme, host, path, port [, subprotocol [, headers]]); self is argument #1. */
function Connect(self: W, scheme: LuaValue, host: LuaValue, path: LuaValue, port: LuaValue, subprotocol: LuaValue, headers: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Connect", "string");
  checkGiven(arguments.length, 3, "Connect", "string");
  checkGiven(arguments.length, 4, "Connect", "string");
  checkGiven(arguments.length, 5, "Connect", "number");
  const s = checkString(scheme, 2, "Connect").toLowerCase();
  if (s !== "ws" && s !== "wss") throw argError(2, "Connect", `scheme must be "ws" or "wss", got "${tostring(scheme)}"`);
  const h = hostName(checkString(host, 3, "Connect"));
  const p = checkInt(port, 5, "Connect");
  if (p < 0 || p > 65535) throw argError(5, "Connect", "port out of range");
  const [targetHost, targetPort] = mapConnectTarget(h, p);
  const spec: ConnectSpec = {
    secure: s === "wss",
    host: h,
    port: p,
    path: requestPath(checkString(path, 4, "Connect")),
    targetHost,
    targetPort,
    protocols: subprotocols(subprotocol),
    headers: headerList(headers),
  };
  self.connect(spec);
  return NONE;
}

/** A host name or IPv4 address, or an IPv6 address with or without brackets (returned without). */
function hostName(text: string): string {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (isIPv6(bare) || /^[A-Za-z0-9._-]+$/.test(bare)) return bare;
  throw argError(3, "Connect", `invalid host '${text}'`);
}

/** The path as sent: a leading "/" added if missing; bytes a URL cannot carry as they are percent-encoded. */
function requestPath(path: string): string {
  const p = path.startsWith("/") ? path : "/" + path;
  return p.replace(/[^\x21-\x7e]|[#\\]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

/** nil or "" for none; several may be given comma-separated ("chat, superchat"). */
function subprotocols(v: LuaValue): string[] {
  if (v === undefined) return [];
  const text = checkString(v, 6, "Connect");
  const list = text.split(",").map((x) => x.trim()).filter((x) => x !== "");
  for (const x of list) if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(x)) throw argError(6, "Connect", `invalid subprotocol '${x}'`);
  return list;
}

/** The headers table: name -> string (numbers are converted), checked as HTTP allows. */
function headerList(v: LuaValue): [string, string][] {
  if (v === undefined) return [];
  if (!(v instanceof LuaTable)) throw typeError(v, 7, "Connect", "table");
  const out: [string, string][] = [];
  for (let e = v.next(undefined); e !== undefined; e = v.next(e[0])) {
    const [k, value] = e;
    if (typeof k !== "string") throw argError(7, "Connect", `header names must be strings (got ${tostring(k)})`);
    if (typeof value !== "string" && !isNumber(value)) throw argError(7, "Connect", `header '${k}' must be a string`);
    const text = tostring(value);
    try {
      validateHeaderName(k);
      validateHeaderValue(k, text);
    } catch {
      throw argError(7, "Connect", `invalid header '${k}'`);
    }
    out.push([k, text]);
  }
  return out;
}

function Write(self: W, msg: LuaValue, isBinary: LuaValue): LuaValue {
  if (typeof msg !== "string") checkGiven(arguments.length, 2, "Write", "string");
  const bytes = typeof msg === "string" ? msg : checkString(msg, 2, "Write");
  if (!self.isOpen) throw runtimeError("WebSocket is not connected");
  self.write(bytes, truthy(isBinary));
  return NONE;
}

function Ping(self: W): LuaValue {
  if (!self.isOpen) throw runtimeError("WebSocket is not connected");
  self.ping();
  return NONE;
}

function Close(self: W): LuaValue {
  self.close();
  return NONE;
}

const methods = { Connect, Write, Close, Ping };

const isWebSocket = (o: unknown): o is W => o instanceof WebSocketObject;

const props: Record<string, Getter<W>> = {
  Connected: (o) => o.onConnected,
  Data: (o) => o.onData,
  Error: (o) => o.onError,
  Closed: (o) => o.onClosed,
  Pong: (o) => o.onPong,
};

const setters: Record<string, Setter<W>> = {
  Connected: (o, f) => {
    o.onConnected = f;
  },
  Data: (o, f) => {
    o.onData = f;
  },
  Error: (o, f) => {
    o.onError = f;
  },
  Closed: (o, f) => {
    o.onClosed = f;
  },
  Pong: (o, f) => {
    o.onPong = f;
  },
};

function webSocketLibrary(): LuaTable {
  const metatable = classMetatable<W>("WebSocket", isWebSocket, methods, props, setters);
  // The help's example prints a WebSocket as "websocket".
  metatable.set("__tostring", () => "websocket");
  // `WebSocket.New()` and `WebSocket:New()` both work: the arguments are ignored.
  const New = (): LuaValue => new WebSocketObject(metatable);
  return libraryTable("WebSocket", { New });
}

/** The Lua global `WebSocket`. Pure: a bundle that never uses it drops this module. */
export const WebSocket = /* @__PURE__ */ webSocketLibrary();
