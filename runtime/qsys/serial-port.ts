// One SerialPorts[n]: its open/close state machine over the link serial-link.ts gives
// (qsys-api.md §2.5; the buffer and events are TcpSocket's, §2.1–2.4).
//
//   closed --Open--> opening --link up--> open --device hangs up--> Closed event
//                       |                   '--I/O error--> Error event
//                       '--failure--> Error event
//   While the script wants the port open (Open called, Close not), a lost or failed link is
//   tried again after the reconnect delay, each attempt announced by a Reconnect event.
//   Close() closes without any event, after the bytes already written went out.
//
// A terminal device opens synchronously: IsOpen is true when Open returns, as on a Core's
// own UART. A device server is reached over TCP: IsOpen turns true with the Connected event.
// Connected (and any failure) is always delivered from the event loop, after the current
// handler or the script's top level. SerialPorts raise no Timeout: the library has no
// ReadTimeout (qsys-api.md, SerialServerPorts example).
import type net from "node:net";
import type { LuaValue } from "../lua/value.ts";
import { ByteStream } from "./byte-stream.ts";
import { deliver, eventsStopped, inTurn, raiseObjectEvent } from "./events.ts";
import { connectTcp, openDevice, systemText, type LineSettings } from "./serial-link.ts";
import { targetText, type SerialTarget } from "./serial-map.ts";
import { isStopping, trackSocket, untrackSocket } from "./service.ts";
import { connectErrorText, errorText } from "./tcp-errors.ts";
import { CLOSED, CONNECTED, DATA, ERROR, EVENT_NAMES, RECONNECT } from "./tcp-socket.ts";

const IDLE = 0;
const OPENING = 1;
const OPEN = 2;

/** How long bytes written before Close() may take to leave. */
const LINGER_MS = 30_000;

export class SerialPortObject extends ByteStream {
  private state = IDLE;
  /** Open() called and Close() not since: a lost link is opened again. */
  private wanted = false;
  private settings: LineSettings = { baud: 9600, dataBits: 8, parity: "N", stopBits: 1 };
  private reconnectSeconds = 0;
  private reconnectTimer: NodeJS.Timeout | undefined = undefined;
  /** Bumped whenever an attempt ends or is abandoned: deferred work of an old one is dropped. */
  private attempt = 0;

  /** Per-event callbacks by event kind (Connected..Timeout), and the catch-all. */
  readonly callbacks: LuaValue[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  eventHandler: LuaValue = undefined;

  constructor(
    metatable: LuaValue,
    readonly target: SerialTarget,
  ) {
    super();
    this.metatable = metatable;
  }

  get isOpen(): boolean {
    return this.state === OPEN;
  }

  /** Open (again) with these settings; an open link is first closed without an event. */
  open(settings: LineSettings, reconnectSeconds: number): void {
    this.closeQuietly();
    this.wanted = true;
    this.settings = settings;
    this.reconnectSeconds = reconnectSeconds;
    this.tryOpen();
  }

  close(): void {
    this.wanted = false;
    this.closeQuietly();
  }

  private tryOpen(): void {
    this.buf.clear();
    this.paused = false;
    const n = ++this.attempt;
    const t = this.target;
    if (t.kind === "tcp") {
      const s = connectTcp(t);
      this.sock = s;
      this.state = OPENING;
      this.attach(s);
      this.attachData(s);
      s.once("connect", () => {
        if (this.sock === s && this.state === OPENING) {
          this.state = OPEN;
          this.emit(CONNECTED, undefined);
        }
      });
      return;
    }
    let s: net.Socket;
    try {
      s = openDevice(t.path, this.settings);
    } catch (e) {
      this.state = IDLE;
      const text = (e as Error).message;
      setImmediate(() => {
        if (this.attempt === n) this.end(ERROR, text);
      });
      return;
    }
    this.sock = s;
    this.state = OPEN;
    this.attach(s);
    // Reading starts once Connected was delivered, so Data never comes first.
    setImmediate(() => {
      if (this.sock !== s) return;
      this.emit(CONNECTED, undefined);
      if (this.sock === s) this.attachData(s);
    });
  }

  private attach(s: net.Socket): void {
    s.on("end", () => {
      if (this.sock === s && this.state === OPEN) this.end(CLOSED, undefined);
    });
    s.on("error", (e: Error) => {
      if (this.sock === s && this.state !== IDLE) this.end(ERROR, this.errorMessage(e));
    });
    s.on("close", () => {
      untrackSocket(s);
      // Closed without 'end' or 'error': still exactly one event.
      if (this.sock === s && this.state !== IDLE)
        this.end(this.state === OPEN ? CLOSED : ERROR, this.state === OPEN ? undefined : `${targetText(this.target)}: closed`);
    });
    trackSocket(s);
  }

  /** Start reading (a tty stream reads only once it has a 'data' listener). */
  private attachData(s: net.Socket): void {
    s.on("data", (chunk: Buffer) => {
      if (this.sock !== s || this.state !== OPEN) return;
      this.received(chunk);
      this.emit(DATA, undefined);
    });
  }

  /** "tcp:10.0.0.9:4001: connection refused", "/dev/ttyUSB0: input/output error". */
  private errorMessage(e: unknown): string {
    const t = this.target.kind;
    const text = t === "device" ? systemText(e) : (e as { syscall?: string }).syscall === "getaddrinfo" ? connectErrorText(e) : errorText(e);
    return `${targetText(this.target)}: ${text}`;
  }

  /** Close the link without any event; what was written still goes out (bounded wait). */
  private closeQuietly(): void {
    this.attempt++;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const s = this.sock;
    this.sock = undefined;
    if (s !== undefined) {
      if (this.state === OPEN) {
        if (this.out !== "") s.write(this.out, "latin1");
        s.end();
        if (s.writableFinished) s.destroy();
        else {
          const t = setTimeout(() => s.destroy(), LINGER_MS);
          s.once("close", () => clearTimeout(t));
          s.once("finish", () => s.destroy());
        }
      } else s.destroy();
    }
    this.out = "";
    this.state = IDLE;
  }

  /** The link ended with `kind` (Closed or Error): report it, then maybe open again. */
  private end(kind: number, err: string | undefined): void {
    this.attempt++;
    const s = this.sock;
    this.sock = undefined;
    this.state = IDLE;
    this.out = "";
    s?.destroy();
    this.emit(kind, err);
    // The handler may have called Open or Close itself.
    if (this.wanted && this.state === IDLE && this.reconnectTimer === undefined && this.reconnectSeconds > 0 && !isStopping())
      this.reconnectTimer = setTimeout(() => this.reconnectTimerFired(), this.reconnectSeconds * 1000);
  }

  private reconnectTimerFired(): void {
    this.reconnectTimer = undefined;
    if (!this.wanted || isStopping()) return;
    this.emit(RECONNECT, undefined);
    if (this.wanted && this.state === IDLE && this.reconnectTimer === undefined) this.tryOpen();
  }

  /** Deliver one event: the per-event callback first, then EventHandler (decision 2). */
  private emit(kind: number, err: string | undefined): void {
    if (eventsStopped()) return;
    if (inTurn()) {
      deliver(() => this.emit(kind, err));
      return;
    }
    raiseObjectEvent(this, this.callbacks[kind], this.eventHandler, EVENT_NAMES[kind], err, kind === ERROR);
  }
}
