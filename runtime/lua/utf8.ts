// The utf8 library of Lua 5.3.6 (lutf8lib.c) over byte strings.
//
// 5.3 decodes at most 4-byte sequences up to U+10FFFF (surrogates accepted, overlong forms
// rejected), and utf8.char accepts only 0..0x10FFFF: checked against lua5.3.
import { argError, checkInteger, checkString, typeError } from "./args.ts";
import { NONE } from "./call.ts";
import { runtimeError } from "./errors.ts";
import type { LuaValue } from "./value.ts";

const MAXUNICODE = 0x10ffff;
const LIMITS = [0xff, 0x7f, 0x7ff, 0xffff];

export const charpattern = "[\0-\x7F\xC2-\xF4][\x80-\xBF]*";

const isCont = (s: string, i: number) => (s.charCodeAt(i) & 0xc0) === 0x80; // NaN past the end: false

/** utf8_decode at byte index i: [code, next index], or undefined for an invalid sequence. */
function decode(s: string, i: number): [number, number] | undefined {
  let c = s.charCodeAt(i);
  if (c < 0x80) return [c, i + 1];
  let res = 0;
  let count = 0;
  while (c & 0x40) {
    const cc = s.charCodeAt(i + ++count); // NaN past the end fails the test, like the C '\0'
    if ((cc & 0xc0) !== 0x80) return undefined;
    res = (res << 6) | (cc & 0x3f);
    c <<= 1;
  }
  res |= (c & 0x7f) << (count * 5);
  if (count > 3 || res > MAXUNICODE || res <= LIMITS[count]) return undefined;
  return [res, i + count + 1];
}

/** u_posrelat: negative positions count from the end. */
function posrelat(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

function intArg(v: LuaValue, n: number, fname: string, def: number): number {
  if (v === undefined) return def;
  const i = checkInteger(v, n, fname);
  return typeof i === "number" ? i : i > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

function strArg(v: LuaValue, fname: string, argc: number): string {
  if (v === undefined) throw typeError(v, 1, fname, "string", argc < 1);
  return checkString(v, 1, fname);
}

function encode(code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  if (code < 0x800) return String.fromCharCode(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  if (code < 0x10000) return String.fromCharCode(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  return String.fromCharCode(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}

export function char(...codes: LuaValue[]): string {
  let out = "";
  for (let i = 0; i < codes.length; i++) {
    const c = checkInteger(codes[i], i + 1, "char");
    if (typeof c !== "number" || c < 0 || c > MAXUNICODE) throw argError(i + 1, "char", "value out of range");
    out += encode(c);
  }
  return out;
}

export function codepoint(str: LuaValue, i?: LuaValue, j?: LuaValue): LuaValue {
  const s = strArg(str, "codepoint", arguments.length);
  const len = s.length;
  const posi = posrelat(intArg(i, 2, "codepoint", 1), len);
  const pose = posrelat(intArg(j, 3, "codepoint", posi), len);
  if (posi < 1) throw argError(2, "codepoint", "out of range");
  if (pose > len) throw argError(3, "codepoint", "out of range");
  if (posi > pose) return NONE;
  if (pose - posi >= 0x7fffffff) throw runtimeError("string slice too long");
  const out: number[] = [];
  for (let k = posi - 1; k < pose; ) {
    const d = decode(s, k);
    if (d === undefined) throw runtimeError("invalid UTF-8 code");
    out.push(d[0]);
    k = d[1];
  }
  return out.length === 1 ? out[0] : out;
}

/** Number of characters starting in [i, j], or nil plus the position of the first invalid byte. */
export function len(str: LuaValue, i?: LuaValue, j?: LuaValue): LuaValue {
  const s = strArg(str, "len", arguments.length);
  const n = s.length;
  let posi = posrelat(intArg(i, 2, "len", 1), n);
  let posj = posrelat(intArg(j, 3, "len", -1), n);
  if (!(1 <= posi && --posi <= n)) throw argError(2, "len", "initial position out of string");
  if (!(--posj < n)) throw argError(3, "len", "final position out of string");
  let count = 0;
  while (posi <= posj) {
    const d = decode(s, posi);
    if (d === undefined) return [undefined, posi + 1];
    posi = d[1];
    count++;
  }
  return count;
}

/** Byte position where the n-th character (counting from byte i) starts. */
export function offset(str: LuaValue, nArg: LuaValue, i?: LuaValue): LuaValue {
  const s = strArg(str, "offset", arguments.length);
  const len = s.length;
  let n = intArg(nArg, 2, "offset", NaN);
  if (Number.isNaN(n)) throw typeError(nArg, 2, "offset", "number", arguments.length < 2);
  let posi = posrelat(intArg(i, 3, "offset", n >= 0 ? 1 : len + 1), len);
  if (!(1 <= posi && --posi <= len)) throw argError(3, "offset", "position out of range");
  if (n === 0) {
    while (posi > 0 && isCont(s, posi)) posi--;
  } else {
    if (isCont(s, posi)) throw runtimeError("initial position is a continuation byte");
    if (n < 0) {
      while (n < 0 && posi > 0) {
        do posi--;
        while (posi > 0 && isCont(s, posi));
        n++;
      }
    } else {
      n--;
      while (n > 0 && posi < len) {
        do posi++;
        while (isCont(s, posi));
        n--;
      }
    }
  }
  return n === 0 ? posi + 1 : undefined;
}

/** The stateless iterator behind utf8.codes: (s, byte position) -> next position, code. */
function iterAux(str: LuaValue, pos: LuaValue): LuaValue {
  const s = checkString(str, 1, "for iterator");
  const len = s.length;
  let n = (typeof pos === "number" ? pos : Number(pos)) - 1;
  if (n < 0) n = 0;
  else if (n < len) {
    n++;
    while (isCont(s, n)) n++;
  }
  if (n >= len) return NONE;
  const d = decode(s, n);
  if (d === undefined || isCont(s, d[1])) throw runtimeError("invalid UTF-8 code");
  return [n + 1, d[0]];
}

export function codes(str: LuaValue): LuaValue[] {
  const s = strArg(str, "codes", arguments.length);
  return [iterAux, s, 0];
}

export const utf8Lib = { char, charpattern, codepoint, codes, len, offset };
