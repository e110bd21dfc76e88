// QRC framing (qrc.md §1): every message is UTF-8 JSON followed by one NUL byte. TCP
// delivers bytes in arbitrary chunks, so frames arrive split across chunks and several to
// a chunk; this splitter buffers the tail after the last NUL, as every client does.
//
// A frame's length is capped (qrc.md §1: no limit is documented; clients cap their own
// receive buffers at 1–5 MiB). A frame that grows past the cap is reported once, as soon
// as the cap is passed, and its bytes are dropped up to the next NUL, so a peer that
// streams megabytes without a NUL costs at most the cap in memory and the frames after it
// are still served. NUL never occurs inside a UTF-8 multi-byte sequence, so splitting on
// bytes before decoding is safe.

/** Default cap on one frame: the smallest receive buffer a published client uses (Companion). */
export const MAX_FRAME_BYTES = 1024 * 1024;

export class FrameSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** Dropping the rest of an oversized frame, up to its NUL. */
  private discarding = false;

  constructor(readonly maxFrameBytes = MAX_FRAME_BYTES) {}

  /**
   * Feed one chunk: `onFrame` gets each complete frame (without its NUL), `onOversized` is
   * called once for each frame longer than the cap (which never reaches onFrame).
   */
  push(chunk: Buffer, onFrame: (frame: Buffer) => void, onOversized: () => void): void {
    let start = 0;
    for (let nul = chunk.indexOf(0, start); nul >= 0; nul = chunk.indexOf(0, start)) {
      const piece = nul - start;
      if (this.discarding) this.discarding = false;
      else if (this.size + piece > this.maxFrameBytes) {
        this.reset();
        onOversized();
      } else if (this.size === 0) onFrame(chunk.subarray(start, nul));
      else {
        this.parts.push(chunk.subarray(start, nul));
        const frame = Buffer.concat(this.parts, this.size + piece);
        this.reset();
        onFrame(frame);
      }
      start = nul + 1;
    }
    if (start === chunk.length || this.discarding) return;
    const tail = chunk.length - start;
    if (this.size + tail > this.maxFrameBytes) {
      this.reset();
      this.discarding = true;
      onOversized();
    } else {
      this.parts.push(chunk.subarray(start));
      this.size += tail;
    }
  }

  /** Bytes held for an incomplete frame. */
  get buffered(): number {
    return this.size;
  }

  private reset(): void {
    this.parts = [];
    this.size = 0;
  }
}
