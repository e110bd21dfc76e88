// The math library of Lua 5.3.6 (lmathlib.c), including the LUA_COMPAT_MATHLIB functions
// (atan2, cosh, sinh, tanh, pow, frexp, ldexp, log10) that Debian's lua5.3 ships.
//
// Subtypes follow lmathlib: floor/ceil/modf give integers when the float fits, abs/fmod keep
// integers, max/min return the winning argument unchanged. NaN signs follow x86 glibc, which
// print differs on ("-nan" vs "nan"): a NaN argument propagates as it is (see sameNaN), a fresh
// NaN is negative except from asin/acos/log10, and fabs clears the sign.
import { argError, checkInteger, checkNumber, typeError } from "./args.ts";
import { lt } from "./compare.ts";
import { cFunctionBoundary, runtimeError } from "./errors.ts";
import { str2number } from "./number.ts";
import { toInt64 } from "./bitwise.ts";
import { LuaFloat, MAXINT, MININT, mkfloat, mkint, type LuaValue } from "./value.ts";
import { NONE } from "./call.ts";
import * as libm from "./libm.ts";

/** A NaN printed "nan" (sign bit clear); a bare JS NaN prints "-nan". */
const POS_NAN = new LuaFloat(NaN);

export const pi = Math.PI;
export const huge = Infinity;
export const maxinteger = MAXINT;
export const mininteger = MININT;

const isInt = (v: LuaValue): boolean => (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint";

/** The float result r of f(x...): a NaN result takes the sign of a NaN argument when there is one. */
function result(r: number, args: LuaValue[], freshPositive = false): LuaValue {
  if (r === r) return mkfloat(r);
  for (const a of args) {
    if (typeof a === "number" && a !== a) return NaN;
    if (a instanceof LuaFloat && a.n !== a.n) return POS_NAN;
  }
  return freshPositive ? POS_NAN : NaN;
}

/** luaL_checknumber, saying "no value" instead of "nil" when fewer than n arguments were passed. */
function num(v: LuaValue, n: number, fname: string, argc: number): number {
  if (typeof v === "number") return v;
  if (v === undefined) throw typeError(v, n, fname, "number", argc < n);
  return checkNumber(v, n, fname);
}

function int(v: LuaValue, n: number, fname: string, argc: number): number | bigint {
  if (v === undefined) throw typeError(v, n, fname, "number", argc < n);
  return checkInteger(v, n, fname);
}

function unary(name: string, fn: (x: number) => number, freshPositive = false) {
  return function (x: LuaValue): LuaValue {
    return result(fn(num(x, 1, name, arguments.length)), [x], freshPositive);
  };
}

/** A float that fits int64 becomes an integer (lmathlib pushnumint); others stay floats. */
function pushnumint(d: number): LuaValue {
  if (d >= -9223372036854775808 && d < 9223372036854775808) {
    if (Number.isSafeInteger(d)) return d === 0 ? 0 : d;
    return mkint(BigInt(d));
  }
  return mkfloat(d);
}

export function abs(x: LuaValue): LuaValue {
  if (typeof x === "number" && Number.isInteger(x)) return x < 0 ? -x : x;
  if (typeof x === "bigint") return mkint(x < 0n ? -x : x); // abs(mininteger) wraps to itself
  const r = Math.abs(num(x, 1, "abs", arguments.length));
  return r === r ? mkfloat(r) : POS_NAN;
}

// correctly rounded, as glibc's (libm.ts); sqrt is exact in IEEE arithmetic anyway
export const sin = unary("sin", libm.sin);
export const cos = unary("cos", libm.cos);
export const tan = unary("tan", libm.tan);
export const asin = unary("asin", libm.asin, true);
export const acos = unary("acos", libm.acos, true);
export const sqrt = unary("sqrt", Math.sqrt);
export const exp = unary("exp", libm.exp);
export const cosh = unary("cosh", Math.cosh);
export const sinh = unary("sinh", Math.sinh);
export const tanh = unary("tanh", Math.tanh);
export const log10 = unary("log10", Math.log10, true);

export function atan(y: LuaValue, x?: LuaValue): LuaValue {
  const a = num(y, 1, "atan", arguments.length);
  const b = x === undefined ? 1 : num(x, 2, "atan", arguments.length);
  // glibc's atan2 returns x + y for NaNs: x86 keeps the first operand's NaN
  return result(libm.atan2(a, b), [x, y]);
}
export const atan2 = atan;

export function floor(x: LuaValue): LuaValue {
  if (isInt(x)) return x;
  const n = num(x, 1, "floor", arguments.length);
  return n !== n ? x : pushnumint(Math.floor(n));
}

export function ceil(x: LuaValue): LuaValue {
  if (isInt(x)) return x;
  const n = num(x, 1, "ceil", arguments.length);
  return n !== n ? x : pushnumint(Math.ceil(n));
}

export function fmod(a: LuaValue, b: LuaValue): LuaValue {
  if (isInt(a) && isInt(b)) {
    if (typeof a === "number" && typeof b === "number") {
      if (b === 0) throw argError(2, "fmod", "zero");
      const r = a % b; // C's % truncates, as JS's does
      return r === 0 ? 0 : r;
    }
    const d = BigInt(b);
    if (d === 0n) throw argError(2, "fmod", "zero");
    if (d === -1n) return 0; // mininteger % -1 would overflow in C
    return mkint(BigInt(a) % d);
  }
  // lmathlib passes both checks as arguments of fmod(); gcc evaluates the second first
  const y = num(b, 2, "fmod", arguments.length);
  const x = num(a, 1, "fmod", arguments.length);
  return result(x % y, [a, b]); // JS % on doubles is C fmod
}

/** Integer part (toward zero) as pushnumint, fractional part always a float. */
export function modf(x: LuaValue): LuaValue[] {
  if (isInt(x)) return [x, new LuaFloat(0)];
  const n = num(x, 1, "modf", arguments.length);
  if (n !== n) return [x, x];
  const ip = n < 0 ? Math.ceil(n) : Math.floor(n);
  return [pushnumint(ip), n === ip ? new LuaFloat(0) : mkfloat(n - ip)];
}

export function tointeger(x?: LuaValue): LuaValue {
  if (isInt(x)) return x;
  let v: LuaValue = x;
  if (typeof x === "string") v = str2number(x); // lua_tointegerx converts numeric strings
  if (typeof v === "bigint") return v;
  if (typeof v === "number" || v instanceof LuaFloat) {
    const i = toInt64(v);
    return i === undefined ? undefined : mkint(i);
  }
  if (arguments.length === 0) throw argError(1, "tointeger", "value expected");
  return undefined;
}

export function ult(a: LuaValue, b: LuaValue): boolean {
  const x = int(a, 1, "ult", arguments.length);
  const y = int(b, 2, "ult", arguments.length);
  if (typeof x === "number" && typeof y === "number" && x >= 0 && y >= 0) return x < y;
  return BigInt.asUintN(64, BigInt(x)) < BigInt.asUintN(64, BigInt(y));
}

export function log(x: LuaValue, base?: LuaValue): LuaValue {
  const n = num(x, 1, "log", arguments.length);
  if (base === undefined) return result(libm.log(n), [x]);
  const b = num(base, 2, "log", arguments.length);
  if (b === 2) return result(libm.log2(n), [x]);
  if (b === 10) return result(Math.log10(n), [x], true);
  const r = libm.log(n) / libm.log(b);
  if (r === r) return mkfloat(r);
  // x86 divsd returns its first NaN operand: log(x) when it is NaN, else log(base)
  const lx = libm.log(n);
  return lx !== lx ? result(lx, [x]) : result(r, [base]);
}

export function deg(x: LuaValue): LuaValue {
  return result(num(x, 1, "deg", arguments.length) * (180 / Math.PI), [x]);
}

export function rad(x: LuaValue): LuaValue {
  return result(num(x, 1, "rad", arguments.length) * (Math.PI / 180), [x]);
}

/** lua_compare(LT) over all arguments: any comparable values (strings too), keeping the winner as is. */
/** lua_compare from inside the C function: an "attempt to compare" error has no position. */
function compare(a: LuaValue, b: LuaValue): boolean {
  return cFunctionBoundary(() => lt(a, b));
}

export function max(...args: LuaValue[]): LuaValue {
  if (args.length === 0) throw argError(1, "max", "value expected");
  let m = args[0];
  for (let i = 1; i < args.length; i++) {
    const v = args[i];
    if (typeof m === "number" && typeof v === "number" ? m < v : compare(m, v)) m = v;
  }
  return m;
}

export function min(...args: LuaValue[]): LuaValue {
  if (args.length === 0) throw argError(1, "min", "value expected");
  let m = args[0];
  for (let i = 1; i < args.length; i++) {
    const v = args[i];
    if (typeof m === "number" && typeof v === "number" ? v < m : compare(v, m)) m = v;
  }
  return m;
}

export function type(x?: LuaValue): LuaValue {
  if (typeof x === "number") return Number.isInteger(x) ? "integer" : "float";
  if (typeof x === "bigint") return "integer";
  if (x instanceof LuaFloat) return "float";
  if (arguments.length === 0) throw argError(1, "type", "value expected");
  return undefined;
}

export function pow(a: LuaValue, b: LuaValue): LuaValue {
  const x = num(a, 1, "pow", arguments.length);
  const y = num(b, 2, "pow", arguments.length);
  // C pow: 1^y and x^0 are 1 even for NaN; (-1)^±inf is 1
  if (x === 1 || y === 0 || (x === -1 && (y === Infinity || y === -Infinity))) return new LuaFloat(1);
  if (x !== x && y === y && Number.isFinite(y)) {
    // glibc squares a NaN x and negates it for a negative x and an odd integer y
    const negative = !(a instanceof LuaFloat);
    const odd = Number.isInteger(y) && Math.abs(y % 2) === 1;
    return negative && !odd ? NaN : POS_NAN;
  }
  return result(libm.powC(x, y), [a, b]);
}

export function frexp(a: LuaValue): LuaValue[] {
  const x = num(a, 1, "frexp", arguments.length);
  if (x === 0 || !Number.isFinite(x)) return [x !== x ? a : mkfloat(x), 0];
  let m = x;
  let e = 0;
  if (Math.abs(m) < 2 ** -1000) {
    m *= 2 ** 64; // lift subnormals so 2 ** -k below stays finite
    e = -64;
  }
  const k = Math.floor(Math.log2(Math.abs(m))) + 1;
  m *= 2 ** -k; // exact: a power of two within range
  e += k;
  // log2 may be off by one near powers of two
  if (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  } else if (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [mkfloat(m), e];
}

export function ldexp(a: LuaValue, b: LuaValue): LuaValue {
  const x = num(a, 1, "ldexp", arguments.length);
  let e = Number(BigInt.asIntN(32, BigInt(int(b, 2, "ldexp", arguments.length)))); // (int) cast
  let r = x;
  while (e > 1000 && Number.isFinite(r) && r !== 0) {
    r *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000 && r !== 0) {
    r *= 2 ** -1000;
    e += 1000;
  }
  return result(r * 2 ** e, [a]);
}

/** l_rand() scaled as 5.3.6 does: (double)random() * (1.0 / (RAND_MAX + 1.0)). */
export function random(m?: LuaValue, n?: LuaValue, ..._extra: LuaValue[]): LuaValue {
  const r = glibcRandom() * (1 / 2147483648);
  let low: number | bigint;
  let up: number | bigint;
  switch (arguments.length) {
    case 0:
      return mkfloat(r);
    case 1:
      low = 1;
      up = checkInteger(m, 1, "random");
      break;
    case 2:
      low = checkInteger(m, 1, "random");
      up = checkInteger(n, 2, "random");
      break;
    default:
      throw runtimeError("wrong number of arguments");
  }
  if (typeof low === "number" && typeof up === "number") {
    if (!(low <= up)) throw argError(1, "random", "interval is empty");
    // up - low of two safe integers rounds once, as C's (double)(up - low) does
    const k = Math.trunc(r * (up - low + 1));
    const v = k + low;
    return Number.isSafeInteger(v) ? v : mkint(BigInt(k) + BigInt(low));
  }
  const lo = BigInt(low);
  const hi = BigInt(up);
  if (!(lo <= hi)) throw argError(1, "random", "interval is empty");
  if (!(lo >= 0n || hi <= MAXINT + lo)) throw argError(1, "random", "interval too large");
  const k = Math.trunc(r * (Number(hi - lo) + 1));
  return mkint(BigInt(k) + lo);
}

export function randomseed(x: LuaValue): LuaValue[] {
  const n = num(x, 1, "randomseed", arguments.length);
  // (unsigned int)(lua_Integer)n: out-of-range doubles convert to mininteger on x86
  const i = Number.isFinite(n) && n > -9223372036854775808 && n < 9223372036854775808 ? BigInt(Math.trunc(n)) : MININT;
  glibcSrandom(Number(BigInt.asUintN(32, i)));
  glibcRandom(); // discard first value, as lmathlib does
  return NONE;
}

// glibc random()/srandom() (TYPE_3: additive feedback x[i] = x[i-3] + x[i-31] over 31 words),
// which lua5.3 on Linux uses as l_rand. Unseeded, glibc behaves as srandom(1).
const state = new Int32Array(31);
let fptr = 3;
let rptr = 0;

function glibcSrandom(seed: number): void {
  if (seed === 0) seed = 1;
  let word = seed | 0; // int32_t word = seed
  state[0] = word;
  for (let i = 1; i < 31; i++) {
    // 16807 * word % 2147483647 without overflowing 31 bits (Schrage); C division truncates
    const hi = Math.trunc(word / 127773);
    const lo = word % 127773;
    word = (16807 * lo - 2836 * hi) | 0;
    if (word < 0) word = (word + 2147483647) | 0;
    state[i] = word;
  }
  fptr = 3;
  rptr = 0;
  for (let i = 0; i < 310; i++) glibcRandom();
}

function glibcRandom(): number {
  const val = (state[fptr] + state[rptr]) | 0;
  state[fptr] = val;
  if (++fptr >= 31) {
    fptr = 0;
    ++rptr;
  } else if (++rptr >= 31) rptr = 0;
  return val >>> 1;
}
glibcSrandom(1);

export const mathLib = {
  abs,
  acos,
  asin,
  atan,
  atan2,
  ceil,
  cos,
  cosh,
  deg,
  exp,
  floor,
  fmod,
  frexp,
  huge,
  ldexp,
  log,
  log10,
  max,
  maxinteger,
  min,
  mininteger,
  modf,
  pi,
  pow,
  rad,
  random,
  randomseed,
  sin,
  sinh,
  sqrt,
  tan,
  tanh,
  tointeger,
  type,
  ult,
};
