// Compiled from numbers.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  float,
  floatPow,
  idivInt,
  type LuaValue,
  math,
  mkfloat,
  print,
  string,
  subInt,
  tableOf,
  tonumber,
  tostring,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Numbers as text: print, tostring, .., tonumber
  print(
    1,
    float(1),
    float(-0),
    float(1000000000000000),
    float(10000000000000000),
    123456789012,
    mkfloat(floatPow(2, 63)),
    float(1e100),
    0.1,
    mkfloat(1 / 3),
    mkfloat(-1 / 3),
    mkfloat(100 / 3),
  );
  print(
    0.00001,
    0.0000123,
    5e-324,
    float(1.7976931348623157e308),
    3.14159265358979,
    mkfloat(floatPow(2, 24)),
    mkfloat(floatPow(2, -10)),
  );
  print(
    tostring(idivInt(10, 3)),
    tostring(mkfloat(10 / 5)),
    float(7),
    -7.25,
    float(100000000000000),
    mkfloat(1000000000000000 + 0.5),
    float(12345678901234567000),
  );
  print(tonumber("10"), tonumber("10.0"), tonumber("  0x1F  "), tonumber("1e2"), tonumber(".5"));
  print(
    tonumber("5."),
    tonumber("0x"),
    tonumber(""),
    tonumber(" "),
    tonumber("1 2"),
    tonumber("abc"),
  );
  print(
    tonumber("inf"),
    tonumber("nan"),
    tonumber("-0x10"),
    tonumber("- 1"),
    tonumber("+5"),
    tonumber("0x1p-2"),
  );
  print(
    tonumber("ff", 16),
    tonumber("zz", 36),
    tonumber("777", 8),
    tonumber("102", 2),
    tonumber(" -11 ", 2),
  );
  print(
    tonumber("9223372036854775807"),
    tonumber("9223372036854775808"),
    tonumber("-9223372036854775808"),
  );
  print(tonumber(42), tonumber(4.5), tonumber(undefined), tonumber(true), tonumber(tableOf()));
  print(
    math.type(1),
    math.type(float(1)),
    math.type("1"),
    math.type(mkfloat(floatPow(2, 31))),
    math.type(idivInt(1, 1)),
  );
  print(
    9223372036854775807n,
    subInt(-9223372036854775807n, 1),
    mkfloat(1e300 * 10000000000),
    unm(mkfloat(1e300 * 10000000000)),
  );
  print(string.format("%d %5.2f %g %s", 42, 3.14159, float(100000000000000000000), 1.5));
}
