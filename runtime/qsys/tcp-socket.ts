// TcpSocket's connection state machine over node:net / node:tls (qsys-api.md §2.4).
//
//   idle --Connect--> connecting --connect--> open --FIN--> Closed event
//                          |                    |--error--> Error event
//                          '--error--> Error    '--idle too long--> Timeout event (socket closed)
//   After Closed/Error/Timeout a client socket waits ReconnectTimeout, raises Reconnect and
//   connects again, until Disconnect(). Sockets accepted by a TcpSocketServer start open and
//   never reconnect. Exactly one of Closed/Error/Timeout ends a connection.
//
// Node listeners are shared functions (this = the net.Socket, owner found through a symbol)
// rather than closures per connection: less memory per connection, same behaviour.
import net from "node:net";
import tls from "node:tls";
import type { LuaValue } from "../lua/value.ts";
import { ByteStream } from "./byte-stream.ts";
import { deliver, eventsStopped, inTurn, raiseObjectEvent } from "./events.ts";
import { isStopping, trackSocket, untrackSocket } from "./service.ts";
import { connectErrorText, errorText, ipv4Text } from "./tcp-errors.ts";

/** Event kinds, indexes into EVENT_NAMES. */
export const CONNECTED = 0;
export const RECONNECT = 1;
export const DATA = 2;
export const CLOSED = 3;
export const ERROR = 4;
export const TIMEOUT = 5;
/** TcpSocket.Events values (decision 8), by kind. */
export const EVENT_NAMES = ["CONNECTED", "RECONNECT", "DATA", "EOF", "ERROR", "TIMEOUT"];

const IDLE = 0;
const CONNECTING = 1;
const OPEN = 2;

export { HIGH_WATER } from "./byte-stream.ts";

/** How long queued bytes may take to leave after Disconnect (WriteTimeout, if set, instead). */
const LINGER_MS = 30_000;

const OWNER = Symbol("TcpSocket");
type OwnedSocket = net.Socket & { [OWNER]: TcpSocketObject };

/** TLS settings of a socket made by TcpSocket.NewTls(). */
export interface TlsSettings {
  clientCert: string | undefined;
  clientKey: string | undefined;
  caCert: string | undefined;
  validate: boolean;
}

export class TcpSocketObject extends ByteStream {
  state = IDLE;
  peerAddress = "";
  host = "";
  port = 0;
  /** Set by Disconnect(): no reconnect until the next Connect(). */
  disconnected = false;

  readTimeout = 0;
  writeTimeout = 0;
  reconnectTimeout = 5;
  private readTimer: NodeJS.Timeout | undefined = undefined;
  private writeTimer: NodeJS.Timeout | undefined = undefined;
  private reconnectTimer: NodeJS.Timeout | undefined = undefined;
  lastData = 0;
  private writtenAtCheck = 0;

  eventHandler: LuaValue = undefined;
  onConnected: LuaValue = undefined;
  onReconnect: LuaValue = undefined;
  onData: LuaValue = undefined;
  onClosed: LuaValue = undefined;
  onError: LuaValue = undefined;
  onTimeout: LuaValue = undefined;

  constructor(
    metatable: LuaValue,
    readonly isServerSide: boolean,
    readonly tlsSettings: TlsSettings | undefined,
  ) {
    super();
    this.metatable = metatable;
  }

  get isConnected(): boolean {
    return this.state === OPEN;
  }

  /** Adopt a connection accepted by a TcpSocketServer. */
  adopt(s: net.Socket): void {
    this.sock = s;
    this.state = OPEN;
    this.peerAddress = ipv4Text(s.remoteAddress);
    this.lastData = Date.now();
    attach(s, this);
  }

  connect(host: string, port: number): void {
    this.closeQuietly();
    this.disconnected = false;
    this.host = host;
    this.port = port;
    this.open();
  }

  private open(): void {
    this.buf.clear();
    this.paused = false;
    this.state = CONNECTING;
    const t = this.tlsSettings;
    let s: net.Socket;
    if (t === undefined) s = net.connect({ host: this.host, port: this.port, noDelay: true });
    else {
      s = tls.connect({
        host: this.host,
        port: this.port,
        servername: net.isIP(this.host) === 0 ? this.host : undefined,
        rejectUnauthorized: t.validate,
        ca: t.caCert || undefined,
        cert: t.clientCert || undefined,
        key: t.clientKey || undefined,
      });
      s.setNoDelay(true);
    }
    this.sock = s;
    attach(s, this);
    s.on(t === undefined ? "connect" : "secureConnect", onConnect);
  }

  /** Close without any event (Disconnect, Connect over an existing connection). */
  closeQuietly(): void {
    this.clearTimers();
    const s = this.sock;
    if (s !== undefined) {
      if (this.state === OPEN) {
        this.flushOut();
        this.sock = undefined;
        s.end();
        if (s.writableFinished) s.destroy();
        else lingerThenDestroy(s, this.writeTimeout > 0 ? this.writeTimeout * 1000 : LINGER_MS);
      } else s.destroy();
    }
    this.sock = undefined;
    this.out = "";
    this.state = IDLE;
  }

  disconnect(): void {
    this.disconnected = true;
    this.closeQuietly();
  }

  get isOpen(): boolean {
    return this.state === OPEN;
  }

  /** Queue bytes (see ByteStream); a WriteTimeout starts counting. Caller checked OPEN. */
  write(data: string): void {
    super.write(data);
    if (this.writeTimeout > 0 && this.writeTimer === undefined) this.armWriteTimer();
  }

  // ---- timeouts -------------------------------------------------------------------------

  armReadTimer(): void {
    if (this.readTimer !== undefined) clearTimeout(this.readTimer);
    this.readTimer = undefined;
    if (this.readTimeout > 0 && this.state === OPEN)
      this.readTimer = setTimeout(onReadTimer, this.readTimeout * 1000 - (Date.now() - this.lastData), this);
  }

  armWriteTimer(): void {
    if (this.writeTimer !== undefined) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    if (this.writeTimeout > 0 && this.state === OPEN) {
      this.writtenAtCheck = this.sock!.bytesWritten;
      this.writeTimer = setTimeout(onWriteTimer, this.writeTimeout * 1000, this);
    }
  }

  readTimerFired(): void {
    this.readTimer = undefined;
    if (this.state !== OPEN) return;
    const left = this.readTimeout * 1000 - (Date.now() - this.lastData);
    if (left > 1) this.readTimer = setTimeout(onReadTimer, left, this);
    else this.timeout();
  }

  writeTimerFired(): void {
    this.writeTimer = undefined;
    if (this.state !== OPEN) return;
    const s = this.sock!;
    if (s.writableLength === 0 && this.out === "") return;
    // Data still waits to leave: time out only if nothing moved during the whole period.
    if (s.bytesWritten === this.writtenAtCheck) this.timeout();
    else this.armWriteTimer();
  }

  private timeout(): void {
    const s = this.sock!;
    this.end(TIMEOUT, undefined);
    s.destroy();
  }

  private clearTimers(): void {
    if (this.readTimer !== undefined) clearTimeout(this.readTimer);
    if (this.writeTimer !== undefined) clearTimeout(this.writeTimer);
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.readTimer = this.writeTimer = this.reconnectTimer = undefined;
  }

  // ---- events ---------------------------------------------------------------------------

  connected(): void {
    this.state = OPEN;
    this.lastData = Date.now();
    if (this.readTimeout > 0) this.armReadTimer();
    this.emit(CONNECTED, undefined);
  }

  /** The connection ended with `kind` (Closed, Error or Timeout): report it, maybe reconnect. */
  end(kind: number, err: string | undefined): void {
    this.clearTimers();
    this.sock = undefined;
    this.state = IDLE;
    this.out = "";
    this.emit(kind, err);
    if (!this.isServerSide && !this.disconnected && this.state === IDLE && this.sock === undefined) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimeout <= 0 || isStopping()) return;
    this.reconnectTimer = setTimeout(onReconnectTimer, this.reconnectTimeout * 1000, this);
  }

  reconnectTimerFired(): void {
    this.reconnectTimer = undefined;
    if (this.disconnected || isStopping()) return;
    this.emit(RECONNECT, undefined);
    // The handler may have called Connect or Disconnect itself.
    if (!this.disconnected && this.state === IDLE && this.reconnectTimer === undefined) this.open();
  }

  /** Deliver one event: the per-event callback first, then EventHandler (decision 2). */
  emit(kind: number, err: string | undefined): void {
    if (eventsStopped()) return;
    if (inTurn()) {
      deliver(() => this.emit(kind, err));
      return;
    }
    let cb: LuaValue;
    switch (kind) {
      case DATA:
        cb = this.onData;
        break;
      case CONNECTED:
        cb = this.onConnected;
        break;
      case RECONNECT:
        cb = this.onReconnect;
        break;
      case CLOSED:
        cb = this.onClosed;
        break;
      case ERROR:
        cb = this.onError;
        break;
      default:
        cb = this.onTimeout;
    }
    raiseObjectEvent(this, cb, this.eventHandler, EVENT_NAMES[kind], err, kind === ERROR);
  }
}

// ---- shared Node listeners (this = the net.Socket) -----------------------------------------

function attach(s: net.Socket, o: TcpSocketObject): void {
  (s as OwnedSocket)[OWNER] = o;
  s.on("data", onSocketData);
  s.on("end", onSocketEnd);
  s.on("error", onSocketError);
  s.on("close", onSocketClose);
  trackSocket(s);
}

function onConnect(this: net.Socket): void {
  const o = (this as OwnedSocket)[OWNER];
  if (o.sock === this && o.state === CONNECTING) o.connected();
}

function onSocketData(this: net.Socket, chunk: Buffer): void {
  const o = (this as OwnedSocket)[OWNER];
  if (o.sock !== this || o.state !== OPEN) return;
  o.received(chunk);
  if (o.readTimeout > 0) o.lastData = Date.now();
  o.emit(DATA, undefined);
}

function onSocketEnd(this: net.Socket): void {
  const o = (this as OwnedSocket)[OWNER];
  if (o.sock === this && o.state === OPEN) o.end(CLOSED, undefined);
}

function onSocketError(this: net.Socket, e: Error): void {
  const o = (this as OwnedSocket)[OWNER];
  if (o.sock !== this) return;
  if (o.state === CONNECTING) o.end(ERROR, connectErrorText(e));
  else if (o.state === OPEN) o.end(ERROR, errorText(e));
}

function onSocketClose(this: net.Socket): void {
  untrackSocket(this);
  const o = (this as OwnedSocket)[OWNER];
  // Closed without 'end' or 'error' (e.g. a TLS peer that vanished mid-handshake): still one event.
  if (o.sock === this && o.state !== IDLE) o.end(o.state === OPEN ? CLOSED : ERROR, o.state === OPEN ? undefined : "");
}

/**
 * After Disconnect, bytes still queued go out (decision 3) but not forever: a peer that
 * stops reading would otherwise hold the socket and its queue, and keep the process alive.
 */
function lingerThenDestroy(s: net.Socket, ms: number): void {
  const t = setTimeout(destroySocket, ms, s);
  s.once("close", () => clearTimeout(t));
  s.once("finish", destroyThis);
}

function destroySocket(s: net.Socket): void {
  s.destroy();
}

function destroyThis(this: net.Socket): void {
  this.destroy();
}

function onReadTimer(o: TcpSocketObject): void {
  o.readTimerFired();
}

function onWriteTimer(o: TcpSocketObject): void {
  o.writeTimerFired();
}

function onReconnectTimer(o: TcpSocketObject): void {
  o.reconnectTimerFired();
}
