// string.pack, string.unpack and string.packsize (lstrlib.c of Lua 5.3.6) on byte strings.
//
// The host is taken as lstrlib sees an x86-64 Linux build: native little endian, int = 4,
// long = size_t = lua_Integer = 8 bytes, maximum alignment 8. NaN signs follow the runtime's
// model (number.ts): a plain JS NaN is x86's default negative NaN, LuaFloat(NaN) the positive one.
import { argError, checkInteger, checkNumber, checkString, typeError } from "../args.ts";
import { runtimeError } from "../errors.ts";
import { LuaFloat, mkfloat, mkint, type LuaValue } from "../value.ts";

// Option kinds (lstrlib's KOption).
const KINT = 0;
const KUINT = 1;
const KFLOAT = 2;
const KCHAR = 3;
const KSTRING = 4;
const KZSTR = 5;
const KPADDING = 6;
const KPADDALIGN = 7;
const KNOP = 8;

const MAXINTSIZE = 16;
const MAXALIGN = 8;
const MAXSIZE = 0x7fffffff; // lstrlib's MAXSIZE: INT_MAX on 64-bit hosts

/** The parse state of one format string (lstrlib's Header plus the read position). */
interface Header {
  fmt: string;
  pos: number;
  little: boolean;
  maxalign: number;
  fname: string;
  /** Filled by getdetails: size of the option and padding needed before it. */
  size: number;
  ntoalign: number;
}

function header(fmt: string, fname: string): Header {
  const nul = fmt.indexOf("\0"); // the format is read as a C string
  if (nul >= 0) fmt = fmt.slice(0, nul);
  return { fmt, pos: 0, little: true, maxalign: 1, fname, size: 0, ntoalign: 0 };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function getnum(h: Header, df: number): number {
  if (!isDigit(h.fmt.charCodeAt(h.pos))) return df;
  let a = 0;
  do a = a * 10 + h.fmt.charCodeAt(h.pos++) - 48;
  while (isDigit(h.fmt.charCodeAt(h.pos)) && a <= (MAXSIZE - 9) / 10);
  return a;
}

function getnumlimit(h: Header, df: number): number {
  const sz = getnum(h, df);
  if (sz > MAXINTSIZE || sz <= 0) throw runtimeError(`integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
  return sz;
}

/** Read one option; its size goes to h.size. */
function getoption(h: Header): number {
  const opt = h.fmt[h.pos++];
  h.size = 0;
  switch (opt) {
    case "b": h.size = 1; return KINT;
    case "B": h.size = 1; return KUINT;
    case "h": h.size = 2; return KINT;
    case "H": h.size = 2; return KUINT;
    case "l": case "j": h.size = 8; return KINT;
    case "L": case "J": case "T": h.size = 8; return KUINT;
    case "f": h.size = 4; return KFLOAT;
    case "d": case "n": h.size = 8; return KFLOAT;
    case "i": h.size = getnumlimit(h, 4); return KINT;
    case "I": h.size = getnumlimit(h, 4); return KUINT;
    case "s": h.size = getnumlimit(h, 8); return KSTRING;
    case "c":
      h.size = getnum(h, -1);
      if (h.size === -1) throw runtimeError("missing size for format option 'c'");
      return KCHAR;
    case "z": return KZSTR;
    case "x": h.size = 1; return KPADDING;
    case "X": return KPADDALIGN;
    case " ": break;
    case "<": case "=": h.little = true; break;
    case ">": h.little = false; break;
    case "!": h.maxalign = getnumlimit(h, MAXALIGN); break;
    default: {
      const c = opt.charCodeAt(0);
      throw runtimeError(`invalid format option '${c >= 32 && c < 127 ? opt : `<\\${c}>`}'`);
    }
  }
  return KNOP;
}

/** Read the next option and the padding that aligns it at offset `total` (h.size, h.ntoalign). */
function getdetails(h: Header, total: number): number {
  const opt = getoption(h);
  const size = h.size;
  let align = size;
  if (opt === KPADDALIGN) {
    // 'X' takes its alignment from the next option, which it consumes.
    if (h.pos >= h.fmt.length || getoption(h) === KCHAR || h.size === 0) {
      throw argError(1, h.fname, "invalid next option for option 'X'");
    }
    align = h.size;
    h.size = size;
  }
  h.ntoalign = 0;
  if (align > 1 && opt !== KCHAR) {
    if (align > h.maxalign) align = h.maxalign;
    if ((align & (align - 1)) !== 0) throw argError(1, h.fname, "format asks for alignment not power of 2");
    h.ntoalign = (align - (total % align)) % align;
  }
  return opt;
}

// ---- integers ------------------------------------------------------------------------------

/** `size` bytes of n: two's complement in the low 8, then 0xff or 0 as `neg` says (packint). */
function packint(n: number | bigint, little: boolean, size: number, neg: boolean): string {
  const bytes: number[] = new Array(size);
  if (typeof n === "number") {
    let v = n; // floor division by 256 yields two's complement bytes, sign extending past 2^53
    for (let i = 0; i < size && i < 8; i++) {
      const b = v - Math.floor(v / 256) * 256;
      bytes[little ? i : size - 1 - i] = b;
      v = Math.floor(v / 256);
    }
  } else {
    let u = BigInt.asUintN(64, n);
    for (let i = 0; i < size && i < 8; i++) {
      bytes[little ? i : size - 1 - i] = Number(u & 0xffn);
      u >>= 8n;
    }
  }
  for (let i = 8; i < size; i++) bytes[little ? i : size - 1 - i] = neg ? 0xff : 0;
  return String.fromCharCode.apply(null, bytes);
}

/** Read a `size`-byte integer at data[pos] as a Lua integer (unpackint). */
function unpackint(data: string, pos: number, little: boolean, size: number, signed: boolean): number | bigint {
  if (size <= 6) {
    // Exact in a JS number: no BigInt needed.
    let res = 0;
    for (let i = size - 1; i >= 0; i--) res = res * 256 + data.charCodeAt(pos + (little ? i : size - 1 - i));
    if (signed && res >= 2 ** (size * 8 - 1)) res -= 2 ** (size * 8);
    return res;
  }
  const limit = size <= 8 ? size : 8;
  let res = 0n;
  for (let i = limit - 1; i >= 0; i--) res = (res << 8n) | BigInt(data.charCodeAt(pos + (little ? i : size - 1 - i)));
  if (signed && size < 8) res = BigInt.asIntN(size * 8, res);
  return checkExtra(data, pos, little, size, signed, res);
}

/** Bytes past the 8th must only extend the sign ("9-byte integer does not fit into Lua Integer"). */
function checkExtra(data: string, pos: number, little: boolean, size: number, signed: boolean, res: bigint): number | bigint {
  const v = BigInt.asIntN(64, res);
  const mask = !signed || v >= 0n ? 0 : 0xff;
  for (let i = 8; i < size; i++) {
    if (data.charCodeAt(pos + (little ? i : size - 1 - i)) !== mask) {
      throw runtimeError(`${size}-byte integer does not fit into Lua Integer`);
    }
  }
  return mkint(v);
}

// ---- floats --------------------------------------------------------------------------------

const scratch = new DataView(new ArrayBuffer(8));

function packfloat(v: LuaValue, arg: number, h: Header): string {
  const posNaN = v instanceof LuaFloat && Number.isNaN(v.n);
  const x = checkNumber(v, arg, h.fname);
  const size = h.size;
  if (Number.isNaN(x)) {
    // x86's 0/0 has the sign bit set; JS would write the positive quiet NaN.
    if (size === 4) scratch.setUint32(0, posNaN ? 0x7fc00000 : 0xffc00000, h.little);
    else scratch.setBigUint64(0, posNaN ? 0x7ff8000000000000n : 0xfff8000000000000n, h.little);
  } else if (size === 4) scratch.setFloat32(0, x, h.little);
  else scratch.setFloat64(0, x, h.little);
  let s = "";
  for (let i = 0; i < size; i++) s += String.fromCharCode(scratch.getUint8(i));
  return s;
}

function unpackfloat(data: string, pos: number, size: number, little: boolean): LuaValue {
  for (let i = 0; i < size; i++) scratch.setUint8(i, data.charCodeAt(pos + i));
  const x = size === 4 ? scratch.getFloat32(0, little) : scratch.getFloat64(0, little);
  if (Number.isNaN(x)) {
    const signByte = scratch.getUint8(little ? size - 1 : 0);
    return signByte & 0x80 ? NaN : new LuaFloat(NaN);
  }
  return mkfloat(x);
}

// ---- the library functions ----------------------------------------------------------------

function formatArg(fmt: LuaValue, fname: string, count: number): string {
  if (typeof fmt === "string") return fmt;
  if (fmt === undefined && count === 0) throw typeError(fmt, 1, fname, "string", true);
  return checkString(fmt, 1, fname);
}

/** string.pack(fmt, v1, v2, ...): the values serialised as a byte string. */
export function pack(fmt: LuaValue, ...args: LuaValue[]): string {
  const h = header(formatArg(fmt, "pack", arguments.length), "pack");
  let out = "";
  let arg = 0; // index into args; Lua's argument number is arg + 2
  let total = 0;
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, total);
    const size = h.size;
    total += h.ntoalign + size;
    if (h.ntoalign > 0) out += "\0".repeat(h.ntoalign);
    const n = arg + 2;
    switch (opt) {
      case KINT: {
        const v = checkInteger(args[arg++], n, "pack");
        if (size < 8) {
          const lim = 2 ** (size * 8 - 1);
          if (!(-lim <= v && v < lim)) throw argError(n, "pack", "integer overflow");
        }
        out += packint(v, h.little, size, v < 0);
        break;
      }
      case KUINT: {
        const v = checkInteger(args[arg++], n, "pack");
        if (size < 8 && !(v >= 0 && v < 2 ** (size * 8))) throw argError(n, "pack", "unsigned overflow");
        out += packint(v, h.little, size, false);
        break;
      }
      case KFLOAT:
        out += packfloat(args[arg++], n, h);
        break;
      case KCHAR: {
        const s = checkString(args[arg++], n, "pack");
        if (s.length > size) throw argError(n, "pack", "string longer than given size");
        out += size > s.length ? s + "\0".repeat(size - s.length) : s;
        break;
      }
      case KSTRING: {
        const s = checkString(args[arg++], n, "pack");
        if (size < 8 && s.length >= 2 ** (size * 8)) throw argError(n, "pack", "string length does not fit in given size");
        out += packint(s.length, h.little, size, false) + s;
        total += s.length;
        break;
      }
      case KZSTR: {
        const s = checkString(args[arg++], n, "pack");
        if (s.includes("\0")) throw argError(n, "pack", "string contains zeros");
        out += s + "\0";
        total += s.length + 1;
        break;
      }
      case KPADDING:
        out += "\0";
        break;
    }
  }
  return out;
}

/** string.packsize(fmt): the size of a pack result; variable-length formats are errors. */
export function packsize(fmt: LuaValue): number {
  const h = header(formatArg(fmt, "packsize", arguments.length), "packsize");
  let total = 0;
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, total);
    const size = h.size + h.ntoalign;
    if (total > MAXSIZE - size) throw argError(1, "packsize", "format result too large");
    total += size;
    if (opt === KSTRING || opt === KZSTR) throw argError(1, "packsize", "variable-length format");
  }
  return total;
}

/** string.unpack(fmt, s [, pos]): the values read from s at pos, then the position after them. */
export function unpack(fmt: LuaValue, data: LuaValue, init?: LuaValue): LuaValue {
  const h = header(formatArg(fmt, "unpack", arguments.length), "unpack");
  if (data === undefined && arguments.length < 2) throw typeError(data, 2, "unpack", "string", true);
  const s = checkString(data, 2, "unpack");
  const ld = s.length;
  let p = init === undefined ? 1 : Number(checkInteger(init, 3, "unpack"));
  if (p < 0) p = -p > ld ? 0 : ld + p + 1; // posrelat
  let pos = p - 1; // 0 becomes size_t -1: out of the string
  if (pos < 0 || pos > ld) throw argError(3, "unpack", "initial position out of string");
  const out: LuaValue[] = [];
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, pos);
    const size = h.size;
    if (h.ntoalign + size > ld - pos) throw argError(2, "unpack", "data string too short");
    pos += h.ntoalign;
    switch (opt) {
      case KINT:
      case KUINT:
        out.push(unpackint(s, pos, h.little, size, opt === KINT));
        break;
      case KFLOAT:
        out.push(unpackfloat(s, pos, size, h.little));
        break;
      case KCHAR:
        out.push(s.substr(pos, size));
        break;
      case KSTRING: {
        const len = unpackint(s, pos, h.little, size, false);
        // As a size_t: a negative lua_Integer is a huge length.
        if (len < 0 || len > ld - pos - size) throw argError(2, "unpack", "data string too short");
        out.push(s.substr(pos + size, Number(len)));
        pos += Number(len);
        break;
      }
      case KZSTR: {
        // 5.3.6 does not check for the zero: strlen stops at the string's hidden terminator,
        // leaving pos at ld + 1, which the next option's length check rejects.
        let end = s.indexOf("\0", pos);
        if (end < 0) end = ld;
        out.push(s.slice(pos, end));
        pos = end + 1;
        break;
      }
    }
    pos += size;
  }
  if (out.length === 0) return pos + 1;
  out.push(pos + 1);
  return out;
}
