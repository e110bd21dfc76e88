// Buffered stdout, as C stdio buffers Lua's: print and io.write append byte strings here;
// the buffer goes out when large, at the end of the current event-loop turn, before
// anything is written to stderr, and at exit. process.stdout/stderr writes are
// synchronous on Linux for files and pipes, so order is kept.
let chunks: string[] = [];
let size = 0;
let scheduled = false;
const LIMIT = 1 << 16;

export function writeStdout(s: string): void {
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
  process.stdout.write(Buffer.from(data, "latin1"));
}

export function writeStderr(s: string): void {
  flushStdout();
  process.stderr.write(Buffer.from(s, "latin1"));
}

process.on("exit", flushStdout);
