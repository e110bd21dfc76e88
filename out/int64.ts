// Compiled from int64.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  band,
  bnot,
  bor,
  bxor,
  call,
  callMethod,
  eq,
  first,
  float,
  floatMod,
  floatPow,
  forIn,
  forLimit,
  gt,
  idiv,
  idivInt,
  ipairs,
  len,
  lt,
  type LuaValue,
  math,
  mkfloat,
  mod,
  mul,
  mulInt,
  print,
  results,
  shl,
  shr,
  string,
  sub,
  tableOf,
  tostring,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // 64-bit integer arithmetic as real programs use it: hashes, PRNGs, bit fields, conversions
  // FNV-1a, 64-bit: multiplication wraps around
  function fnv1a(s?: LuaValue): LuaValue {
    let h: LuaValue = -3750763034362895579n;
    // 0xcbf29ce484222325
    for (let i = 1, $limit = forLimit(len(s), 1); i <= $limit; i++) {
      h = bxor(h, first(callMethod(s, "byte", i)));
      h = mul(h, 1099511628211);
    }
    return h;
  }
  for (const $it1 = forIn(ipairs(tableOf(["", "a", "foobar", "Q-SYS Core 110f"]))); $it1.next();) {
    const _: LuaValue = $it1.a,
      s: LuaValue = $it1.b;
    print(string.format("%-16s %20d %016x", s, fnv1a(s), fnv1a(s)));
  }
  // xorshift64*: shifts are logical, multiplication wraps
  let state: LuaValue = 88172645463325252n;
  function xorshift(): LuaValue {
    state = bxor(state, shr(state, 12));
    state = bxor(state, shl(state, 25));
    state = bxor(state, shr(state, 27));
    return mulInt(state, 2685821657736338717n);
  }
  for (let i = 1; i <= 5; i++) {
    let r: LuaValue = xorshift();
    print(i, r, shr(r, 60), band(r, 255), math.ult(r, 0));
  }
  // Bit fields packed into one integer
  function pack(r?: LuaValue, g?: LuaValue, b?: LuaValue, a?: LuaValue): LuaValue {
    return bor(bor(bor(shl(r, 24), shl(g, 16)), shl(b, 8)), a);
  }
  function unpack(c?: LuaValue): LuaValue {
    return [band(shr(c, 24), 255), band(shr(c, 16), 255), band(shr(c, 8), 255), band(c, 255)];
  }
  let c: LuaValue = pack(18, 52, 86, 120);
  print(c, string.format("0x%08x", c), ...results(unpack(c)));
  print(first(call(unpack, pack(255, 255, 255, 255))), pack(255, 255, 255, 255));
  // Overflow at the edges, integer versus float results
  let max: LuaValue = math.maxinteger,
    min: LuaValue = math.mininteger;
  print(eq(add(max, 1), min), eq(sub(min, 1), max), mul(max, 2), mul(min, -1), eq(unm(min), min));
  print(idiv(max, -1), idiv(min, -1), mod(min, -1), mod(max, 2), mod(min, 3));
  print(
    add(max, float(1)),
    add(min, float(0)),
    eq(add(max, float(0)), mkfloat(floatPow(2, 63))),
    eq(mkfloat(floatPow(2, 63)), add(max, float(1))),
    math.tointeger(mkfloat(floatPow(2, 62))),
  );
  print(shl(1, 62), shl(1, 63), shr(shl(1, 63), 1), shr(-1, 1), shr(bnot(0), 32));
  print(
    mkfloat(Math.floor(5 / 0)),
    mkfloat(Math.floor(-5 / 0)),
    0 / 0 !== 0 / 0,
    mkfloat(floatMod(3, -Infinity)),
    mkfloat(floatMod(-3, Infinity)),
  );
  // Mixed comparisons are exact, even where doubles cannot represent the integer
  let big: number = floatPow(2, 53);
  print(
    big === floatPow(2, 53) + 1,
    gt(9007199254740993n, mkfloat(big)),
    eq(9007199254740993n, mkfloat(big)),
    eq(9007199254740992n, mkfloat(big)),
  );
  print(
    lt(max, mkfloat(floatPow(2, 63))),
    eq(max, mkfloat(floatPow(2, 63))),
    eq(min, unm(mkfloat(floatPow(2, 63)))),
    lt(min, unm(mkfloat(floatPow(2, 63)))),
    gt(max, float(9223372036854700000)),
  );
  // Conversions
  print(
    math.type(3),
    math.type(float(3)),
    math.type("3"),
    bor(3, 0),
    bor(float(3), 0),
    add("0x10", 0),
    add("1e2", 0),
  );
  print(
    tostring(mkfloat(floatPow(2, 63))),
    tostring(unm(mkfloat(floatPow(2, 63)))),
    math.tointeger(3.5),
    math.tointeger("8"),
    idivInt(7, 2),
    mkfloat(Math.floor(7 / 2)),
  );
  print(
    string.format(
      "%d %5.1f %g %g %g",
      42,
      3.14159,
      float(100000000000000000000),
      0.1,
      mkfloat(floatPow(2, 63)),
    ),
  );
  // A checksum over a byte string with 16-bit wrap (as device protocols do)
  function checksum16(bytes?: LuaValue): LuaValue {
    let sum: LuaValue = 0;
    for (let i = 1, $limit = forLimit(len(bytes), 1); i <= $limit; i++) {
      sum = band(add(sum, mul(first(callMethod(bytes, "byte", i)), i)), 65535);
    }
    return sum;
  }
  print(checksum16("\x01\x02\x03\xff\xfe"), ...results(call(checksum16, string.rep("\xff", 1000))));
}
