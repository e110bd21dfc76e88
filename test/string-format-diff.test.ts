// string.format end to end (compiled program vs lua5.3): random specs over edge values, %q of
// every byte and number, %s precision and __tostring, and the argument errors as the call
// site names them.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

const INTS = ["0", "1", "-1", "7", "65", "255", "-255", "123456789", "-12345678901234", "math.maxinteger", "math.mininteger",
  "(1 << 53)", "-(1 << 53) - 1", "0x7fffffff", "-0x80000000", "4294967296"];
const FLOATS = ["0.0", "-0.0", "0.5", "1.5", "2.5", "-2.5", "1/3", "0.1", "1e308", "-1e308", "5e-324", "1e-310",
  "1/0", "-1/0", "0/0", "-(0/0)", "2^63", "-2^63", "2^53", "1e15", "1e16", "1e21", "123.456", "99.995", "9.5", "0.05",
  "1e100", "3.0", "-7.0", "255.0", "1.7976931348623157e308", "2.2250738585072014e-308", "123456789.125"];
const STRINGS = ['""', '"hello"', '"a\\0b"', '"12"', '"0x10"', '" 5 "', '"1e2"', '"3.0"', '"-7"', '"x\\ny"'];

/** A random finite double written so that Lua reads back exactly the same value. */
function randomFloat(r: () => number): string {
  const k = Math.floor(r() * 5);
  let x: number;
  if (k === 0) {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setUint32(0, (Math.floor(r() * 0x7fe) << 20) | Math.floor(r() * 0x100000));
    dv.setUint32(4, Math.floor(r() * 2 ** 32));
    x = dv.getFloat64(0);
  } else if (k === 1) x = (r() * 2 - 1) * 10 ** Math.floor(r() * 30 - 10);
  else if (k === 2) x = (Math.floor(r() * 2 ** 20) * 2 + 1) / 2 ** Math.floor(1 + r() * 24); // ties
  else if (k === 3) x = pick(r, [5, 25, 125, 15, 35, 2.5, 0.5]) * 10 ** Math.floor(r() * 20);
  else x = Math.floor(r() * 20000 - 10000) / 16;
  if (r() < 0.5) x = -x;
  let s = String(x);
  if (/^-?\d+$/.test(s)) s += ".0";
  return s.startsWith("-") ? `(${s})` : s;
}

function randomSpec(r: () => number): string {
  let s = "%";
  const nflags = r() < 0.02 ? 6 : Math.floor(r() * r() * 4);
  for (let i = 0; i < nflags; i++) s += pick(r, ["-", "+", " ", "#", "0"]);
  if (r() < 0.5) s += Math.floor(r() * (r() < 0.03 ? 1000 : 30));
  const p = r();
  if (p < 0.1) s += ".";
  else if (p < 0.5) s += "." + Math.floor(r() * 20);
  else if (p < 0.6) s += "." + Math.floor(r() * 100);
  s += r() < 0.03 ? pick(r, ["F", "y", "b", "L", "p", "%", "n", "l"]) : pick(r, [..."diouxXcaAeEfgGsq"]);
  return s;
}

describe.runIf(luaAvailable)("string.format, compiled, against lua5.3", () => {
  it("agrees on 5000 random specs over integers, floats, strings and other values", async () => {
    const r = rng(5300601);
    const values = [...INTS, ...FLOATS, ...STRINGS, "true", "nil", 'setmetatable({}, {__tostring = function() return "T!" end})'];
    for (let i = 0; i < 200; i++) values.push(randomFloat(r));
    for (let i = 0; i < 40; i++) values.push(String(BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) << BigInt(Math.floor(r() * 40)))));
    const cases: string[] = [];
    for (let i = 0; i < 5000; i++) {
      let spec = randomSpec(r);
      if (r() < 0.15) spec = "<" + spec + ">";
      if (r() < 0.05) spec += " " + randomSpec(r); // a second conversion: its value may be missing
      const v = Math.floor(r() * values.length) + 1;
      cases.push(`{${luaString(spec)}, ${v}}`);
    }
    await expectSameOutput(
      `local V = {${values.map((v) => `(${v})`).join(", ")}}
local C = {${cases.join(",\n")}}
for i, c in ipairs(C) do R(i .. " " .. c[1], function() return string.format(c[1], V[c[2]]) end) end
`,
      5000,
    );
  });

  it("agrees on %q of every byte, integers, floats and odd values", async () => {
    const lines: string[] = [];
    lines.push(`for b = 0, 255 do R("q" .. b, string.format, "%q", string.char(b)) R("q1" .. b, string.format, "%q", string.char(b) .. "1") R("qa" .. b, string.format, "%q", "a" .. string.char(b) .. "9z") end`);
    for (const v of [...INTS, ...FLOATS, "true", "false", "nil", "{}", "print", "'\\r\\n\\0\\0012\\255\\\\\"'"]) {
      lines.push(`R(${luaString("q " + v)}, function() return string.format("%q", ${v}) end)`);
      lines.push(`R(${luaString("q5 " + v)}, function() return string.format("%5q", ${v}) end)`);
    }
    lines.push(`local all = {} for b = 0, 255 do all[#all + 1] = string.char(b) end R("qall", string.format, "%q", table.concat(all))`);
    await expectSameOutput(lines.join("\n") + "\n", 800);
  });

  it("agrees on %s with precisions, __tostring, __name and embedded zeros", async () => {
    const r = rng(77);
    const lines: string[] = [
      `local T = setmetatable({}, {__tostring = function() return "hello\\0world" end})`,
      `local N = setmetatable({}, {__name = "MyType"})`,
      `local BAD = setmetatable({}, {__tostring = function() return 42 end})`,
      `local V = {"", "abc", "a\\0b", 12, 1.5, 2^63, math.mininteger, true, nil, T, BAD, -0.0, string.rep("x", 150)}`,
    ];
    for (let i = 0; i < 400; i++) {
      let spec = "%";
      if (r() < 0.3) spec += pick(r, ["-", "0", "#", " ", "+"]);
      if (r() < 0.5) spec += Math.floor(r() * 25);
      if (r() < 0.6) spec += "." + Math.floor(r() * 20);
      spec += "s";
      lines.push(`R(${luaString(i + spec)}, function() return string.format(${luaString(spec)}, V[${1 + Math.floor(r() * 13)}]) end)`);
    }
    lines.push(`R("name", function() return (string.format("%s", N):gsub("0x%x+", "ADDR")) end)`);
    lines.push(`R("s99", function() return string.format("%.99s|%-99s|", string.rep("y", 120), "z") end)`);
    await expectSameOutput(lines.join("\n") + "\n", 400);
  });

  it("names argument errors as the call site does", async () => {
    await expectSameOutput(
      `R("a", function() return string.format("%d", 3.5) end)
R("b", function() return string.format("%d", "3.5") end)
R("c", function() return string.format("%d", "x") end)
R("d", function() return string.format("%d") end)
R("e", function() return string.format() end)
R("f", function() return string.format("%x", -1.0) end)
R("g", function() return string.format("%c", 2^63) end)
R("h", function() return ("%d"):format(1.5) end)
R("i", function() local fmt = string.format return fmt("%d", {}) end)
R("j", string.format, "%d", 1.5)
R("k", function() return string.format("%s %s", 1) end)
R("l", function() return string.format("%10.3q", "x") end)
R("m", function() return string.format("%q", 1/0) .. string.format("%q", -1/0) .. string.format("%q", 0/0) end)
R("n", function() return string.format("%5.3%") end)
R("o", function() return string.format("%a %A", 1, 255) end)
`,
      14,
    );
  });
});
