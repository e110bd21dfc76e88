// Syntax errors read as lua5.3's: each bad program is compiled in-process and its message
// compared with what lua5.3 prints for the same file (`lua5.3: bad.lua:LINE: message`).
// We report the column too (`bad.lua:LINE:COL:`); the CLI's caret display is in cli.test.ts.
import { describe, expect, test } from "vitest";
import { compileLua } from "../compiler/compile.ts";
import { LuaSyntaxError } from "../compiler/parse.ts";
import { luaAvailable, runOracle } from "./oracle.ts";

const BAD: string[] = [
  "local x = 1\nx = = 2\n",
  "local x = 1 +\n",
  "if x then\n  print(1)\n",
  'print("abc\n',
  "x = 'abc",
  'x = "abc\\"\n',
  "x = 3x\n",
  "x = 1f\n",
  "x = 1..2\n",
  "x = 0x\n",
  "x = 0x.\n",
  "x = 0x.p1\n",
  "x = 0x..1\n",
  "x = 0x.8g\n",
  "1", // a numeral at the very end of the text
  "x = 1e\n",
  "local function 1f() end\n",
  "local function f(\n",
  "for i = 1 do end\n",
  "for i 1\n",
  "for k, v in pairs(t) print(k) end\n",
  "local t = {1, 2\n",
  "local t = {\n  1,\n  2\n",
  "x = f(\n1,\n2\n",
  "x = (1\n",
  "x = t[1\n",
  "f{\n",
  "f(",
  "x = f(a,)\n",
  "print(1))\n",
  "x = 1 2\n",
  'x = 1 "s"\n',
  "x = }\n",
  "x = ~= 1\n",
  "x = 1 == == 2\n",
  "print('a' .. )\n",
  "a, b 1\n",
  "f() = 1\n",
  "local a.b = 1\n",
  "local 1 = 2\n",
  "local = 1\n",
  "a.b:c = 1\n",
  "x = a.\n",
  "x = a:b\n",
  "local x <const> = 5\n",
  "x = @\n",
  "return return\n",
  "return 1; print(2)\n",
  "function f() return 1 print(2) end\n",
  "if x then return 1 else return 2 x() end\n",
  "do end end\n",
  "local x = function() end end\n",
  "if x then else elseif y then end\n",
  "function f() return 1\n",
  "function f()\n  if x then\n    return 1\n  end\n",
  "while true do\n",
  "repeat x = 1\n",
  "for i = 1, 2 do\n  print(i)\n",
  "if x then elseif y then\n",
  "for i=1,2 do\n  local t = {\n    a = 1,\n    b = (2\n  }\nend\n",
  "s = [[unfinished\n",
  "x = [==[ abc ]=]\n",
  "--[[ unfinished comment\n",
  'x = "\\q"\n',
  'x = "\\300"\n',
  'x = "\\xZZ"\n',
  'x = "\\u{110000000}"\n',
  'x = "\\u{110000}"\n',
  'x = "ok" .. "\\u{7FFFFFFF}"\n',
  "x = ...\nfunction f() return ... end\n",
  "break\n",
  "::a:: ::a::\n",
  "goto f; local a; ::f:: print(a)\n",
  "repeat goto cont; local z = 1; ::cont:: until z\n",
];

/** "LINE: message" from lua5.3's stderr, or from our compiler's error. */
function oracleMessage(source: string): string {
  const r = runOracle(source, "bad.lua");
  const m = /^lua5\.3: bad\.lua:(\d+): (.*)$/m.exec(r.stderr);
  if (!m) throw new Error(`lua5.3 accepted the program or failed otherwise: ${r.stderr}`);
  return `${m[1]}: ${m[2]}`;
}

function ourMessage(source: string): string {
  try {
    compileLua(source, "bad.lua");
  } catch (e) {
    if (e instanceof LuaSyntaxError) return `${e.line}: ${e.reason}`;
    throw e;
  }
  return "(compiled without error)";
}

describe.skipIf(!luaAvailable)("syntax errors read as lua5.3's", () => {
  for (const source of BAD) {
    test(JSON.stringify(source), () => {
      expect(ourMessage(source)).toBe(oracleMessage(source));
    });
  }

  test("a goto with no visible label: same message, positioned at the goto (Lua: at the block's end)", () => {
    const source = "local x = 1\ngoto nowhere\nprint(x)\n";
    expect(ourMessage(source)).toBe("2: no visible label 'nowhere' for <goto> at line 2");
    expect(oracleMessage(source)).toBe("4: no visible label 'nowhere' for <goto> at line 2");
  });

  test("a break outside a loop: same message, positioned at the break (Lua: at the function's end)", () => {
    const source = "if x then break end\n";
    expect(ourMessage(source)).toBe("1: <break> at line 1 not inside a loop");
    expect(oracleMessage(source)).toBe("2: <break> at line 1 not inside a loop");
  });
});
