// What TcpSocket and SerialPorts share on the way out and in: bytes written during a handler
// turn leave together when it ends (the same bytes, fewer system calls), and a receive buffer
// that stops the link past HIGH_WATER until the script has read it down.
import type net from "node:net";
import { LuaUserdata } from "../lua/meta.ts";
import { RecvBuffer } from "./buffer.ts";
import { inTurn, markDirty, type Corked } from "./events.ts";

/**
 * Past this many unread bytes the link stops reading (TCP backpressure reaches the peer)
 * until the script has read the buffer below half of it: a peer flooding without
 * terminators cannot exhaust memory, and nothing is dropped (README "receive buffer cap").
 */
export const HIGH_WATER = 16 * 1024 * 1024;

export abstract class ByteStream extends LuaUserdata implements Corked {
  sock: net.Socket | undefined = undefined;
  readonly buf = new RecvBuffer();
  /** Bytes written during the current turn, sent when it ends. */
  out = "";
  paused = false;

  /** Whether bytes can leave now; bytes queued in a turn that ends without a link are dropped. */
  abstract get isOpen(): boolean;

  /** Queue bytes: collected during a turn, written at once otherwise. Caller checked isOpen. */
  write(data: string): void {
    if (inTurn()) {
      if (this.out === "") {
        if (data === "") return;
        markDirty(this);
        this.out = data;
      } else this.out += data;
    } else this.sock!.write(data, "latin1");
  }

  flushOut(): void {
    const out = this.out;
    if (out === "") return;
    this.out = "";
    if (this.isOpen) this.sock!.write(out, "latin1");
  }

  /** Buffer received bytes; past HIGH_WATER stop reading until drained() resumes. */
  received(chunk: Buffer): void {
    this.buf.append(chunk.toString("latin1"));
    if (this.buf.length > HIGH_WATER) {
      this.paused = true;
      this.sock?.pause();
    }
  }

  /** After a read: resume a link paused at HIGH_WATER once the script made room. */
  drained(): void {
    if (this.paused && this.buf.length < HIGH_WATER / 2) {
      this.paused = false;
      this.sock?.resume();
    }
  }
}
