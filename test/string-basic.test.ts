// string.byte / char / len / lower / upper / rep / reverse / sub / dump against the lua5.3
// oracle: random subjects and positions (negative, oversized, floats, numeric strings,
// int64 extremes) in one lua5.3 run, plus hand-written cases for each rule.
import { describe, expect, it } from "vitest";
import { LuaError } from "../runtime/lua/errors.ts";
import { byte, char, dump, len, lower, rep, reverse, sub, upper } from "../runtime/lua/string/basic.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { LuaFloat, type LuaValue } from "../runtime/lua/value.ts";
import { luaAvailable, runOracle } from "./oracle.ts";
import { rng } from "./differential.ts";
import { SERIALISE, ser } from "./canonical.ts";

const LUA_PRELUDE = String.raw`
${SERIALISE}local W = {
  byte = function(...) return table.pack(string.byte(...)) end,
  char = function(...) return table.pack(string.char(...)) end,
  dump = function(...) return table.pack(string.dump(...)) end,
  len = function(...) return table.pack(string.len(...)) end,
  lower = function(...) return table.pack(string.lower(...)) end,
  upper = function(...) return table.pack(string.upper(...)) end,
  rep = function(...) return table.pack(string.rep(...)) end,
  reverse = function(...) return table.pack(string.reverse(...)) end,
  sub = function(...) return table.pack(string.sub(...)) end,
}
local function run(c)
  local ok, r = pcall(W[c[1]], table.unpack(c, 2, c.n))
  if ok then return "ok " .. ser(r) end
  return "err " .. (tostring(r):gsub("^[^:]*:%d+: ", ""))
end
`;

type Case = [fn: string, ...args: LuaValue[]];

const FNS: Record<string, (...a: LuaValue[]) => LuaValue> = { byte, char, dump, len, lower, upper, rep, reverse, sub };

function runTs(c: Case): string {
  try {
    return "ok " + ser(FNS[c[0]](...c.slice(1)));
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    return "err " + String(e.value).replace(/^[^:]*:\d+: /, "");
  }
}

function lit(v: LuaValue): string {
  if (v === undefined) return "nil";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  if (typeof v === "bigint") return v < 0n ? `(${v + 1n}-1)` : String(v);
  if (v instanceof LuaFloat) return Number.isFinite(v.n) ? v.n.toFixed(1) : v.n > 0 ? "1e999" : "-1e999";
  if (v instanceof LuaTable) return "{}";
  if (typeof v === "function") return "print";
  let out = '"';
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    out += /[A-Za-z0-9 ]/.test(ch) ? ch : "\\" + String(v.charCodeAt(i)).padStart(3, "0");
  }
  return out + '"';
}

function compare(cases: Case[]): void {
  const lines = cases.map((c) => `{${c.map(lit).join(", ")}, n = ${c.length}},`);
  const r = runOracle(
    `${LUA_PRELUDE}\nlocal cases = {\n${lines.join("\n")}\n}\nfor _, c in ipairs(cases) do print(run(c)) end\n`,
  );
  expect(r.stderr).toBe("");
  const expected = r.stdout.split("\n");
  const diffs: string[] = [];
  cases.forEach((c, i) => {
    const got = runTs(c);
    if (got !== expected[i])
      diffs.push(`${c[0]}(${c.slice(1).map(lit).join(", ")})\n  lua: ${expected[i]}\n  ts:  ${got}`);
  });
  expect(diffs.slice(0, 10).join("\n")).toBe("");
}

const ODD_POSITIONS: LuaValue[] = [
  0,
  -1,
  100,
  -100,
  new LuaFloat(2),
  new LuaFloat(-1),
  2.5,
  "3",
  "-2",
  "2.0",
  " 4 ",
  "0x2",
  "x",
  "",
  true,
  undefined,
  9223372036854775807n,
  -9223372036854775808n,
  new LuaFloat(2 ** 63),
  new LuaFloat(Infinity),
  new LuaTable(),
];

function randomCases(seed: number, count: number): Case[] {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pos = (): LuaValue => (rand() < 0.85 ? int(-9, 9) : ODD_POSITIONS[int(0, ODD_POSITIONS.length - 1)]);
  const subject = () => {
    let s = "";
    const n = int(0, 8);
    for (let i = 0; i < n; i++) s += String.fromCharCode(rand() < 0.5 ? int(0, 255) : int(97, 100));
    return s;
  };
  const cases: Case[] = [];
  for (let k = 0; k < count; k++) {
    const s = subject();
    cases.push(["sub", s, pos()], ["sub", s, pos(), pos()], ["byte", s], ["byte", s, pos()], ["byte", s, pos(), pos()]);
    cases.push(
      ["rep", s, int(-1, 3)],
      ["rep", s, pos(), subject()],
      ["reverse", s],
      ["len", s],
      ["lower", s],
      ["upper", s],
    );
    cases.push(["char", int(0, 255), int(0, 255), int(-2, 258)], ["char", pos()]);
  }
  return cases;
}

describe.runIf(luaAvailable)("basic string functions: random differential against lua5.3", () => {
  it("agrees on 5200 random calls", () => {
    compare(randomCases(4242, 400));
  });
});

const allBytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

const HAND: Record<string, Case[]> = {
  sub: [
    ["sub", "hello", 2],
    ["sub", "hello", 2, 4],
    ["sub", "hello", -3],
    ["sub", "hello", -3, -2],
    ["sub", "hello", 0],
    ["sub", "hello", -100, 2],
    ["sub", "hello", 4, 2],
    ["sub", "hello", 3, 100],
    ["sub", "hello", 6],
    ["sub", "", 1, -1],
    ["sub", "hello", "2", "3.0"],
    ["sub", "hello", 2.5],
    ["sub", "hello", new LuaFloat(1e100)],
    ["sub", "hello", -9223372036854775808n, 9223372036854775807n],
    ["sub", "hello", 9223372036854775807n],
    ["sub", "hello", 2, undefined],
    ["sub", "hello", undefined],
    ["sub", "hello"],
    ["sub"],
    ["sub", 12345, 2, 3],
    ["sub", new LuaFloat(1), 1],
    ["sub", 1.5, -2],
  ],
  byte: [
    ["byte", "ABC"],
    ["byte", "ABC", 2],
    ["byte", "ABC", -1],
    ["byte", "ABC", 1, -1],
    ["byte", "ABC", 0],
    ["byte", "ABC", 4],
    ["byte", "ABC", 3, 1],
    ["byte", "ABC", -100, 100],
    ["byte", "", 1],
    ["byte", "\0\xff", 1, 2],
    ["byte", "ABC", 1.0, "2"],
    ["byte", "ABC", 1.5],
    ["byte"],
  ],
  char: [
    ["char"],
    ["char", 72, 105],
    ["char", 0, 255],
    ["char", 256],
    ["char", -1],
    ["char", 65, undefined],
    ["char", "65", new LuaFloat(66)],
    ["char", 65.5],
    ["char", "x"],
    ["char", 9223372036854775807n],
  ],
  caseAndReverse: [
    ["lower", allBytes],
    ["upper", allBytes],
    ["lower", "MiXeD \xc0\xc9 CaSe"],
    ["upper", "MiXeD \xe0\xe9 CaSe"],
    ["reverse", allBytes],
    ["reverse", ""],
    ["reverse", 123],
    ["lower", 1e15],
    ["upper"],
    ["lower", undefined],
    ["reverse", true],
    ["len", allBytes],
    ["len", ""],
    ["len", 12.5],
    ["len", new LuaTable()],
    ["len"],
  ],
  rep: [
    ["rep", "ab", 3],
    ["rep", "ab", 3, ","],
    ["rep", "ab", 1, ","],
    ["rep", "ab", 0, ","],
    ["rep", "ab", -5],
    ["rep", "", 5, ""],
    ["rep", "", 3, "-"],
    ["rep", "x", 2.0],
    ["rep", "x", "2"],
    ["rep", "x", 1.5],
    ["rep", "x"],
    ["rep"],
    ["rep", "xx", 2 ** 30],
    ["rep", "x", 2 ** 31],
    ["rep", "x", 2 ** 30, "x"],
    ["rep", "x", 9223372036854775807n],
    ["rep", 5, 3, 0],
    ["rep", "x", 2, new LuaTable()],
  ],
  dump: [["dump"], ["dump", 1], ["dump", undefined], ["dump", new LuaTable()]],
};

describe.runIf(luaAvailable)("basic string functions: hand-written cases against lua5.3", () => {
  for (const [name, cases] of Object.entries(HAND)) {
    it(name, () => compare(cases));
  }
  it("string.byte refuses to return about a million values, as luaL_checkstack does", () => {
    const r = runOracle(`local s = string.rep("a", 1000000)
print(select("#", string.byte(s, 1, 999000)))
print(pcall(function() local t = {string.byte(s, 1, -1)} end))`);
    expect(r.stdout).toBe("999000\nfalse\tsnippet.lua:3: stack overflow (string slice too long)\n");
    const s = "a".repeat(1000000);
    expect((byte(s, 1, 999000) as number[]).length).toBe(999000);
    expect(() => byte(s, 1, -1)).toThrow("stack overflow (string slice too long)");
  });
});

// ---- pasted oracle results (lua5.3 5.3.6), checked without the oracle ----

describe("basic string functions: known results", () => {
  const msg = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as LuaError).value;
    }
    return "no error";
  };
  it("values", () => {
    expect(sub("hello", 2, 4)).toBe("ell");
    expect(sub("hello", -3)).toBe("llo");
    expect(sub("hello", "2", "3.0")).toBe("el");
    expect(byte("ABC", 1, -1)).toEqual([65, 66, 67]);
    expect(byte("ABC", 4)).toEqual([]);
    expect(char(72, 105, 33)).toBe("Hi!");
    expect(upper("a\xe9z")).toBe("A\xe9Z");
    expect(lower("A\xc9Z")).toBe("a\xc9z");
    expect(rep("ab", 3, ",")).toBe("ab,ab,ab");
    expect(rep("", 2 ** 40)).toBe("");
    expect(reverse("a\0b")).toBe("b\0a");
    expect(len("\0\0")).toBe(2);
  });
  it("errors", () => {
    expect(msg(() => (sub as any)("hello", 2.5))).toBe(
      "bad argument #2 to 'sub' (number has no integer representation)",
    );
    expect(msg(() => (sub as any)())).toBe("bad argument #1 to 'sub' (string expected, got no value)");
    expect(msg(() => (rep as any)("x"))).toBe("bad argument #2 to 'rep' (number expected, got no value)");
    expect(msg(() => (rep as any)(undefined, 1))).toBe("bad argument #1 to 'rep' (string expected, got nil)");
    expect(msg(() => rep("xx", 2 ** 30))).toBe("resulting string too large");
    expect(msg(() => char(256))).toBe("bad argument #1 to 'char' (value out of range)");
    expect(msg(() => (dump as any)())).toBe("bad argument #1 to 'dump' (function expected, got no value)");
    expect(msg(() => dump(() => 1))).toBe("unable to dump given function");
    expect(msg(() => (len as any)(new LuaTable()))).toBe("bad argument #1 to 'len' (string expected, got table)");
  });
});
