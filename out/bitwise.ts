// Compiled from bitwise.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  band,
  bnot,
  bor,
  bxor,
  float,
  floatPow,
  type LuaValue,
  math,
  mkfloat,
  pcall,
  print,
  results,
  shl,
  shr,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Bitwise operators on 64-bit integers
  print(
    band(5, 3),
    bor(5, 3),
    bxor(5, 3),
    bnot(5),
    bnot(0),
    shl(1, 4),
    shr(256, 4),
    shr(-1, 1),
    shl(-1, 63),
  );
  print(shl(1, 64), shl(1, 63), shr(1, 64), shl(1, -1), shr(2, -1), shr(-1, 60), band(255, -1));
  print(
    bor(float(3), 0),
    band("12", 7),
    bor(mkfloat(floatPow(2, 53)), 0),
    shr(math.mininteger, 63),
    bxor(math.maxinteger, math.mininteger),
  );
  print(
    band(1085102592571150095n, 71777214294589695n),
    shl(2147483647, 32),
    shr(shl(2147483647, 32), 16),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return bor(1.5, 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return bor("a", 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return band(tableOf(), 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return bor(mkfloat(floatPow(2, 64)), 0);
      }),
    ),
  );
  let x: number = 3735928559;
  print(
    band(x, 65535),
    shr(x, 16),
    band(shl(x, 8), 4294967295),
    bxor(x, x),
    band(bnot(x), 4294967295),
  );
}
