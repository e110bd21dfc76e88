// Compiled from mathlib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  bnot,
  bor,
  bxor,
  eq,
  first,
  float,
  floatPow,
  forIn,
  idiv,
  idivInt,
  io,
  ipairs,
  lt,
  type LuaValue,
  math,
  mkfloat,
  modInt,
  pcall,
  print,
  results,
  shl,
  shr,
  string,
  tableOf,
  toFloat,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The math library: integer and float results as 5.3 gives them, and its errors
  print(
    math.floor(3.7),
    math.ceil(3.2),
    math.floor(-3.5),
    math.floor(mkfloat(floatPow(2, 62))),
    math.floor(float(1e100)),
    math.ceil(float(-0)),
  );
  print(
    math.abs(-4),
    math.abs(-4.5),
    math.abs(math.mininteger),
    math.fmod(7, 3),
    math.fmod(-7, 3),
    math.fmod(7, -2.5),
  );
  print(
    first(math.modf(3.7)),
    first(math.modf(-3.7)),
    first(math.modf(5)),
    ...results(math.modf(math.huge)),
  );
  print(
    math.tointeger(float(3)),
    math.tointeger(3.5),
    math.tointeger("8"),
    math.tointeger("x"),
    math.type(1),
    math.type(float(1)),
    math.type("1"),
  );
  print(
    math.max(1, 2.5, 2),
    math.min(3, float(1), 1),
    math.max(float(-0), 0),
    ...results(pcall(math.max)),
  );
  print(
    math.ult(1, -1),
    eq(add(math.maxinteger, 1), math.mininteger),
    idiv(math.mininteger, -1),
    ...results(pcall(math.fmod, 1, 0)),
  );
  print(
    math.sqrt(16),
    math.exp(0),
    math.log(8, 2),
    math.log(100, 10),
    math.log(1),
    string.format("%.6f", math.sin(1)),
  );
  print(
    math.huge,
    unm(math.huge),
    math.pi,
    string.format("%.3f", mkfloat(toFloat(math.atan(1, 1)) * 4)),
    math.rad(180),
    math.deg(math.pi),
  );
  math.randomseed(42);
  let a: LuaValue = math.random(1, 100),
    b: LuaValue = math.random(5);
  math.randomseed(42);
  print(
    eq(a, math.random(1, 100)),
    eq(b, math.random(5)),
    lt(math.random(), 1),
    first(pcall(math.random, 2, 1)),
    ...results(pcall(math.random, 1, 2, 3)),
  );
  // a level meter in dB, as a control script would print it
  for (const $it1 = forIn(ipairs(tableOf([1, 0.5, 0.1, 0.001]))); $it1.next();) {
    const _: LuaValue = $it1.a,
      v: LuaValue = $it1.b;
    io.write(string.format("%.1f dB  ", mkfloat(20 * toFloat(math.log(v, 10)))));
  }
  print();
  print(
    idivInt(7, 2),
    idivInt(-7, 2),
    modInt(7, -3),
    modInt(-7, 3),
    mkfloat(Math.floor(7.5 / 2)),
    mkfloat(floatPow(2, 10)),
    mkfloat(10 / 2),
    bor(3, 5),
    bxor(3, 5),
    bnot(0),
    shl(1, 63),
    shr(-1, 1),
  );
}
