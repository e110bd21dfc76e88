// Arithmetic with Lua 5.3's subtypes (lvm.c): integer ops wrap at 64 bits, `/` and `^` are
// always float, `//` and `%` floor, strings convert to numbers, metamethods last.
// Each operator has a fast path for two JS numbers; everything else goes to arithSlow.
import { runtimeError } from "./errors.ts";
import { metamethod, typeNameForError } from "./meta.ts";
import { str2number } from "./number.ts";
import { float, LuaFloat, mkint, type LuaValue } from "./value.ts";
import { powC } from "./libm.ts";

type Num = number | bigint | LuaFloat;

const enum Op {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  Idiv,
}
const EVENTS = ["__add", "__sub", "__mul", "__div", "__mod", "__pow", "__idiv"];

const box = (r: number): number | LuaFloat => (Number.isInteger(r) ? float(r) : r);

export function add(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : mkint(BigInt(a) + BigInt(b));
    return box(r);
  }
  return arithSlow(a, b, Op.Add);
}

export function sub(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : mkint(BigInt(a) - BigInt(b));
    return box(r);
  }
  return arithSlow(a, b, Op.Sub);
}

export function mul(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isInteger(a) && Number.isInteger(b)) {
      if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
      return mkint(BigInt(a) * BigInt(b));
    }
    return box(r);
  }
  return arithSlow(a, b, Op.Mul);
}

export function div(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") return box(a / b);
  return arithSlow(a, b, Op.Div);
}

export function pow(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") return box(powf(a, b));
  return arithSlow(a, b, Op.Pow);
}

export function mod(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isInteger(a) && Number.isInteger(b)) {
      if (b === 0) throw runtimeError("attempt to perform 'n%0'");
      const m = a % b;
      return m !== 0 && m < 0 !== b < 0 ? m + b : m === 0 ? 0 : m;
    }
    return box(fmod(a, b));
  }
  return arithSlow(a, b, Op.Mod);
}

export function idiv(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isInteger(a) && Number.isInteger(b)) {
      if (b === 0) throw runtimeError("attempt to divide by zero");
      // Within ±2^31 the float quotient is exact enough for floor; else use 64-bit integers.
      if (a <= 0x7fffffff && a >= -0x80000000 && b <= 0x7fffffff && b >= -0x80000000) {
        const q = Math.floor(a / b);
        return q === 0 ? 0 : q;
      }
      return intArith(Op.Idiv, BigInt(a), BigInt(b));
    }
    return box(Math.floor(a / b));
  }
  return arithSlow(a, b, Op.Idiv);
}

export function unm(a: LuaValue): LuaValue {
  if (typeof a === "number") {
    if (Number.isInteger(a)) return a === 0 ? 0 : -a;
    // x86 NaNs carry a sign: -(0/0) prints "nan"; the runtime keeps that one boxed.
    return Number.isNaN(a) ? new LuaFloat(NaN) : -a;
  }
  if (typeof a === "bigint") return mkint(-a);
  if (a instanceof LuaFloat) return Number.isNaN(a.n) ? NaN : new LuaFloat(-a.n);
  const n = tonumberArith(a);
  if (n !== undefined) return unm(typeof a === "string" ? box(f64(n)) : n);
  const h = metamethod(a, "__unm");
  if (h !== undefined) return first(h(a, a));
  throw runtimeError(`attempt to perform arithmetic on a ${typeNameForError(a)} value`, 0);
}

// Integer operations, for operands the compiler proved to be integers (a number or a bigint):
// no subtype checks, only the range check that sends overflow past 2^53 to int64 arithmetic.
const MAX_SAFE = 9007199254740991;

export function addInt(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return intArith(Op.Add, BigInt(a), BigInt(b));
}

export function subInt(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r;
  }
  return intArith(Op.Sub, BigInt(a), BigInt(b));
}

export function mulInt(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r <= MAX_SAFE && r >= -MAX_SAFE) return r === 0 ? 0 : r; // no -0 among integers
  }
  return intArith(Op.Mul, BigInt(a), BigInt(b));
}

export function modInt(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === "number" && typeof b === "number" && b !== 0) {
    const m = a % b;
    return m === 0 ? 0 : m < 0 !== b < 0 ? m + b : m;
  }
  return intArith(Op.Mod, BigInt(a), BigInt(b));
}

export function idivInt(a: LuaValue, b: LuaValue): LuaValue {
  // within ±2^31 the float quotient is exact enough for floor
  if (typeof a === "number" && typeof b === "number" && b !== 0 && a <= 0x7fffffff && a >= -0x80000000 && b <= 0x7fffffff && b >= -0x80000000) {
    const q = Math.floor(a / b);
    return q === 0 ? 0 : q;
  }
  return intArith(Op.Idiv, BigInt(a), BigInt(b));
}

// Raw float operations, for code whose operands the compiler proved to be numbers
// (compiler/emit/numbers.ts): a float lives there as a plain JS number.

/** A Lua number as the double Lua converts it to (integers beyond 2^53 round). */
export function toFloat(v: LuaValue): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : (v as LuaFloat).n;
}

/** `a % b` on floats. */
export function floatMod(a: number, b: number): number {
  return fmod(a, b);
}

/** `a ^ b`. */
export function floatPow(a: number, b: number): number {
  return powf(a, b);
}

/** C fmod with Lua 5.3's sign adjustment (llimits.h luai_nummod: when m*b < 0, m += b). */
function fmod(a: number, b: number): number {
  let m = a % b;
  if (m * b < 0) m += b;
  return m;
}

/** pow as C's: JS ** gives NaN for 1^NaN and (-1)^±inf, where C gives 1. */
function powf(a: number, b: number): number {
  return powC(a, b); // glibc's pow is correctly rounded; JS ** is not always (libm.ts)
}

/** An operand as a Lua number for arithmetic: numbers as they are, numeric strings converted. */
export function tonumberArith(v: LuaValue): Num | undefined {
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return v;
  if (typeof v === "string") return str2number(v);
  return undefined;
}

function isInt(v: Num): boolean {
  return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
}

function f64(v: Num): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.n;
}

function arithSlow(a: LuaValue, b: LuaValue, op: Op): LuaValue {
  const x = tonumberArith(a);
  const y = tonumberArith(b);
  if (x !== undefined && y !== undefined) {
    // Strings convert to floats for arithmetic (lvm.c tonumber): "10" + 1 is 11.0.
    const ints = typeof a !== "string" && typeof b !== "string" && isInt(x) && isInt(y);
    if (op !== Op.Div && op !== Op.Pow && ints) return intArith(op, BigInt(x as number), BigInt(y as number));
    const p = f64(x);
    const q = f64(y);
    switch (op) {
      case Op.Add:
        return box(p + q);
      case Op.Sub:
        return box(p - q);
      case Op.Mul:
        return box(p * q);
      case Op.Div:
        return box(p / q);
      case Op.Mod:
        return box(fmod(p, q));
      case Op.Pow:
        return box(powf(p, q));
      case Op.Idiv:
        return box(Math.floor(p / q));
    }
  }
  const h = metamethod(a, EVENTS[op]) ?? metamethod(b, EVENTS[op]);
  if (h !== undefined) return first(h(a, b));
  const bad = x === undefined ? 0 : 1;
  throw runtimeError(`attempt to perform arithmetic on a ${typeNameForError(bad === 0 ? a : b)} value`, bad);
}

function intArith(op: Op, a: bigint, b: bigint): number | bigint {
  switch (op) {
    case Op.Add:
      return mkint(a + b);
    case Op.Sub:
      return mkint(a - b);
    case Op.Mul:
      return mkint(a * b);
    case Op.Mod: {
      if (b === 0n) throw runtimeError("attempt to perform 'n%0'");
      const m = a % b;
      return mkint(m !== 0n && m < 0n !== b < 0n ? m + b : m);
    }
    case Op.Idiv: {
      if (b === 0n) throw runtimeError("attempt to divide by zero");
      let q = a / b;
      if (q * b !== a && a < 0n !== b < 0n) q -= 1n;
      return mkint(q);
    }
  }
  throw new Error("unreachable");
}

function first(r: LuaValue): LuaValue {
  return Array.isArray(r) ? r[0] : r;
}
