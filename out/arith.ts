// Compiled from arith.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  concat,
  eq,
  float,
  floatMod,
  floatPow,
  gt,
  idiv,
  idivInt,
  le,
  lt,
  type LuaValue,
  math,
  mkfloat,
  mod,
  modInt,
  mul,
  mulInt,
  print,
  shl,
  sub,
  subInt,
  toFloat,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Arithmetic with Lua 5.3's integer and float subtypes
  print(
    addInt(1, 2),
    mkfloat(1 + 2),
    mkfloat(10 / 2),
    mkfloat(7 / 2),
    mkfloat(floatPow(2, 10)),
    mkfloat(floatPow(2, 0.5)),
  );
  print(
    idivInt(7, 2),
    idivInt(-7, 2),
    idivInt(7, -2),
    idivInt(-7, -2),
    mkfloat(Math.floor(7 / 2)),
    mkfloat(Math.floor(-7.5 / 2)),
    mkfloat(Math.floor(1 / 0)),
    mkfloat(Math.floor(-1 / 0)),
  );
  print(
    modInt(7, 3),
    modInt(-7, 3),
    modInt(7, -3),
    modInt(-7, -3),
    mkfloat(floatMod(5.5, 2)),
    mkfloat(floatMod(-5.5, 2)),
    mkfloat(floatMod(5, 2.5)),
    mkfloat(floatMod(3, Infinity)),
    mkfloat(floatMod(-3, Infinity)),
  );
  print(eq(add(math.maxinteger, 1), math.mininteger), eq(sub(math.mininteger, 1), math.maxinteger));
  print(
    mul(math.maxinteger, 2),
    mul(math.mininteger, -1),
    idiv(math.mininteger, -1),
    mod(math.mininteger, -1),
  );
  print(
    9007199254740993n,
    addInt(9007199254740992n, 1),
    mkfloat(floatPow(2, 53) + 1),
    mulInt(4611686018427387904n, 2),
  );
  print(unm(subInt(-9223372036854775807n, 1)), addInt(9223372036854775807n, 9223372036854775807n));
  print(-1, 16, 10, float(16), 10.5, float(100), 0.01, 0.5, float(3), float(9223372036854776000));
  print(
    add("10", 1),
    add("3.0", 1),
    mul("0x10", 2),
    sub(" 5 ", 1),
    `${10}`,
    concat(1.5, concat("|", float(-0))),
  );
  print(
    unm("2"),
    unm(-3),
    eq(float(-0), float(0)),
    eq(float(0), float(-0)),
    gt(mkfloat(1 / 0), math.maxinteger),
    lt(mkfloat(-1 / 0), math.mininteger),
  );
  print(
    eq(1, float(1)),
    floatPow(2, 53) === floatPow(2, 53) + 1,
    eq(add(math.maxinteger, float(0)), mkfloat(floatPow(2, 63))),
    eq(math.maxinteger, mkfloat(floatPow(2, 63))),
  );
  print(
    lt(1, 1.5),
    le(2, float(2)),
    gt(-1, -1.5),
    lt("a", "b"),
    lt("Z", "a"),
    lt("abc", "abd"),
    lt("", "a"),
    gt("a\x00b", "a"),
  );
  print(
    mkfloat(3 * 1.5),
    mulInt(100000000000000, 100000000000000),
    mkfloat(0.1 + 0.2),
    mkfloat(1e308 * 10),
    mkfloat(-1e308 * 10),
  );
  print(
    mkfloat(Math.floor(5 / 0)),
    mkfloat(Math.floor(-5 / 0)),
    0 / 0 !== 0 / 0,
    mkfloat(floatPow(2, 63)),
    unm(mkfloat(floatPow(2, 63))),
    math.tointeger(mkfloat(floatPow(2, 62))),
  );
  let big: LuaValue = shl(1, 62);
  print(addInt(big, big), mulInt(big, 4), idivInt(addInt(big, big), 3));
  let i: LuaValue = 0;
  for (let _ = 1; _ <= 10; _++) {
    i = mkfloat(toFloat(i) + 0.1);
  }
  print(
    i,
    eq(i, float(1)),
    mkfloat(3 - 2.5),
    mkfloat(Math.floor(10 / 3)),
    mkfloat(floatPow(2, -1)),
  );
  print(
    mkfloat(floatMod(8, 3.5)),
    unm(mkfloat(floatPow(2, 2))),
    mkfloat(floatPow(-2, 2)),
    mkfloat(floatPow(2, floatPow(3, 2))),
    mkfloat(toFloat(addInt(1, mulInt(2, 3))) - 4 / 2),
  );
}
