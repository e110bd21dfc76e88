// The io library of Lua 5.3.6 (liolib.c) over synchronous node:fs calls.
//
// Files are LuaFile userdata sharing one metatable (__name "FILE*", __index = methods). Reads
// go through a 64 KiB buffer; writes go straight to the file (stdio's write buffering is not
// observable from one script except by another process reading the file before a flush).
// io.stdout writes through runtime/lua/output.ts so they interleave with print.
//
// Q-SYS sandbox: every file name resolves under the data directory (env QSYS2TS_DATA_DIR,
// default the working directory, or setDataDir()). Absolute names and names climbing above it
// with ".." fail like a refused open: nil, "<name>: Permission denied", 13.
// Not provided: io.popen and io.tmpfile (no processes or anonymous files on a Core).
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { argError, checkInteger, checkString, optString, typeError } from "./args.ts";
import { NONE } from "./call.ts";
import { addressOf } from "./concat.ts";
import { runtimeError } from "./errors.ts";
import { LuaUserdata } from "./meta.ts";
import { formatG, numberToString, str2number } from "./number.ts";
import { flushStdout, writeStderr, writeStdout } from "./output.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, type LuaValue } from "./value.ts";

// ---- sandbox and failure results -------------------------------------------------------------

let dataDir: string | undefined;

/** Set the directory file names resolve under (default: $QSYS2TS_DATA_DIR, else the cwd). */
export function setDataDir(dir: string | undefined): void {
  dataDir = dir;
}

/** A refused path, reported like an EACCES failure. */
const DENIED = { code: "EACCES" } as const;

/** The host path for a Lua file name, or DENIED when it would leave the data directory. */
export function sandboxPath(name: string): string | typeof DENIED {
  const root = resolve(dataDir ?? process.env.QSYS2TS_DATA_DIR ?? process.cwd());
  const text = Buffer.from(name, "latin1").toString("utf8");
  if (isAbsolute(text)) return DENIED;
  const full = resolve(root, text);
  const rel = relative(root, full);
  if (rel.startsWith("..") || isAbsolute(rel)) return DENIED;
  return full;
}

const ERRNO: Record<string, [number, string]> = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  EBADF: [9, "Bad file descriptor"],
  EAGAIN: [11, "Resource temporarily unavailable"],
  EACCES: [13, "Permission denied"],
  EBUSY: [16, "Device or resource busy"],
  EEXIST: [17, "File exists"],
  EXDEV: [18, "Invalid cross-device link"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EINVAL: [22, "Invalid argument"],
  EMFILE: [24, "Too many open files"],
  EFBIG: [27, "File too large"],
  ENOSPC: [28, "No space left on device"],
  ESPIPE: [29, "Illegal seek"],
  EROFS: [30, "Read-only file system"],
  EPIPE: [32, "Broken pipe"],
  ENAMETOOLONG: [36, "File name too long"],
  ENOTEMPTY: [39, "Directory not empty"],
  ELOOP: [40, "Too many levels of symbolic links"],
};

/** luaL_fileresult for a failure: nil, "name: strerror", errno. */
export function fileResult(err: unknown, name: string | undefined): LuaValue[] {
  const code = (err as { code?: string }).code ?? "EIO";
  const [errno, msg] = ERRNO[code] ?? [Math.abs((err as { errno?: number }).errno ?? 5), code];
  return [undefined, name === undefined ? msg : `${name}: ${msg}`, errno];
}

// ---- file handles ----------------------------------------------------------------------------

const CHUNK = 65536;

/** The shared metatable of file handles (filled below, once the methods exist). */
export const fileMeta = new LuaTable();

export class LuaFile extends LuaUserdata {
  /** The descriptor; undefined once closed. */
  fd: number | undefined;
  /** Standard streams cannot be closed; stdout/stderr writes go through output.ts. */
  std: "stdin" | "stdout" | "stderr" | undefined;
  seekable: boolean;
  /** Read buffer: buf[bufPos..] is unread data that ends at file offset `filePos`. */
  buf: Buffer = Buffer.alloc(0);
  bufPos = 0;
  filePos = 0;

  constructor(fd: number, std?: "stdin" | "stdout" | "stderr") {
    super();
    this.fd = fd;
    this.std = std;
    this.seekable = std === undefined;
    this.metatable = fileMeta;
  }

  /** Logical position: where the next read or write happens. */
  position(): number {
    return this.filePos - (this.buf.length - this.bufPos);
  }

  /** Next byte, or -1 at end of file. Errors (EBADF, EISDIR) throw the fs error. */
  getc(): number {
    if (this.bufPos < this.buf.length) return this.buf[this.bufPos++];
    return this.fill() ? this.buf[this.bufPos++] : -1;
  }

  ungetc(c: number): void {
    if (c >= 0) this.bufPos--;
  }

  /** Read the next chunk; false at end of file. */
  fill(): boolean {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const n = readSync(this.fd!, chunk, 0, CHUNK, this.seekable ? this.filePos : null);
    this.buf = chunk.subarray(0, n);
    this.bufPos = 0;
    this.filePos += n;
    return n > 0;
  }

  write(s: string): void {
    if (this.std === "stdout") return writeStdout(s);
    if (this.std === "stderr") return writeStderr(s);
    const pos = this.position();
    this.buf = Buffer.alloc(0);
    this.bufPos = 0;
    const data = Buffer.from(s, "latin1");
    let done = 0;
    while (done < data.length) done += writeSync(this.fd!, data, done, data.length - done, this.seekable ? pos + done : null);
    // In append mode the kernel writes at the end whatever position we pass
    this.filePos = this.seekable ? (this.append ? fstatSync(this.fd!).size : pos + data.length) : 0;
  }

  append = false;
}

function toFile(v: LuaValue, fname: string): LuaFile {
  if (!(v instanceof LuaFile)) throw typeError(v, 1, fname, "FILE*");
  if (v.fd === undefined) throw runtimeError("attempt to use a closed file");
  return v;
}

export const stdin = new LuaFile(0, "stdin");
export const stdout = new LuaFile(1, "stdout");
export const stderr = new LuaFile(2, "stderr");
let defaultInput: LuaFile = stdin;
let defaultOutput: LuaFile = stdout;

/** liolib l_checkmode: [rwa] then an optional '+', then only 'b's. */
function checkMode(mode: string): boolean {
  return /^[rwa]\+?b*$/.test(mode);
}

function openFile(name: string, mode: string): LuaFile | unknown {
  const path = sandboxPath(name);
  if (typeof path !== "string") return path;
  try {
    const f = new LuaFile(openSync(path, mode.replace(/b/g, "")));
    f.append = mode[0] === "a";
    // "a" starts at the end; "a+" reads from the start (writes still append)
    if (f.append && !mode.includes("+")) f.filePos = fstatSync(f.fd!).size;
    return f;
  } catch (e) {
    return e;
  }
}

export function open(filename: LuaValue, mode?: LuaValue): LuaValue {
  const name = checkString(filename, 1, "open");
  const md = optString(mode, 2, "open", "r");
  if (!checkMode(md)) throw argError(2, "open", "invalid mode");
  const f = openFile(name, md);
  return f instanceof LuaFile ? f : fileResult(f, name);
}

/** opencheckfile: open or raise "cannot open file 'x' (reason)". */
function openOrError(name: string, mode: string): LuaFile {
  const f = openFile(name, mode);
  if (f instanceof LuaFile) return f;
  throw runtimeError(`cannot open file '${name}' (${fileResult(f, undefined)[1]})`);
}

function closeFile(f: LuaFile): LuaValue {
  if (f.std !== undefined) return [undefined, "cannot close standard file"];
  const fd = f.fd!;
  f.fd = undefined;
  try {
    closeSync(fd);
    return true;
  } catch (e) {
    return fileResult(e, undefined);
  }
}

// ---- reading ---------------------------------------------------------------------------------

/** read_line: up to and excluding (chop) or including '\n'; undefined at end of file. */
function readLine(f: LuaFile, chop: boolean): string | undefined {
  let out = "";
  for (;;) {
    if (f.bufPos >= f.buf.length && !f.fill()) return out.length > 0 ? out : undefined;
    const nl = f.buf.indexOf(10, f.bufPos);
    if (nl >= 0) {
      out += f.buf.toString("latin1", f.bufPos, chop ? nl : nl + 1);
      f.bufPos = nl + 1;
      return out;
    }
    out += f.buf.toString("latin1", f.bufPos);
    f.bufPos = f.buf.length;
  }
}

function readAll(f: LuaFile): string {
  let out = f.buf.toString("latin1", f.bufPos);
  f.bufPos = f.buf.length;
  while (f.fill()) {
    out += f.buf.toString("latin1");
    f.bufPos = f.buf.length;
  }
  return out;
}

function readChars(f: LuaFile, n: number): string | undefined {
  let out = "";
  while (out.length < n) {
    if (f.bufPos >= f.buf.length && !f.fill()) break;
    const take = Math.min(n - out.length, f.buf.length - f.bufPos);
    out += f.buf.toString("latin1", f.bufPos, f.bufPos + take);
    f.bufPos += take;
  }
  return out.length > 0 ? out : undefined;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isXDigit = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** read_number: liolib's scanner (at most 200 chars of numeral), then lua_stringtonumber. */
function readNumber(f: LuaFile): LuaValue {
  let buff = "";
  let c: number;
  let overflow = false;
  const next = (): boolean => {
    if (buff.length >= 200) {
      overflow = true;
      return false;
    }
    buff += String.fromCharCode(c);
    c = f.getc();
    return true;
  };
  const test2 = (a: string, b: string): boolean => (c === a.charCodeAt(0) || c === b.charCodeAt(0) ? next() : false);
  const digits = (hex: boolean): number => {
    let n = 0;
    while ((hex ? isXDigit(c) : isDigit(c)) && next()) n++;
    return n;
  };
  do c = f.getc();
  while (isSpace(c));
  let count = 0;
  let hex = false;
  test2("-", "+");
  if (test2("0", "0")) {
    if (test2("x", "X")) hex = true;
    else count = 1;
  }
  count += digits(hex);
  if (test2(".", ".")) count += digits(hex);
  if (count > 0 && (hex ? test2("p", "P") : test2("e", "E"))) {
    test2("-", "+");
    digits(false);
  }
  f.ungetc(c);
  return overflow ? undefined : str2number(buff);
}

/** One g_read format: a count, or n / l / L / a with an optional '*'. */
function readFormat(f: LuaFile, fmt: LuaValue, argn: number, fname: string): LuaValue {
  if (typeof fmt === "number" || typeof fmt === "bigint" || fmt instanceof LuaFloat) {
    const n = Number(checkInteger(fmt, argn, fname));
    // a negative count is a huge size_t: luaL_prepbuffsize cannot allocate it
    if (n < 0 || n >= 2 ** 47) throw runtimeError("not enough memory for buffer allocation");
    if (n !== 0) return readChars(f, n);
    const c = f.getc(); // test_eof
    f.ungetc(c);
    return c >= 0 ? "" : undefined;
  }
  const p = checkString(fmt, argn, fname);
  switch (p[0] === "*" ? p[1] : p[0]) {
    case "n":
      return readNumber(f);
    case "l":
      return readLine(f, true);
    case "L":
      return readLine(f, false);
    case "a":
      return readAll(f);
  }
  throw argError(argn, fname, "invalid format");
}

/**
 * g_read: read each format; the first failing one gives nil and stops. Bad formats are
 * reported as argument i + argBase of `fname` (lines iterators say "#2 to '?'", as 5.3.6 does).
 */
function gRead(f: LuaFile, formats: LuaValue[], fname = "read", argBase = 1): LuaValue {
  try {
    if (formats.length === 0) return readLine(f, true) ?? undefined;
    const out: LuaValue[] = [];
    for (let i = 0; i < formats.length; i++) {
      const v = readFormat(f, formats[i], i + argBase, fname);
      out.push(v);
      if (v === undefined) break;
    }
    return out.length === 1 ? out[0] : out;
  } catch (e) {
    if ((e as { code?: string }).code !== undefined) return fileResult(e, undefined);
    throw e;
  }
}

/** The iterator of f:lines / io.lines; closes the file at the end when `close` is set. */
function linesIterator(f: LuaFile, formats: LuaValue[], close: boolean): () => LuaValue {
  if (formats.length > 250) throw argError(252, "lines", "too many arguments");
  return () => {
    if (f.fd === undefined) throw runtimeError("file is already closed");
    const r = gRead(f, formats, "?", 2);
    const firstValue = Array.isArray(r) ? r[0] : r;
    if (firstValue !== undefined) return r;
    if (Array.isArray(r) && r.length > 1 && typeof r[1] === "string") throw runtimeError(r[1]);
    if (close) closeFile(f);
    return NONE;
  };
}

// ---- writing ---------------------------------------------------------------------------------

/** Numbers are written with LUA_INTEGER_FMT / LUA_NUMBER_FMT ("%.14g": 1.0 writes "1"). */
function gWrite(f: LuaFile, args: LuaValue[], argBase: number, fname = "write"): LuaValue {
  let s = "";
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (typeof v === "string") s += v;
    else if (typeof v === "number") s += Number.isInteger(v) ? String(v) : formatG(v, 14);
    else if (typeof v === "bigint") s += v.toString();
    else if (v instanceof LuaFloat) s += Number.isNaN(v.n) ? "nan" : formatG(v.n, 14);
    else s += checkString(v, i + argBase, fname);
  }
  try {
    f.write(s);
    return f;
  } catch (e) {
    return fileResult(e, undefined);
  }
}

// ---- file methods ----------------------------------------------------------------------------

// File methods are not reachable from any loaded library, so lauxlib cannot name them when
// the call site gives no name (pcall(f.read, f, "x")): "bad argument #2 to '?'". Their
// arguments are numbered as in C, self being #1; a method call shifts them (see errors.ts).
const METHOD = "?";

function fRead(self: LuaValue, ...formats: LuaValue[]): LuaValue {
  return gRead(toFile(self, METHOD), formats, METHOD, 2);
}

function fWrite(self: LuaValue, ...args: LuaValue[]): LuaValue {
  return gWrite(toFile(self, METHOD), args, 2, METHOD);
}

function fLines(self: LuaValue, ...formats: LuaValue[]): LuaValue {
  return linesIterator(toFile(self, METHOD), formats, false);
}

function fClose(self: LuaValue): LuaValue {
  return closeFile(toFile(self, METHOD));
}

const WHENCE = ["set", "cur", "end"];

function fSeek(self: LuaValue, whence?: LuaValue, offset?: LuaValue): LuaValue {
  const f = toFile(self, METHOD);
  const w = optString(whence, 2, METHOD, "cur");
  if (!WHENCE.includes(w)) throw argError(2, METHOD, `invalid option '${w}'`);
  const off = offset === undefined ? 0 : Number(checkInteger(offset, 3, METHOD));
  if (!f.seekable) return fileResult({ code: "ESPIPE" }, undefined);
  let base = 0;
  try {
    base = w === "set" ? 0 : w === "cur" ? f.position() : fstatSync(f.fd!).size;
  } catch (e) {
    return fileResult(e, undefined);
  }
  const pos = base + off;
  if (pos < 0) return fileResult({ code: "EINVAL" }, undefined);
  f.buf = Buffer.alloc(0);
  f.bufPos = 0;
  f.filePos = pos;
  return pos;
}

const VBUF = ["no", "full", "line"];

function fSetvbuf(self: LuaValue, mode: LuaValue, size?: LuaValue): LuaValue {
  toFile(self, METHOD);
  const m = checkString(mode, 2, METHOD);
  if (!VBUF.includes(m)) throw argError(2, METHOD, `invalid option '${m}'`);
  if (size !== undefined) checkInteger(size, 3, METHOD);
  return true; // writes are unbuffered here, every mode behaves the same
}

function fFlush(self: LuaValue): LuaValue {
  const f = toFile(self, METHOD);
  if (f.std === "stdout") flushStdout();
  return true;
}

/** liolib io_gc: what the collector calls; closes the file unless it is closed or standard. */
function fGc(self?: LuaValue): LuaValue {
  if (!(self instanceof LuaFile)) throw typeError(self, 1, "__gc", "FILE*", arguments.length === 0);
  if (self.fd !== undefined && self.std === undefined) closeFile(self);
  return NONE;
}

function fToString(self: LuaValue): string {
  const f = self as LuaFile;
  return f.fd === undefined ? "file (closed)" : `file (${addressOf(f)})`;
}

const methods = new LuaTable();
for (const [k, v] of Object.entries({ close: fClose, flush: fFlush, lines: fLines, read: fRead, seek: fSeek, setvbuf: fSetvbuf, write: fWrite })) methods.set(k, v);

fileMeta.set("__index", methods);
fileMeta.set("__name", "FILE*");
fileMeta.set("__tostring", fToString);
fileMeta.set("__gc", fGc);

// ---- io.* functions --------------------------------------------------------------------------

export function close(file?: LuaValue): LuaValue {
  if (file === undefined) return closeFile(toFile(defaultOutput, "close"));
  return closeFile(toFile(file, "close"));
}

function defaultFile(f: LuaFile, what: string): LuaFile {
  if (f.fd === undefined) throw runtimeError(`standard ${what} file is closed`);
  return f;
}

export function read(...formats: LuaValue[]): LuaValue {
  return gRead(defaultFile(defaultInput, "input"), formats);
}

export function write(...args: LuaValue[]): LuaValue {
  return gWrite(defaultFile(defaultOutput, "output"), args, 1);
}

export function lines(filename?: LuaValue, ...formats: LuaValue[]): LuaValue {
  if (filename === undefined) return linesIterator(defaultFile(defaultInput, "input"), formats, false);
  const f = openOrError(checkString(filename, 1, "lines"), "r");
  return linesIterator(f, formats, true);
}

function ioFile(v: LuaValue, mode: string, fname: string): LuaFile | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) {
    return openOrError(typeof v === "string" ? v : numberToString(v), mode);
  }
  return toFile(v, fname);
}

export function input(file?: LuaValue): LuaValue {
  defaultInput = ioFile(file, "r", "input") ?? defaultInput;
  return defaultInput;
}

export function output(file?: LuaValue): LuaValue {
  defaultOutput = ioFile(file, "w", "output") ?? defaultOutput;
  return defaultOutput;
}

export function flush(): LuaValue {
  return fFlush(defaultFile(defaultOutput, "output"));
}

export function type(v?: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "type", "value expected");
  if (!(v instanceof LuaFile)) return undefined;
  return v.fd === undefined ? "closed file" : "file";
}

export const ioLib = { close, flush, input, lines, open, output, read, stderr, stdin, stdout, type, write };
