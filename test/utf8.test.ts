// utf8 library: cases run once in lua5.3 and once through our functions; lines must match.
import { describe, expect, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameAsLua, type Case } from "./paired-cases.ts";
import { utf8Lib as U } from "../runtime/lua/utf8.ts";
import { call } from "../runtime/lua/call.ts";
import { MAXINT } from "../runtime/lua/value.ts";
import { LuaTable } from "../runtime/lua/table.ts";

const LUA_PRELUDE = `local function C(s) local o = {} for p, c in utf8.codes(s) do o[#o+1] = p .. ":" .. c end return table.concat(o, " ") end
`;

/** for p, c in utf8.codes(s): drive the iterator triple as the generic for does. */
function C(s: string): string {
  const [f, st, init] = U.codes(s);
  const out: string[] = [];
  let ctl = init;
  for (;;) {
    const r = call(f, st, ctl);
    if (!Array.isArray(r) || r.length === 0) break;
    out.push(`${r[0]}:${r[1]}`);
    ctl = r[0];
  }
  return out.join(" ");
}

const S = "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"; // "héllo € 😀" as bytes
const luaS = '"h\\xc3\\xa9llo \\xe2\\x82\\xac \\xf0\\x9f\\x98\\x80"';

const cases: Case[] = [
  ["utf8.char(72, 233, 8364, 128512, 0, 127, 128, 2047, 2048, 65535, 65536, 1114111)", () => U.char(72, 233, 8364, 128512, 0, 127, 128, 2047, 2048, 65535, 65536, 1114111)],
  ["utf8.char()", () => U.char()],
  ["utf8.char(0x110000)", () => U.char(0x110000)],
  ["utf8.char(0x7FFFFFFF)", () => U.char(0x7fffffff)],
  ["utf8.char(65, -1)", () => U.char(65, -1)],
  ["utf8.char(1.5)", () => U.char(1.5)],
  ["utf8.char('66', 67.0)", () => U.char("66", 67)],
  ["utf8.charpattern", () => U.charpattern],
  [`utf8.codepoint(${luaS}, 1, -1)`, () => U.codepoint(S, 1, -1)],
  [`utf8.codepoint(${luaS})`, () => U.codepoint(S)],
  [`utf8.codepoint(${luaS}, 2)`, () => U.codepoint(S, 2)],
  [`utf8.codepoint(${luaS}, 3)`, () => U.codepoint(S, 3)],
  [`utf8.codepoint(${luaS}, -4)`, () => U.codepoint(S, -4)],
  [`utf8.codepoint(${luaS}, 5, 4)`, () => U.codepoint(S, 5, 4)],
  [`utf8.codepoint(${luaS}, 0)`, () => U.codepoint(S, 0)],
  [`utf8.codepoint(${luaS}, 1, 100)`, () => U.codepoint(S, 1, 100)],
  [`utf8.codepoint("\\xf4\\x90\\x80\\x80")`, () => U.codepoint("\xf4\x90\x80\x80")],
  [`utf8.codepoint("\\xed\\xa0\\x80")`, () => U.codepoint("\xed\xa0\x80")],
  [`utf8.codepoint("\\xc0\\x80")`, () => U.codepoint("\xc0\x80")],
  [`utf8.codepoint("\\xe2\\x82")`, () => U.codepoint("\xe2\x82")],
  [`utf8.codepoint("\\xf8\\x88\\x80\\x80\\x80")`, () => U.codepoint("\xf8\x88\x80\x80\x80")],
  [`utf8.codepoint("")`, () => U.codepoint("")],
  [`utf8.codepoint()`, () => (U.codepoint as (...a: unknown[]) => unknown)()],
  [`utf8.len(${luaS})`, () => U.len(S)],
  [`utf8.len(${luaS}, 3)`, () => U.len(S, 3)],
  [`utf8.len(${luaS}, 2, 2)`, () => U.len(S, 2, 2)],
  [`utf8.len(${luaS}, -4)`, () => U.len(S, -4)],
  [`utf8.len("abc\\xffdef")`, () => U.len("abc\xffdef")],
  [`utf8.len("\\xe2\\x82")`, () => U.len("\xe2\x82")],
  [`utf8.len("")`, () => U.len("")],
  [`utf8.len("abc", 5)`, () => U.len("abc", 5)],
  [`utf8.len("abc", 4)`, () => U.len("abc", 4)],
  [`utf8.len("abc", 1, 4)`, () => U.len("abc", 1, 4)],
  [`utf8.len("abc", 0)`, () => U.len("abc", 0)],
  [`utf8.len({})`, () => U.len(new LuaTable())],
  [`utf8.offset(${luaS}, 3)`, () => U.offset(S, 3)],
  [`utf8.offset(${luaS}, -1)`, () => U.offset(S, -1)],
  [`utf8.offset(${luaS}, -2)`, () => U.offset(S, -2)],
  [`utf8.offset(${luaS}, 0, 3)`, () => U.offset(S, 0, 3)],
  [`utf8.offset(${luaS}, 1, 3)`, () => U.offset(S, 1, 3)],
  [`utf8.offset(${luaS}, 20)`, () => U.offset(S, 20)],
  [`utf8.offset(${luaS}, 10)`, () => U.offset(S, 10)],
  [`utf8.offset(${luaS}, -20)`, () => U.offset(S, -20)],
  [`utf8.offset(${luaS}, 1, 100)`, () => U.offset(S, 1, 100)],
  [`utf8.offset("abc", 1, 4), utf8.offset("abc", 2, 4), utf8.offset("abc", -1, 4), utf8.offset("", 1), utf8.offset("", 0)`, () => [U.offset("abc", 1, 4), U.offset("abc", 2, 4), U.offset("abc", -1, 4), U.offset("", 1), U.offset("", 0)]],
  [`utf8.offset("abc")`, () => (U.offset as (...a: unknown[]) => unknown)("abc")],
  [`C(${luaS})`, () => C(S)],
  [`C("")`, () => C("")],
  [`C("ab\\xffcd")`, () => C("ab\xffcd")],
  [`C("a\\xc3\\xa9\\x80")`, () => C("a\xc3\xa9\x80")],
  [`C(1234)`, () => C("1234")],
  [`utf8.codepoint(utf8.char(MAX))`.replace("MAX", "0x10FFFF"), () => U.codepoint(U.char(0x10ffff))],
  [`utf8.char(math.maxinteger)`, () => U.char(MAXINT)],
];

describe("utf8 library", () => {
  it("char and codepoint round-trip", () => {
    expect(U.codepoint(U.char(233, 8364), 1, -1)).toEqual([233, 8364]);
    expect(U.char(233)).toBe("\xc3\xa9");
  });

  describe.runIf(luaAvailable)("against lua5.3", () => {
    it("prints the same line for every case", () => {
      expectSameAsLua(cases, LUA_PRELUDE);
    });
  });
});
