// string.byte/char/sub/rep/reverse/upper/lower/len end to end (compiled program vs lua5.3):
// random byte strings and random positions (negative, zero, past the end, floats, numeric
// strings, int64 extremes), called as functions and as methods so errors are named both ways.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

const POSITIONS = ["nil", "0", "1", "2", "3", "-1", "-2", "-3", "5", "6", "7", "100", "-100", "math.maxinteger", "math.mininteger",
  "2^53", "-2^63", "1.0", "2.5", "'2'", "' -1 '", "'x'", "{}", "true"];

describe.runIf(luaAvailable)("string basics, compiled, against lua5.3", () => {
  it("agrees on byte, sub, rep, char over random strings and positions", async () => {
    const r = rng(31);
    const lines: string[] = [];
    for (let i = 0; i < 150; i++) {
      const n = Math.floor(r() * 7);
      const s = Array.from({ length: n }, () => String.fromCharCode(pick(r, [0, 65, 97, 122, 200, 255, Math.floor(r() * 256)]))).join("");
      const a = pick(r, POSITIONS);
      const b = pick(r, POSITIONS);
      const S = luaString(s);
      lines.push(`R(${luaString(`${i} sub ${a} ${b}`)}, function() return string.sub(${S}, ${a}, ${b}) end)`);
      lines.push(`R(${luaString(`${i} :sub ${a}`)}, function() return (${S}):sub(${a}) end)`);
      lines.push(`R(${luaString(`${i} byte ${a} ${b}`)}, function() return string.byte(${S}, ${a}, ${b}) end)`);
      lines.push(`R(${luaString(`${i} :byte ${a}`)}, function() return (${S}):byte(${a}) end)`);
      lines.push(`R(${luaString(`${i} rep ${a}`)}, function() local c = ${a} if type(c) == "number" and c > 20 then c = 20 end return string.rep(${S}, c, ${pick(r, ['","', '""', "nil", "12", "{}"])}) end)`);
      lines.push(`R(${luaString(`${i} char ${a} ${b}`)}, function() return string.char(${a}, ${b}) end)`);
      lines.push(`R(${luaString(`${i} case`)}, function() return string.upper(${S}), string.lower(${S}), string.reverse(${S}), string.len(${S}), #${S} end)`);
    }
    await expectSameOutput(
      `${lines.join("\n")}
R("sub none", function() return string.sub("abc") end)
R(":sub nil", function() return ("abc"):sub(nil) end)
R("len num", string.len, 12.5)
R("len none", function() return string.len() end)
R("upper num", string.upper, -0.0)
R("rep huge", function() return string.rep("x", 2^31) end)
R("rep huge sep", function() return string.rep("x", 2^30, ",") end)
R("rep neg", string.rep, "x", -5, "y")
R("char none", string.char)
R("char 256", string.char, 65, 256)
R("byte many", function() return select("#", string.byte(string.rep("a", 1000), 1, -1)) end)
R("dump", string.dump, print)
R("dump none", function() return string.dump() end)
R("format via method", function() return ("%5.2f|%-5d|%q"):format(3.14159, 42, "a\\nb") end)
R("meta index", function() local s = "abc" return s.len, s.nothing end)
`,
      150 * 7,
    );
  });
});
