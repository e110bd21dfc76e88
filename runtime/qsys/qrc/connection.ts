// One QRC client connection: bytes in, frames out (qrc.md §0, §1).
//
// - On accept, EngineStatus is pushed before anything else (qrc.md §3).
// - Frames are NUL-terminated UTF-8 JSON; a frame that is only whitespace (a stray "\r\n"
//   or an empty frame between two NULs) is skipped without a reply. A frame that is not
//   valid UTF-8 is a parse error (-32700), like one that is not JSON.
// - A frame longer than the cap gets -32600 with id null as soon as the cap is passed;
//   the rest of it is dropped up to its NUL and the connection goes on (framing.ts).
// - Replies go out in arrival order; the replies to all frames of one chunk leave in one
//   write. While the client does not read its replies (the socket's buffer is full),
//   reading stops, so a client that only writes cannot grow our memory.
// - Any inbound frame restarts the idle timer; when it runs out (60 s by default,
//   qrc.md §0 item 6; 0 turns it off) the connection is closed.
// - A peer that resets, or leaves half a frame behind, only ends its own connection; its
//   change groups and AutoPoll timers die with it.
import type net from "node:net";
import { FrameSplitter } from "./framing.ts";
import { errorFrame, ErrorCode, notificationFrame, PARSE_ERROR_MESSAGE } from "./jsonrpc.ts";
import type { Outbox, Session } from "./session.ts";
import { statusText } from "./shapes.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const BLANK = /^[ \t\r\n]*$/;
/** How long an idle-closed connection may take to flush before it is cut. */
const CLOSE_GRACE_MS = 2000;

export interface ConnectionOptions {
  idleTimeoutMs: number;
  maxFrameBytes: number;
}

export class QrcConnection implements Outbox {
  private readonly splitter: FrameSplitter;
  private readonly idle: NodeJS.Timeout | undefined;
  private pending: string[] = [];
  private closed = false;
  private paused = false;
  readonly session: Session;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: ConnectionOptions,
    makeSession: (outbox: Outbox) => Session,
    private readonly onClosed: (c: QrcConnection) => void,
  ) {
    this.splitter = new FrameSplitter(options.maxFrameBytes);
    this.session = makeSession(this);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("drain", () => this.onDrain());
    socket.on("error", () => {}); // a reset or broken pipe: "close" follows
    socket.on("close", () => this.onClose());
    if (options.idleTimeoutMs > 0) this.idle = setTimeout(() => this.close(), options.idleTimeoutMs);
    try {
      socket.write(notificationFrame("EngineStatus", statusText(this.session.design)) + "\0");
    } catch {
      // The design could not say its status (a control model fault): serve requests anyway.
    }
  }

  ready(): boolean {
    return !this.closed && !this.socket.writableNeedDrain;
  }

  send(frame: string): void {
    if (!this.closed) this.socket.write(frame + "\0");
  }

  /** Close the connection (idle, or the server stopping); pending replies are flushed first. */
  close(): void {
    if (this.closed) return;
    this.finish();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.splitter.push(chunk, this.onFrame, this.onOversized);
    if (this.pending.length > 0) {
      this.socket.write(this.pending.join("\0") + "\0");
      this.pending = [];
    }
    if (this.socket.writableNeedDrain && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  }

  private readonly onFrame = (frame: Buffer): void => {
    if (this.closed) return;
    this.idle?.refresh();
    let text: string;
    try {
      text = utf8.decode(frame);
    } catch {
      this.pending.push(errorFrame(ErrorCode.ParseError, PARSE_ERROR_MESSAGE, "null"));
      return;
    }
    if (BLANK.test(text)) return;
    let reply: string | undefined;
    try {
      reply = this.session.handle(text);
    } catch (e) {
      // handle() answers every fault of a method itself; this is a last guard for the process.
      reply = errorFrame(ErrorCode.ServerError, `Server error. ${e instanceof Error ? e.message : String(e)}`, "null");
    }
    if (reply !== undefined) this.pending.push(reply);
  };

  private readonly onOversized = (): void => {
    this.idle?.refresh();
    const message = `Invalid Request. Frame longer than ${this.options.maxFrameBytes} bytes; dropped up to its NUL.`;
    this.pending.push(errorFrame(ErrorCode.InvalidRequest, message, "null"));
  };

  private onDrain(): void {
    if (!this.paused || this.closed) return;
    this.paused = false;
    this.socket.resume();
  }

  private onClose(): void {
    this.finish();
    this.onClosed(this);
  }

  /** Stop everything this connection runs: idle timer, change groups, AutoPolls. */
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    this.session.close();
  }
}
