// Bitwise operators on 64-bit integers. Floats with an exact integer value and numeric
// strings convert; anything else tries the metamethod, then fails as lvm.c does.
import { runtimeError } from "./errors.ts";
import { metamethod, typeNameForError } from "./meta.ts";
import { tonumberArith } from "./arith.ts";
import { LuaFloat, mkint, type LuaValue } from "./value.ts";

/** A Lua number as an int64 bigint, or undefined when it has no integer representation. */
export function toInt64(v: number | bigint | LuaFloat): bigint | undefined {
  if (typeof v === "bigint") return v;
  const n = typeof v === "number" ? v : v.n;
  if (!Number.isInteger(n) || n < -9223372036854775808 || n >= 9223372036854775808) return undefined;
  return BigInt(n);
}

function operand(v: LuaValue): bigint | undefined | null {
  // null: not a number at all; undefined: a number without integer representation
  const n = tonumberArith(v);
  if (n === undefined) return null;
  return toInt64(n);
}

function bitSlow(a: LuaValue, b: LuaValue, event: string, f: (x: bigint, y: bigint) => bigint): LuaValue {
  const x = operand(a);
  const y = operand(b);
  if (typeof x === "bigint" && typeof y === "bigint") return mkint(f(x, y));
  const h = metamethod(a, event) ?? metamethod(b, event);
  if (h !== undefined) {
    const r = h(a, b);
    return Array.isArray(r) ? r[0] : r;
  }
  // lvm.c luaG_tointerror names the operand without an integer value (the first if both lack one)
  if (x !== null && y !== null) throw runtimeError("number%v has no integer representation", x === undefined ? 0 : 1);
  const bad = x === null ? 0 : 1;
  throw runtimeError(`attempt to perform bitwise operation on a ${typeNameForError(bad === 0 ? a : b)} value`, bad);
}

const small = (a: LuaValue): boolean => typeof a === "number" && (a | 0) === a;

export function band(a: LuaValue, b: LuaValue): LuaValue {
  if (small(a) && small(b)) return a & b;
  return bitSlow(a, b, "__band", (x, y) => x & y);
}

export function bor(a: LuaValue, b: LuaValue): LuaValue {
  if (small(a) && small(b)) return a | b;
  return bitSlow(a, b, "__bor", (x, y) => x | y);
}

export function bxor(a: LuaValue, b: LuaValue): LuaValue {
  if (small(a) && small(b)) return a ^ b;
  return bitSlow(a, b, "__bxor", (x, y) => x ^ y);
}

function shiftLeft(x: bigint, n: bigint): bigint {
  if (n <= -64n || n >= 64n) return 0n;
  if (n >= 0n) return BigInt.asIntN(64, x << n);
  return BigInt.asIntN(64, BigInt.asUintN(64, x) >> -n); // logical shift
}

export function shl(a: LuaValue, b: LuaValue): LuaValue {
  return bitSlow(a, b, "__shl", shiftLeft);
}

export function shr(a: LuaValue, b: LuaValue): LuaValue {
  return bitSlow(a, b, "__shr", (x, n) => shiftLeft(x, -n));
}

export function bnot(a: LuaValue): LuaValue {
  if (small(a)) return ~a;
  return bitSlow(a, a, "__bnot", (x) => ~x);
}
