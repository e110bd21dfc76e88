// Numbers as text and text as numbers, following lobject.c (lua_Number2str, l_str2int, l_str2d).
import { LuaFloat, mkint } from "./value.ts";
import { formatFloat } from "./string/format.ts";

/**
 * C's `%.<prec>g` for a finite or non-finite double, as glibc prints it: the exact binary value
 * rounded half-to-even (string/format.ts holds the conversion shared with string.format).
 */
export function formatG(x: number, prec: number, alt = false, upper = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  return formatFloat(x, upper ? "G" : "g", prec, alt);
}

/** inf, -inf, nan, -nan as glibc spells them. A NaN's sign: see floatToString. */
export function nonFinite(x: number, upper = false, negNan = true): string {
  const s = Number.isNaN(x) ? (negNan ? "-nan" : "nan") : x > 0 ? "inf" : "-inf";
  return upper ? s.toUpperCase() : s;
}

/**
 * tostring() of a float: "%.14g", plus ".0" when that looks like an integer.
 * x86 produces NaN with the sign bit set ("-nan"); negating it gives "nan", which the
 * runtime represents as a LuaFloat holding NaN (see arith.ts unm).
 */
export function floatToString(x: number, positiveNan = false): string {
  if (Number.isNaN(x)) return positiveNan ? "nan" : "-nan";
  const s = formatG(x, 14);
  return /^-?\d+$/.test(s) ? s + ".0" : s;
}

export function numberToString(v: number | bigint | LuaFloat): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatToString(v);
  if (typeof v === "bigint") return v.toString();
  return floatToString(v.n, Number.isNaN(v.n));
}

const SPACE = " \f\n\r\t\v";
function trimLua(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && SPACE.includes(s[a])) a++;
  while (b > a && SPACE.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

const DEC_INT = /^[+-]?[0-9]+$/;
const HEX_INT = /^([+-]?)0[xX]([0-9a-fA-F]+)$/;
const DEC_FLOAT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;

/** Lua's string->number conversion (tonumber, arithmetic coercion); undefined when not a numeral. */
export function str2number(text: string): number | bigint | LuaFloat | undefined {
  const s = trimLua(text);
  if (s.length === 0 || s.length !== s.trimEnd().length) return undefined;
  if (DEC_INT.test(s)) {
    const b = BigInt(s);
    if (b >= -0x8000000000000000n && b <= 0x7fffffffffffffffn) return mkint(b);
    return floatOf(Number(s)); // decimal integer overflow becomes a float
  }
  let m = HEX_INT.exec(s);
  if (m) {
    const b = BigInt("0x" + m[2]);
    return mkint(m[1] === "-" ? -b : b); // hex integers wrap around
  }
  if (DEC_FLOAT.test(s)) return floatOf(Number(s));
  m = HEX_FLOAT.exec(s);
  if (m && (m[2].length > 0 || (m[3] ?? "").length > 0)) {
    const frac = m[3] ?? "";
    const mant = BigInt("0x" + (m[2] + frac || "0"));
    const exp = Number(m[4] ?? 0) - 4 * frac.length;
    const v = hexScale(mant, exp);
    return floatOf(m[1] === "-" ? -v : v);
  }
  return undefined;
}

function hexScale(mant: bigint, exp: number): number {
  // Keep the mantissa within double range before scaling so huge digit strings still round.
  while (mant > 1n << 1000n) {
    mant >>= 4n;
    exp += 4;
  }
  let v = Number(mant);
  // Scale in steps so 2**exp never over/underflows on its own.
  while (exp > 0) {
    const k = Math.min(exp, 1000);
    v *= 2 ** k;
    exp -= k;
  }
  while (exp < 0) {
    const k = Math.max(exp, -1000);
    v *= 2 ** k;
    exp -= k;
  }
  return v;
}

function floatOf(n: number): number | LuaFloat {
  return Number.isInteger(n) ? new LuaFloat(n) : n;
}
