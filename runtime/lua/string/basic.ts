// The string library's basic functions (lstrlib.c, Lua 5.3.6): byte, char, dump, len,
// lower, upper, rep, reverse, sub.
//
// Strings are byte strings, so slicing by char code is slicing by byte. Case mapping is the
// C locale's: only ASCII letters change, bytes >= 0x80 stay as they are (JS's toLowerCase
// would map Latin-1 letters such as 0xC0). Positions follow 5.3.6's posrelat/clamping rules.
import { argError, checkInt, checkString, typeError } from "../args.ts";
import { NONE } from "../call.ts";
import { LuaError, runtimeError } from "../errors.ts";
import type { LuaValue } from "../value.ts";

/** lstrlib's MAXSIZE on 64-bit builds: INT_MAX, the limit string.rep checks. */
const MAXSIZE = 2147483647;
/** The longest string V8 can build (node 20: 2^29 - 24 chars). */
const JS_MAX_STRING = 0x1fffffe8;
/**
 * How many values string.byte may return before lauxlib's luaL_checkstack fails. Lua's limit
 * is LUAI_MAXSTACK (1,000,000) minus the slots in use, which depends on the call depth: PUC
 * 5.3.6 allows 999,979 when called through pcall and 999,960 from a Lua function.
 */
const MAX_BYTE_RESULTS = 999960;

const NON_ASCII = /[\x80-\xff]/;

/** A string argument; absent (not just nil) ones read "got no value" as in lauxlib. */
function str(v: LuaValue, n: number, fname: string, nargs: number): string {
  if (v === undefined && nargs < n) throw typeError(v, n, fname, "string", true);
  return checkString(v, n, fname);
}

/** A required integer argument. */
function int(v: LuaValue, n: number, fname: string, nargs: number): number {
  if (v === undefined && nargs < n) throw typeError(v, n, fname, "number", true);
  return checkInt(v, n, fname);
}

/** posrelat (5.3.6): negative positions count from the end; too negative ones become 0. */
function posrelat(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

export function len(s: LuaValue): number {
  if (typeof s !== "string") s = str(s, 1, "len", arguments.length);
  return s.length;
}

export function sub(s: LuaValue, i?: LuaValue, j?: LuaValue): string {
  if (typeof s !== "string") s = str(s, 1, "sub", arguments.length);
  const l = s.length;
  let start = typeof i === "number" && Number.isInteger(i) ? i : int(i, 2, "sub", arguments.length);
  let end = j === undefined ? -1 : typeof j === "number" && Number.isInteger(j) ? j : checkInt(j, 3, "sub");
  start = posrelat(start, l);
  end = posrelat(end, l);
  if (start < 1) start = 1;
  if (end > l) end = l;
  return start <= end ? s.slice(start - 1, end) : "";
}

export function reverse(s: LuaValue): string {
  if (typeof s !== "string") s = str(s, 1, "reverse", arguments.length);
  if (s.length < 2) return s;
  return s.split("").reverse().join("");
}

export function lower(s: LuaValue): string {
  if (typeof s !== "string") s = str(s, 1, "lower", arguments.length);
  // on pure ASCII toLowerCase changes exactly A-Z
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]+/g, (m: string) => m.toLowerCase());
}

export function upper(s: LuaValue): string {
  if (typeof s !== "string") s = str(s, 1, "upper", arguments.length);
  if (!NON_ASCII.test(s)) return s.toUpperCase();
  return s.replace(/[a-z]+/g, (m: string) => m.toUpperCase());
}

export function rep(s: LuaValue, n?: LuaValue, sep?: LuaValue): string {
  if (typeof s !== "string") s = str(s, 1, "rep", arguments.length);
  const count = typeof n === "number" && Number.isInteger(n) ? n : int(n, 2, "rep", arguments.length);
  const separator = sep === undefined ? "" : typeof sep === "string" ? sep : checkString(sep, 3, "rep");
  if (count <= 0) return "";
  const unit = s.length + separator.length;
  if (unit > Math.floor(MAXSIZE / count)) throw runtimeError("resulting string too large");
  if (unit === 0) return "";
  const total = count * s.length + (count - 1) * separator.length;
  // Lua would build up to 2 GB; V8 strings stop at 2^29 chars, as a memory error would
  if (total > JS_MAX_STRING) throw new LuaError("not enough memory");
  if (separator.length === 0) return s.repeat(count);
  return (s + separator).repeat(count - 1) + s;
}

export function byte(s: LuaValue, i?: LuaValue, j?: LuaValue): LuaValue {
  if (typeof s !== "string") s = str(s, 1, "byte", arguments.length);
  const l = s.length;
  let posi = posrelat(
    i === undefined ? 1 : typeof i === "number" && Number.isInteger(i) ? i : checkInt(i, 2, "byte"),
    l,
  );
  let pose =
    j === undefined ? posi : posrelat(typeof j === "number" && Number.isInteger(j) ? j : checkInt(j, 3, "byte"), l);
  if (posi < 1) posi = 1;
  if (pose > l) pose = l;
  if (posi > pose) return NONE; // empty interval: no values
  if (posi === pose) return s.charCodeAt(posi - 1);
  const n = pose - posi + 1;
  if (n > MAX_BYTE_RESULTS) throw runtimeError("stack overflow (string slice too long)");
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = s.charCodeAt(posi - 1 + k);
  return out;
}

export function char(...codes: LuaValue[]): string {
  const n = codes.length;
  let out = "";
  for (let k = 0; k < n; k++) {
    const v = codes[k];
    const c = typeof v === "number" && Number.isInteger(v) ? v : checkInt(v, k + 1, "char");
    if (c < 0 || c > 255) throw argError(k + 1, "char", "value out of range");
    out += String.fromCharCode(c);
  }
  return out;
}

/** There is no bytecode to dump: every function is refused, as Lua refuses C functions. */
export function dump(f?: LuaValue): string {
  if (typeof f !== "function") throw typeError(f, 1, "dump", "function", arguments.length < 1);
  throw runtimeError("unable to dump given function");
}
