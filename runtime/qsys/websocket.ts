// A WebSocket client connection (qsys-api.md §5, the Q-SYS WebSocket help page): one
// connection at a time, its events delivered to the Lua callbacks in handler turns. The Lua
// members are websocket-lua.ts.
//
//   idle --Connect--> connecting --handshake done--> open --peer closes--> Closed event
//                          '--failure--> Error            '--failure--> Error event
//   Close() ends either without an event. No automatic reconnect: the help lists no
//   ReconnectTimeout, so a script reconnects by calling Connect again (README).
//
// The protocol itself is the `ws` package, which the runtime entry does not import: a bundle
// carries it only when the program names WebSocket (compiler/bundle.ts imports
// websocket-client.ts, which hands the client class to setWebSocketClient and enters the
// global). This module and websocket-lua.ts have no side effects at load, so a bundle that
// never uses WebSocket drops them too.
import net from "node:net";
import tls from "node:tls";
import type { ClientOptions, WebSocket as WsClient } from "ws";
import { runtimeError } from "../lua/errors.ts";
import { LuaUserdata } from "../lua/meta.ts";
import type { LuaValue } from "../lua/value.ts";
import { beginTurn, deliver, endTurn, eventsStopped, inTurn, protectedCall } from "./events.ts";
import { trackClosable, untrackClosable, type Closable } from "./service.ts";
import { connectErrorText, errorText } from "./tcp-errors.ts";

type ClientClass = new (url: string, protocols: string[], options: ClientOptions) => WsClient;

let Client: ClientClass | undefined;

/** Called by websocket-client.ts when the program carries the ws package. */
export function setWebSocketClient(c: ClientClass): void {
  Client = c;
}

/** Event kinds. */
const CONNECTED = 0;
const DATA = 1;
const ERROR = 2;
const CLOSED = 3;
const PONG = 4;

const IDLE = 0;
const CONNECTING = 1;
const OPEN = 2;

/** A server that accepts the TCP connection but never answers the upgrade gets this long. */
const HANDSHAKE_MS = 30_000;
/** After Close, how long the server may take to answer the closing handshake. */
const CLOSE_MS = 5_000;
/** ws's readyState values. */
const WS_CONNECTING = 0;
const WS_CLOSED = 3;

/** What Connect was asked for, already checked (websocket-lua.ts). */
export interface ConnectSpec {
  secure: boolean;
  /** The host, port and path the script named: the URL, the Host header, the certificate check. */
  host: string;
  port: number;
  /** Request path and query, each byte outside printable ASCII percent-encoded. */
  path: string;
  /** Where the connection really goes (QSYS2TS_CONNECT_MAP). */
  targetHost: string;
  targetPort: number;
  protocols: string[];
  /** Header name -> value, in the script's order. */
  headers: [string, string][];
}

export class WebSocketObject extends LuaUserdata {
  client: WsClient | undefined = undefined;
  state = IDLE;
  onConnected: LuaValue = undefined;
  onData: LuaValue = undefined;
  onError: LuaValue = undefined;
  onClosed: LuaValue = undefined;
  onPong: LuaValue = undefined;

  constructor(metatable: LuaValue) {
    super();
    this.metatable = metatable;
  }

  get isOpen(): boolean {
    return this.state === OPEN;
  }

  /** Start connecting (an existing connection is closed first, without an event). */
  connect(spec: ConnectSpec): void {
    if (Client === undefined) {
      throw runtimeError("WebSocket client not loaded (a built program loads it when its source names WebSocket; otherwise import runtime/qsys/websocket-client.ts)");
    }
    this.close();
    const ws = new Client(url(spec), spec.protocols, clientOptions(spec));
    this.client = ws;
    this.state = CONNECTING;
    const closable = closableOf(ws);
    trackClosable(closable);
    // Every listener first checks that `ws` is still this object's connection: a replaced
    // or closed one may still report its own end, which nobody should hear.
    ws.on("open", () => {
      if (this.client !== ws) return;
      this.state = OPEN;
      this.emit(CONNECTED, undefined);
    });
    ws.on("message", (data: Buffer) => {
      if (this.client === ws) this.emit(DATA, data.toString("latin1"));
    });
    ws.on("pong", () => {
      if (this.client === ws) this.emit(PONG, undefined);
    });
    ws.on("error", (e: Error) => {
      if (this.client === ws) this.end(ERROR, failureText(e));
    });
    ws.on("close", () => {
      untrackClosable(closable);
      // Closed without an error first: the peer ended it (or the TCP connection dropped).
      if (this.client === ws) this.end(this.state === OPEN ? CLOSED : ERROR, "");
    });
  }

  /** Send one message; the caller checked that the connection is open. */
  write(bytes: string, binary: boolean): void {
    this.client!.send(Buffer.from(bytes, "latin1"), { binary, compress: false });
  }

  ping(): void {
    this.client!.ping();
  }

  /** Close without an event: the closing handshake (status 1000), or abandon a handshake. */
  close(): void {
    const ws = this.client;
    this.client = undefined;
    this.state = IDLE;
    if (ws === undefined) return;
    if (ws.readyState === WS_CONNECTING) ws.terminate();
    else ws.close(1000);
  }

  private end(kind: number, err: string): void {
    this.client = undefined;
    this.state = IDLE;
    this.emit(kind, err);
  }

  /** Deliver one event in its own handler turn (never inside another handler). */
  private emit(kind: number, arg: string | undefined): void {
    if (eventsStopped()) return;
    if (inTurn()) {
      deliver(() => this.emit(kind, arg));
      return;
    }
    const cb = kind === DATA ? this.onData : kind === CONNECTED ? this.onConnected : kind === ERROR ? this.onError : kind === CLOSED ? this.onClosed : this.onPong;
    if (cb === undefined) return;
    beginTurn();
    try {
      if (kind === DATA || kind === ERROR) protectedCall(cb, 2, this, arg);
      else protectedCall(cb, 1, this);
    } finally {
      endTurn();
    }
  }
}

/** The URL ws connects to: the script's host and port (so the Host header names them). */
function url(spec: ConnectSpec): string {
  const host = net.isIPv6(spec.host) ? `[${spec.host}]` : spec.host;
  return `${spec.secure ? "wss" : "ws"}://${host}:${spec.port}${spec.path}`;
}

function clientOptions(spec: ConnectSpec): ClientOptions & { closeTimeout: number } {
  // The handshake headers a Core sends first (the help's "Included Headers"); the script's
  // headers may replace them, while ws adds the protocol's own (Upgrade, Sec-WebSocket-*).
  const headers: Record<string, string> = { Pragma: "no-cache", "Cache-Control": "no-cache" };
  for (const [name, value] of spec.headers) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
    headers[name] = value;
  }
  const verify = process.env.QSYS2TS_HTTPS_INSECURE !== "1";
  return {
    headers,
    perMessageDeflate: false,
    // Bytes end to end: text frames are delivered as the peer sent them (a Core's Lua
    // strings are bytes too), never refused for their encoding.
    skipUTF8Validation: true,
    followRedirects: false,
    handshakeTimeout: HANDSHAKE_MS,
    closeTimeout: CLOSE_MS,
    // The TCP (or TLS) connection goes to the mapped target; names and certificates are
    // still those of the host the script named.
    createConnection: ((opts: tls.ConnectionOptions) => {
      // `path` is the request's path here: net.connect would take it for a Unix socket.
      const o = { ...opts, host: spec.targetHost, port: spec.targetPort, path: undefined };
      if (!spec.secure) return net.connect(o as net.NetConnectOpts);
      return tls.connect({
        ...o,
        servername: net.isIP(spec.host) === 0 ? spec.host : undefined,
        rejectUnauthorized: verify,
        checkServerIdentity: (_name, cert) => tls.checkServerIdentity(spec.host, cert),
      });
    }) as unknown as typeof net.createConnection,
  };
}

/** The text handed to Error: the system's words, as TcpSocket's errors read once connected. */
function failureText(e: Error): string {
  return (e as { syscall?: string }).syscall === "getaddrinfo" ? connectErrorText(e) : errorText(e);
}

/** How shutdown ends a connection: the closing handshake ("going away"), bounded by its wait. */
function closableOf(ws: WsClient): Closable {
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WS_CLOSED) return resolve();
        ws.once("close", () => resolve());
        if (ws.readyState === WS_CONNECTING) ws.terminate();
        else ws.close(1001);
      }),
    destroy: () => ws.terminate(),
  };
}
