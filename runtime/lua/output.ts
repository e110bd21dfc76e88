// Buffered stdout, as C stdio buffers Lua's: print and io.write append byte strings here;
// the buffer goes out when large, at the end of the current event-loop turn, before
// anything is written to stderr, and at exit. Writes go straight to the file descriptors
// (synchronous, also from the worker thread a program runs in; see runtime/run.ts).
import { writeSync } from "node:fs";

let chunks: string[] = [];
let size = 0;
let scheduled = false;
const LIMIT = 1 << 16;

let muted = false;

/** Drop stdout writes while on (a plugin's design-time run, which prints nowhere on a Core). */
export function muteStdout(on: boolean): void {
  muted = on;
}

export function writeStdout(s: string): void {
  if (muted) return;
  chunks.push(s);
  size += s.length;
  if (size >= LIMIT) flushStdout();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushStdout);
  }
}

export function flushStdout(): void {
  scheduled = false;
  if (size === 0) return;
  const data = chunks.length === 1 ? chunks[0] : chunks.join("");
  chunks = [];
  size = 0;
  writeAll(1, Buffer.from(data, "latin1"));
}

export function writeStderr(s: string): void {
  flushStdout();
  writeAll(2, Buffer.from(s, "latin1"));
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") continue; // a non-blocking pipe that is full: try again
      if (code === "EPIPE") return; // the reader went away
      throw e;
    }
  }
}

process.on("exit", flushStdout);
