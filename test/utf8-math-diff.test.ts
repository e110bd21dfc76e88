// utf8 and math end to end (compiled program vs lua5.3): utf8 functions over random byte
// strings (valid, truncated, overlong, surrogates, 5- and 6-byte forms) and positions; math
// functions over edge values, with integer/float subtypes and errors compared.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

/** Random bytes that look like UTF-8 often enough: code points, broken sequences and junk. */
function randomUtf8(r: () => number): string {
  let s = "";
  const n = Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.3) s += String.fromCharCode(Math.floor(r() * 128));
    else if (k < 0.7) {
      const cp = pick(r, [0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff, 0xd800, 0xdfff, 0x110000, 0x7fffffff, 0x3ffffff, 0x1fffff, 0xe9, 0x20ac, 0x1f600]);
      s += Buffer.from(encode(cp)).toString("latin1");
    } else if (k < 0.8) s += pick(r, ["\xc0\x80", "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xc1\xbf", "\xed\xa0\x80"]); // overlong, surrogate
    else if (k < 0.9) s += pick(r, ["\x80", "\xbf", "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xff", "\xfe", "\xf8\x88\x80\x80\x80"]);
    else s += String.fromCharCode(Math.floor(r() * 256));
  }
  return s;
}

/** Lua 5.3's utf8esc: up to 6 bytes (code points to 2^31). */
function encode(cp: number): number[] {
  if (cp < 0x80) return [cp];
  const out: number[] = [];
  let mfb = 0x3f;
  do {
    out.unshift(0x80 | (cp & 0x3f));
    cp = Math.floor(cp / 64);
    mfb >>= 1;
  } while (cp > mfb);
  out.unshift(((~mfb << 1) & 0xff) | cp);
  return out;
}

describe.runIf(luaAvailable)("utf8, compiled, against lua5.3", () => {
  it("agrees on len, codepoint, offset, codes and char over random byte strings", async () => {
    const r = rng(8080);
    const strs: string[] = [];
    for (let i = 0; i < 400; i++) strs.push(luaString(randomUtf8(r)));
    await expectSameOutput(
      `local S = {${strs.join(",\n")}}
local P = {nil, 0, 1, 2, 3, -1, -2, -3, 5, 10, -10, 1.0, 1.5, "2"}
for i, s in ipairs(S) do
  R(i .. " len", utf8.len, s)
  for j = 1, 14 do
    local p = P[j]
    R(i .. " len@" .. tostring(p), function() return utf8.len(s, p, -1) end)
    R(i .. " cp@" .. tostring(p), function() return utf8.codepoint(s, p, p and (type(p) == "number" and p + 2 or p)) end)
    R(i .. " off" .. tostring(p), function() return utf8.offset(s, p or 0, 1) end)
    R(i .. " offi" .. tostring(p), function() return utf8.offset(s, 2, p) end)
    R(i .. " off-" .. tostring(p), function() return utf8.offset(s, -1, p) end)
  end
  R(i .. " codes", function() local t = {} for p, c in utf8.codes(s) do t[#t + 1] = p .. "=" .. c end return table.concat(t, " ") end)
  R(i .. " match", function() local t = {} for c in s:gmatch(utf8.charpattern) do t[#t + 1] = #c end return table.concat(t, ",") end)
end
for _, cp in ipairs({0, 127, 128, 2047, 2048, 65535, 65536, 0x10FFFF, 0x110000, 0x7FFFFFFF, 0x80000000, -1, 1.0, 1.5, "65", "x"}) do
  R("char " .. tostring(cp), utf8.char, cp)
end
R("char many", utf8.char, 72, 101, 108, 108, 111, 0x20AC)
R("codes bad", function() for p, c in utf8.codes("ab\\xff") do end end)
R("len nil", function() return utf8.len() end)
R("cp out", function() return utf8.codepoint("abc", 4) end)
R("off mid", function() return utf8.offset("\\xe2\\x82\\xac", 1, 2) end)
`,
      400 * 70,
    );
  });
});

const VALUES = ["0", "-0", "1", "-1", "3", "-3", "7", "0.0", "-0.0", "0.5", "-0.5", "1.5", "-2.5", "3.7", "-3.7", "1e15", "1e300", "-1e300",
  "2^53", "2^63", "-2^63", "2^64", "1/0", "-1/0", "0/0", "-(0/0)", "math.maxinteger", "math.mininteger", "math.maxinteger + 0.0",
  "math.mininteger + 0.0", "math.pi", "'10'", "'3.5'", "'0x10'", "' 7 '", "'abc'", "nil", "{}", "true", "5e-324"];

describe.runIf(luaAvailable)("math, compiled, against lua5.3", () => {
  it("agrees on every function over edge values (one and two arguments)", async () => {
    const one = ["abs", "ceil", "floor", "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "deg", "rad",
      "modf", "tointeger", "type", "frexp", "cosh", "sinh", "tanh"];
    const two = ["fmod", "atan", "log", "max", "min", "ult", "pow", "ldexp", "atan2"];
    await expectSameOutput(
      `local V = {${VALUES.map((v) => `{${v}}`).join(", ")}}
local ONE = {${one.map((f) => luaString(f)).join(", ")}}
local TWO = {${two.map((f) => luaString(f)).join(", ")}}
-- log10, sinh, cosh and tanh come from V8 (fdlibm), which differs from glibc in the last bit
-- for 0.03-7% of arguments (see the note of issue 3): compared to 12 significant digits.
-- The others are correctly rounded (libm.ts), as glibc's are in all but rare cases.
local INEXACT = {log10 = 1, cosh = 1, sinh = 1, tanh = 1}
local function A(f, ...)
  if not INEXACT[f] then return ... end
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if math.type(v) == "float" and v == v then t[i] = "~" .. string.format("%.12g", v) end
  end
  return table.unpack(t, 1, t.n)
end
for _, f in ipairs(ONE) do
  for i = 1, #V do R(f .. " " .. i, function() return A(f, math[f](V[i][1])) end) end
  R(f .. " none", function() return math[f]() end)
end
for _, f in ipairs(TWO) do
  for i = 1, #V do for j = 1, #V do R(f .. " " .. i .. " " .. j, function() return A(f, math[f](V[i][1], V[j][1])) end) end end
end
R("max3", math.max, 1, 2.5, 2) R("min3", math.min, 3, 1.0, 1) R("max1", math.max, 1) R("maxnone", function() return math.max() end)
R("consts", function() return math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger end)
R("abs min", function() return math.abs(math.mininteger), math.abs(-math.maxinteger) end)
R("fmod int", function() return math.fmod(-6, 4), math.fmod(6, -4), math.fmod(math.mininteger, -1), math.fmod(5, math.mininteger) end)
R("fmod zero", function() return math.fmod(1, 0) end)
R("fmod fzero", function() return math.fmod(1, 0.0), math.fmod(-1.0, 0) end)
`,
      40 * 22 + 40 * 40 * 9,
    );
  });

  it("agrees on random with a seed, its ranges and its errors", async () => {
    await expectSameOutput(
      `math.randomseed(42)
for i = 1, 200 do R("r" .. i, function() return math.random(), math.random(10), math.random(-5, 5), math.random(0, math.maxinteger) end) end
math.randomseed(7.9)
R("seeded float", math.random, 100)
math.randomseed("12")
R("seeded string", math.random, 100)
R("full", function() return math.type(math.random(math.mininteger, math.maxinteger)) end)
R("empty", math.random, 2, 1)
R("empty1", math.random, 0)
R("three", math.random, 1, 2, 3)
R("float", math.random, 1.5)
R("big", function() return math.random(math.mininteger, -1) < 0 end)
R("seed none", function() return math.randomseed() end)
`,
      200,
    );
  });
});
