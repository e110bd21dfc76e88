// string.format (lstrlib.c str_format, Lua 5.3.6) and the exact C printf conversions of doubles
// (%e %f %g %a as glibc prints them), which tostring also uses through number.ts formatG.
//
// glibc prints the exact binary value of a double rounded half-to-even at the requested digit.
// V8's toFixed/toExponential are exact too but round ties up, so they serve as the fast path
// whenever the value cannot be a tie at that digit; ties and out-of-range cases take an exact
// BigInt decimal expansion. Parsed format strings are cached: a spec is decided once.
import { argError, checkInteger, checkNumber, checkString, typeError } from "../args.ts";
import { tostring } from "../concat.ts";
import { runtimeError } from "../errors.ts";
import { nonFinite } from "../number.ts";
import { LuaFloat, type LuaValue } from "../value.ts";

// ---- bits of a double --------------------------------------------------------------------

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** The exponent of the lowest set bit of a finite nonzero |x|: x = odd * 2^result. */
function lowBitExp(ax: number): number {
  f64[0] = ax;
  const lo = u32[LO];
  const hi = u32[HI];
  const bexp = (hi >>> 20) & 0x7ff;
  const base = bexp === 0 ? -1074 : bexp - 1075;
  if (lo !== 0) return base + 31 - Math.clz32(lo & -lo);
  const h = (hi & 0xfffff) | (bexp === 0 ? 0 : 0x100000);
  return base + 63 - Math.clz32(h & -h);
}

// ---- exact decimal expansion (slow path) ---------------------------------------------------

const pow5: bigint[] = [1n];
function powerOf5(k: number): bigint {
  while (pow5.length <= k) pow5.push(pow5[pow5.length - 1] * 5n);
  return pow5[k];
}

/** Position of the decimal point of the last exactDigits() result: value = 0.DIGITS × 10^decPoint. */
let decPoint = 0;

/** All decimal digits of a finite nonzero |x|, exactly (a double is a finite binary fraction). */
function exactDigits(ax: number): string {
  f64[0] = ax;
  const hi = u32[HI];
  const bexp = (hi >>> 20) & 0x7ff;
  const mant = ((hi & 0xfffff) + (bexp === 0 ? 0 : 0x100000)) * 4294967296 + u32[LO];
  const e = bexp === 0 ? -1074 : bexp - 1075;
  if (e >= 0) {
    const s = (BigInt(mant) << BigInt(e)).toString();
    decPoint = s.length;
    return s;
  }
  const s = (BigInt(mant) * powerOf5(-e)).toString(); // mant * 2^e = mant * 5^-e / 10^-e
  decPoint = s.length + e;
  return s;
}

/** The first n digits of d (zeros implied after its end) rounded half-to-even; may carry to n+1 digits. */
function roundAt(d: string, n: number): string {
  if (d.length <= n) return d.padEnd(n, "0");
  const r = d.charCodeAt(n) - 48;
  let up = r > 5;
  if (r === 5) {
    up = n > 0 && (d.charCodeAt(n - 1) & 1) === 1;
    for (let i = n + 1; !up && i < d.length; i++) up = d.charCodeAt(i) !== 48;
  }
  return up ? increment(d.slice(0, n), 57, 10) : d.slice(0, n);
}

/** Add one to a digit string in base 10 or 16 ('9' = 57, 'f' = 102 as the top digit). */
function increment(s: string, top: number, base: number): string {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) === top) i--;
  if (i < 0) return "1" + "0".repeat(s.length);
  const d = (parseInt(s[i], base) + 1).toString(base);
  return s.slice(0, i) + d + "0".repeat(s.length - i - 1);
}

// ---- %e %f %g --------------------------------------------------------------------------------

/** Decimal exponent of the last sigDigits() result. */
let sigExp = 0;

/**
 * |x| (finite, nonzero) rounded to nd significant digits, as the mantissa of %e: "d" or
 * "d.ddd" (nd digits); the exponent goes to sigExp. Parsing by char codes: slicing and
 * number parsing of the exponent cost more than toExponential itself.
 */
function sigDigits(ax: number, nd: number): string {
  const s = ax.toExponential(nd - 1); // exact, ties up
  let ei = s.length - 2;
  while (s.charCodeAt(ei) !== 101) ei--;
  let e = 0;
  for (let k = ei + 2; k < s.length; k++) e = e * 10 + s.charCodeAt(k) - 48;
  if (s.charCodeAt(ei + 1) === 45) e = -e;
  // A tie at this digit needs x = odd * 2^e2 with e2 + (nd-1) - E == -1 (E the exact exponent).
  const t = lowBitExp(ax) + nd;
  if (t !== e && t !== e - 1) {
    sigExp = e;
    return s.slice(0, ei);
  }
  const d = exactDigits(ax);
  let k = roundAt(d, nd);
  sigExp = k.length > nd ? decPoint : decPoint - 1;
  if (k.length > nd) k = k.slice(0, nd);
  return nd === 1 ? k : k[0] + "." + k.slice(1);
}

/** |x| (finite) with p digits after the point, as C's %.<p>f. */
function fixedDigits(ax: number, p: number): string {
  if (ax === 0) return p > 0 ? "0." + "0".repeat(p) : "0";
  // A tie needs exactly p+1 binary fraction digits; toFixed is valid below 1e21.
  if (ax < 1e21 && lowBitExp(ax) + p !== -1) return ax.toFixed(p);
  const d = exactDigits(ax);
  const n = decPoint + p; // digits kept: everything at 10^-p and above
  let k = n < 0 ? "" : roundAt(d, n);
  if (k.length <= p) k = "0".repeat(p + 1 - k.length) + k;
  return p > 0 ? k.slice(0, k.length - p) + "." + k.slice(k.length - p) : k;
}

function expSuffix(e: number, upper: boolean): string {
  const a = e < 0 ? -e : e;
  return (upper ? "E" : "e") + (e < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

/** C's %e/%f/%g (conv 'e' 'E' 'f' 'g' 'G') of a finite double, with '-' for negatives and -0. */
export function formatFloat(x: number, conv: string, prec: number, alt: boolean): string {
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  const ax = neg ? -x : x;
  const sign = neg ? "-" : "";
  const upper = conv === "E" || conv === "G";
  if (conv === "f") {
    const s = fixedDigits(ax, prec);
    return sign + (alt && prec === 0 ? s + "." : s);
  }
  if (conv === "e" || conv === "E") {
    let m: string;
    if (ax === 0) {
      m = prec > 0 ? "0." + "0".repeat(prec) : "0";
      sigExp = 0;
    } else m = sigDigits(ax, prec + 1);
    if (alt && prec === 0) m += ".";
    return sign + m + expSuffix(sigExp, upper);
  }
  // %g: P significant digits, %e style when the exponent X < -4 or X >= P, else %f style;
  // trailing zeros go unless '#'.
  const P = prec === 0 ? 1 : prec;
  let m: string;
  if (ax === 0) {
    m = P > 1 ? "0." + "0".repeat(P - 1) : "0";
    sigExp = 0;
  } else m = sigDigits(ax, P);
  if (!alt) {
    if (P > 1) m = stripZeros(m);
  } else if (P === 1) m += ".";
  const X = sigExp;
  if (X < -4 || X >= P) return sign + m + expSuffix(X, upper);
  if (X === 0) return sign + m;
  const digits = m.length > 2 ? m[0] + m.slice(2) : m[0];
  if (X < 0) return sign + "0." + "0".repeat(-X - 1) + digits;
  if (digits.length > X + 1) return sign + digits.slice(0, X + 1) + "." + digits.slice(X + 1);
  // No fraction left: with '#' all P digits are there and the point stays.
  return sign + (digits.length === X + 1 ? digits : digits.padEnd(X + 1, "0")) + (alt ? "." : "");
}

/** "d.ddd000" -> "d.ddd"; "d.000" -> "d". */
function stripZeros(m: string): string {
  let n = m.length;
  while (m.charCodeAt(n - 1) === 48) n--;
  if (m.charCodeAt(n - 1) === 46) n--;
  return n === m.length ? m : m.slice(0, n);
}

// ---- %a ------------------------------------------------------------------------------------

/** glibc's %a of a finite |x| (no sign): 0x1.8p+1; subnormals as 0x0.xxxp-1022. prec < 0: exact. */
function hexFloat(ax: number, prec: number, alt: boolean, upper: boolean): string {
  f64[0] = ax;
  const hi = u32[HI];
  const bexp = (hi >>> 20) & 0x7ff;
  let lead = ax === 0 || bexp === 0 ? 0 : 1;
  const exp = ax === 0 ? 0 : bexp === 0 ? -1022 : bexp - 1023;
  let frac = (hi & 0xfffff).toString(16).padStart(5, "0") + u32[LO].toString(16).padStart(8, "0");
  if (prec < 0) {
    let i = 13;
    while (i > 0 && frac.charCodeAt(i - 1) === 48) i--;
    frac = frac.slice(0, i);
  } else if (prec < 13) {
    const r = parseInt(frac[prec], 16);
    let up = r > 8;
    if (r === 8) {
      up = (parseInt(prec > 0 ? frac[prec - 1] : String(lead), 16) & 1) === 1;
      for (let i = prec + 1; !up && i < 13; i++) up = frac.charCodeAt(i) !== 48;
    }
    frac = frac.slice(0, prec);
    if (up) {
      const inc = increment(frac, 102, 16);
      if (inc.length > prec) lead++; // carry into the leading digit: 0x1.f8p+0 -> 0x2p+0
      frac = inc.slice(inc.length - prec);
    }
  } else frac = frac.padEnd(prec, "0");
  const s = "0x" + lead + (frac.length > 0 || alt ? "." : "") + frac + "p" + (exp < 0 ? "" : "+") + exp;
  return upper ? s.toUpperCase() : s;
}

// ---- format specs --------------------------------------------------------------------------

interface Spec {
  conv: string;
  minus: boolean;
  plus: boolean;
  space: boolean;
  hash: boolean;
  zero: boolean;
  width: number;
  /** -1 when absent. */
  prec: number;
  /** No flags, width or precision: "%s" keeps a string whole. */
  plain: boolean;
  /** A format error raised when this item is reached (after its argument count check). */
  err: string | undefined;
}

type Item = string | Spec;

const CONVERSIONS = "cdiouxXaAeEfgGqs";
const cache = new Map<string, Item[]>();

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** luaO_pushfstring's %c: printable bytes as they are, others as <\N>. */
function printableChar(code: number): string {
  return code >= 32 && code < 127 ? String.fromCharCode(code) : `<\\${code}>`;
}

/** Split a format string into literal text and specs, as str_format/scanformat read it. */
function parse(fmt: string): Item[] {
  const items: Item[] = [];
  let lit = "";
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      lit += fmt.slice(i);
      break;
    }
    lit += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt[i] === "%") {
      lit += "%";
      i++;
      continue;
    }
    if (lit !== "") items.push(lit);
    lit = "";
    const spec: Spec = { conv: "", minus: false, plus: false, space: false, hash: false, zero: false, width: 0, prec: -1, plain: false, err: undefined };
    items.push(spec);
    const start = i;
    for (let c = fmt[i]; c === "-" || c === "+" || c === " " || c === "#" || c === "0"; c = fmt[++i]) {
      if (c === "-") spec.minus = true;
      else if (c === "+") spec.plus = true;
      else if (c === " ") spec.space = true;
      else if (c === "#") spec.hash = true;
      else spec.zero = true;
    }
    if (i - start >= 6) {
      spec.err = "invalid format (repeated flags)";
      return items;
    }
    if (isDigit(fmt[i])) spec.width = fmt.charCodeAt(i++) - 48;
    if (isDigit(fmt[i])) spec.width = spec.width * 10 + fmt.charCodeAt(i++) - 48;
    if (fmt[i] === ".") {
      i++;
      spec.prec = 0;
      if (isDigit(fmt[i])) spec.prec = fmt.charCodeAt(i++) - 48;
      if (isDigit(fmt[i])) spec.prec = spec.prec * 10 + fmt.charCodeAt(i++) - 48;
    }
    if (isDigit(fmt[i])) {
      spec.err = "invalid format (width or precision too long)";
      return items;
    }
    spec.plain = i === start;
    const conv = fmt[i++] ?? "\0"; // C reads the terminating NUL after a trailing '%'
    if (conv === "\0" || !CONVERSIONS.includes(conv)) {
      spec.err = `invalid option '%${printableChar(conv.charCodeAt(0))}' to 'format'`;
      return items;
    }
    spec.conv = conv;
  }
  if (lit !== "") items.push(lit);
  return items;
}

// ---- padding and conversions -------------------------------------------------------------

function pad(s: string, spec: Spec): string {
  if (s.length >= spec.width) return s;
  const fill = " ".repeat(spec.width - s.length);
  return spec.minus ? s + fill : fill + s;
}

/** Sign/prefix, then zeros up to the width when '0' applies, then the body. */
function padNumber(prefix: string, body: string, spec: Spec, zeroOk: boolean): string {
  const n = spec.width - prefix.length - body.length;
  if (n <= 0) return prefix + body;
  if (spec.minus) return prefix + body + " ".repeat(n);
  if (spec.zero && zeroOk) return prefix + "0".repeat(n) + body;
  return " ".repeat(n) + prefix + body;
}

function formatInt(v: LuaValue, spec: Spec, arg: number): string {
  const n = checkInteger(v, arg, "format");
  const conv = spec.conv;
  if (conv === "c") {
    const code = typeof n === "number" ? n & 0xff : Number(n & 0xffn);
    return pad(String.fromCharCode(code), spec);
  }
  let prefix = "";
  let digits: string;
  if (conv === "d" || conv === "i") {
    const neg = n < 0;
    digits = (neg ? -n : n).toString();
    prefix = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  } else {
    const u = n < 0 ? BigInt.asUintN(64, BigInt(n)) : n;
    digits = u.toString(conv === "o" ? 8 : conv === "u" ? 10 : 16);
    if (conv === "X") digits = digits.toUpperCase();
    if (spec.hash && n != 0 && (conv === "x" || conv === "X")) prefix = conv === "x" ? "0x" : "0X";
  }
  if (spec.prec >= 0) {
    if (spec.prec === 0 && n == 0) digits = "";
    else if (digits.length < spec.prec) digits = "0".repeat(spec.prec - digits.length) + digits;
  }
  if (conv === "o" && spec.hash && digits[0] !== "0") digits = "0" + digits;
  return padNumber(prefix, digits, spec, spec.prec < 0);
}

function formatNumber(v: LuaValue, spec: Spec, arg: number): string {
  const posNaN = v instanceof LuaFloat && Number.isNaN(v.n);
  const x = checkNumber(v, arg, "format");
  const conv = spec.conv;
  const upper = conv === "A" || conv === "E" || conv === "G";
  const neg = x < 0 || Object.is(x, -0) || (Number.isNaN(x) && !posNaN);
  const prefix = neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (!Number.isFinite(x)) {
    const body = nonFinite(Math.abs(x), upper, false); // "inf"/"nan" without sign
    return padNumber(prefix, body, spec, false);
  }
  const ax = neg ? -x : x;
  if (conv === "a" || conv === "A") {
    const h = hexFloat(ax, spec.prec, spec.hash, upper);
    return padNumber(prefix + h.slice(0, 2), h.slice(2), spec, true);
  }
  const body = formatFloat(ax, conv, spec.prec < 0 ? 6 : spec.prec, spec.hash);
  return padNumber(prefix, body, spec, true);
}

function formatString(v: LuaValue, spec: Spec, arg: number): string {
  const s = tostring(v);
  if (spec.plain) return s;
  if (s.includes("\0")) throw argError(arg, "format", "string contains zeros");
  if (spec.prec < 0) return s.length >= 100 ? s : pad(s, spec);
  return pad(s.length > spec.prec ? s.slice(0, spec.prec) : s, spec);
}

/** %q: a Lua literal that reads back as the same value (addliteral). */
function quoted(v: LuaValue, arg: number): string {
  if (typeof v === "string") {
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 34 || c === 92 || c === 10) out += "\\" + v[i];
      else if (c < 32 || c === 127) {
        const next = v.charCodeAt(i + 1);
        out += "\\" + (next >= 48 && next <= 57 ? String(c).padStart(3, "0") : String(c));
      } else out += v[i];
    }
    return out + '"';
  }
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  if (typeof v === "bigint") return v === -0x8000000000000000n ? "0x8000000000000000" : v.toString();
  if (typeof v === "number" || v instanceof LuaFloat) {
    // 5.3.6 writes floats with plain "%a", so inf and nan come out as glibc spells them.
    const x = typeof v === "number" ? v : v.n;
    if (!Number.isFinite(x)) return nonFinite(x, false, typeof v === "number");
    const neg = x < 0 || (x === 0 && 1 / x < 0);
    return (neg ? "-" : "") + hexFloat(neg ? -x : x, -1, false, false);
  }
  if (v === undefined || typeof v === "boolean") return String(v ?? "nil");
  throw argError(arg, "format", "value has no literal form");
}

// ---- string.format -------------------------------------------------------------------------

/** string.format(fmt, ...): lstrlib.c str_format of Lua 5.3.6. */
export function format(fmt: LuaValue, ...args: LuaValue[]): string {
  if (typeof fmt !== "string") {
    if (fmt === undefined && arguments.length === 0) throw typeError(fmt, 1, "format", "string", true);
    fmt = checkString(fmt, 1, "format");
  }
  let items = cache.get(fmt);
  if (items === undefined) {
    items = parse(fmt);
    if (cache.size >= 512) cache.clear();
    cache.set(fmt, items);
  }
  let out = "";
  let arg = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (typeof it === "string") {
      out += it;
      continue;
    }
    if (arg >= args.length) throw argError(arg + 2, "format", "no value");
    const v = args[arg++];
    if (it.err !== undefined) throw runtimeError(it.err);
    const c = it.conv;
    if (c === "d" && it.plain && typeof v === "number" && Number.isInteger(v)) out += String(v);
    else if (c === "s") out += it.plain && typeof v === "string" ? v : formatString(v, it, arg + 1);
    else if (c === "f" || c === "e" || c === "g" || c === "E" || c === "G" || c === "a" || c === "A") {
      out += formatNumber(v, it, arg + 1);
    } else if (c === "q") out += quoted(v, arg + 1);
    else out += formatInt(v, it, arg + 1);
  }
  return out;
}
