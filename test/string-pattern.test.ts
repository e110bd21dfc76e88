// string.find / match / gmatch / gsub against the lua5.3 oracle: hundreds of random
// subjects and patterns in one lua5.3 run, plus hand-written cases for each rule.
// Results are compared in a canonical serialisation computed the same way on both sides
// (strings as \ddd-escaped bytes, integers "i", floats "f"), errors by message text.
import { describe, expect, it } from "vitest";
import { LuaError } from "../runtime/lua/errors.ts";
import { find, gmatch, gsub, match } from "../runtime/lua/string/search.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { LuaFloat, type LuaValue } from "../runtime/lua/value.ts";
import { luaAvailable, runOracle } from "./oracle.ts";
import { rng } from "./differential.ts";
import { SERIALISE, ser } from "./canonical.ts";

// ---- canonical serialisation (identical in Lua below) ----

const LUA_PRELUDE = String.raw`
${SERIALISE}local T = setmetatable({a = "<A>", ["1"] = "one", [1] = "pos1", t = {}, n = 7, f = false},
  {__index = function(_, k) if k == "b" then return "<B>" end end})
local F = function(...)
  local n = select("#", ...)
  local a = ...
  if a == "b" then return false end
  if a == "t" then return {} end
  if a == "n" then return 2.5 end
  return "[" .. n .. tostring(a) .. "]"
end
local W = {
  find = function(...) return table.pack(string.find(...)) end,
  match = function(...) return table.pack(string.match(...)) end,
  gsub = function(...) return table.pack(string.gsub(...)) end,
  gmatch = function(...)
    local it = string.gmatch(...)
    local out = {}
    for _ = 1, 100 do
      local r = table.pack(it())
      if r.n == 0 or r[1] == nil then break end
      out[#out + 1] = ser(r)
    end
    return table.pack(table.concat(out, ";"))
  end,
}
local function run(c)
  local ok, r = pcall(W[c[1]], table.unpack(c, 2, c.n))
  if ok then return "ok " .. ser(r) end
  return "err " .. (tostring(r):gsub("^[^:]*:%d+: ", ""))
end
`;

// ---- the same harness in TS ----

const T = new LuaTable();
T.set("a", "<A>");
T.set("1", "one");
T.set(1, "pos1");
T.set("t", new LuaTable());
T.set("n", 7);
T.set("f", false);
T.metatable = new LuaTable();
T.metatable.set("__index", (_t: LuaValue, k: LuaValue) => (k === "b" ? "<B>" : undefined));

function F(...args: LuaValue[]): LuaValue {
  const a = args[0];
  if (a === "b") return false;
  if (a === "t") return new LuaTable();
  if (a === "n") return 2.5;
  return "[" + args.length + (typeof a === "number" ? String(a) : a) + "]";
}

const REFS = { T, F };
type Ref = { ref: keyof typeof REFS };
type Arg = LuaValue | Ref;
type Case = [fn: string, ...args: Arg[]];

function collectGmatch(...args: LuaValue[]): LuaValue {
  const it = (gmatch as (...a: LuaValue[]) => LuaValue)(...args);
  const out: string[] = [];
  for (let k = 0; k < 100; k++) {
    const r = it();
    const vals = Array.isArray(r) ? r : [r];
    if (vals.length === 0 || vals[0] === undefined) break;
    out.push(ser(vals));
  }
  return out.join(";");
}

const FNS: Record<string, (...a: LuaValue[]) => LuaValue> = { find, match, gsub, gmatch: collectGmatch };

function runTs(c: Case): string {
  const args = c.slice(1).map((a) => (a !== null && typeof a === "object" && "ref" in a ? REFS[(a as Ref).ref] : a));
  try {
    return "ok " + ser(FNS[c[0]](...args));
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    return "err " + String(e.value).replace(/^[^:]*:\d+: /, "");
  }
}

function lit(v: Arg): string {
  if (v === undefined) return "nil";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return String(v);
  if (v instanceof LuaTable) return "{}";
  if (v instanceof LuaFloat) return v.n.toFixed(1);
  if (typeof v === "string") {
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      out += /[A-Za-z0-9 ]/.test(ch) ? ch : "\\" + String(v.charCodeAt(i)).padStart(3, "0");
    }
    return out + '"';
  }
  return (v as Ref).ref;
}

/** Run every case on lua5.3 in one process; one output line per case. */
function runLua(cases: Case[]): string[] {
  const lines = cases.map((c) => `{${c.map(lit).join(", ")}, n = ${c.length}},`);
  const src = `${LUA_PRELUDE}\nlocal cases = {\n${lines.join("\n")}\n}\nfor _, c in ipairs(cases) do print(run(c)) end\n`;
  const r = runOracle(src);
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").slice(0, cases.length);
}

function compare(cases: Case[]): void {
  const expected = runLua(cases);
  const diffs: string[] = [];
  cases.forEach((c, i) => {
    const got = runTs(c);
    if (got !== expected[i])
      diffs.push(`${c[0]}(${c.slice(1).map(lit).join(", ")})\n  lua: ${expected[i]}\n  ts:  ${got}`);
  });
  expect(diffs.slice(0, 10).join("\n")).toBe("");
}

// ---- random inputs ----

const SUBJECT_CHARS = [
  "a",
  "a",
  "a",
  "b",
  "b",
  "c",
  "A",
  "1",
  "9",
  " ",
  "\0",
  "\xff",
  "\xe9",
  "%",
  ".",
  "[",
  "]",
  "^",
  "$",
  "(",
  ")",
  "-",
  "\n",
  "_",
];
const CLASSES = ["a", "A", "d", "D", "s", "S", "w", "W", "x", "p", "P", "c", "g", "l", "u", "U", "z"];

function patternGen(rand: () => number) {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const special = "^$*+?.([%-])";
  const literal = (): string => {
    const c = pick(SUBJECT_CHARS);
    return special.includes(c) && rand() < 0.8 ? "%" + c : c;
  };
  const setItem = (): string => {
    const r = rand();
    if (r < 0.4) return literal();
    if (r < 0.6) return pick(["a-c", "0-9", "A-Z", "\0-\x1f", "b-a", "%a-z"]);
    if (r < 0.8) return "%" + pick(CLASSES);
    return pick(["-", "^", "]", "%]", "%-"]);
  };
  const set = (): string => {
    let out = "[" + (rand() < 0.3 ? "^" : "");
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) out += setItem();
    return out + "]";
  };
  const single = (): string => {
    const r = rand();
    if (r < 0.45) return literal();
    if (r < 0.6) return ".";
    if (r < 0.8) return "%" + pick(CLASSES);
    return set();
  };
  const piece = (depth: number): string => {
    const r = rand();
    if (r < 0.6) return single() + (rand() < 0.45 ? pick(["*", "+", "-", "?"]) : "");
    if (r < 0.72 && depth < 2) return "(" + seq(depth + 1, 3) + ")";
    if (r < 0.76) return "()";
    if (r < 0.82) return "%" + pick(["1", "1", "2", "3", "0"]);
    if (r < 0.88) return pick(["%b()", "%bab", "%b[]", "%b%%"]);
    if (r < 0.94) return "%f" + set();
    return pick(["%", "[a", "(", ")", "%f", "%b", "[^", "%g", "$$", "^"]); // malformed or odd
  };
  const seq = (depth: number, max: number): string => {
    let out = "";
    const n = Math.floor(rand() * max) + (depth === 0 ? 1 : 0);
    for (let i = 0; i < n; i++) out += piece(depth);
    return out;
  };
  return () => (rand() < 0.2 ? "^" : "") + seq(0, 4) + (rand() < 0.15 ? "$" : "");
}

function subjectGen(rand: () => number, maxLen: number) {
  return () => {
    let s = "";
    const n = Math.floor(rand() * (maxLen + 1));
    for (let i = 0; i < n; i++) s += SUBJECT_CHARS[Math.floor(rand() * SUBJECT_CHARS.length)];
    return s;
  };
}

function randomCases(seed: number, pairs: number, maxLen = 12): Case[] {
  const rand = rng(seed);
  const pat = patternGen(rand);
  const subj = subjectGen(rand, maxLen);
  const cases: Case[] = [];
  const init = () => Math.floor(rand() * 31) - 15;
  for (let k = 0; k < pairs; k++) {
    const s = subj();
    const p = pat();
    cases.push(["find", s, p], ["find", s, p, init()], ["find", s, p, init(), true]);
    cases.push(["match", s, p], ["match", s, p, init()], ["gmatch", s, p]);
    cases.push(["gsub", s, p, "<%0>"], ["gsub", s, p, "%1|%2%%"], ["gsub", s, p, { ref: "T" }]);
    cases.push(["gsub", s, p, { ref: "F" }], ["gsub", s, p, "x", Math.floor(rand() * 5) - 1]);
  }
  return cases;
}

describe.runIf(luaAvailable)("patterns: random differential against lua5.3", () => {
  it("agrees on 4400 random find/match/gmatch/gsub calls", () => {
    compare(randomCases(12345, 400));
  });
  it("agrees on another seed", () => {
    compare(randomCases(987654321, 400));
  });
  it("agrees on long subjects (many matches per gsub)", () => {
    compare(randomCases(2024, 150, 300));
  });
});

// ---- hand-written cases, one group per rule ----

const HAND: Record<string, Case[]> = {
  classes: [
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff", "%a", "A"],
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff", "%c", "C"],
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff", "%g", "G"],
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff", "%p", "P"],
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff", "%s", "S"],
    ["gsub", "aZ09 \t\n\0\x7f!~\x80\xe9\xff\v\f\r", "%S", "N"],
    ["gsub", "aZ09 fF", "%x", "X"],
    ["gsub", "aZ09", "%W", "-"],
    ["gsub", "a\0b", "%z", "Z"],
    ["gsub", "a@b`c", "%@", "!"],
    ["gsub", "a\xe9\xc9", "[\xc0-\xff]", "!"],
    ["gsub", "abc]-^", "[]]", "!"],
    ["gsub", "abc]-^", "[^]]", "!"],
    ["gsub", "abc]-^", "[a-]", "!"],
    ["gsub", "abc]-^", "[%^-]", "!"],
    ["gsub", "abc]-^%", "[%]]", "!"],
    ["find", "x.y", "."],
    ["find", "x.y", "%."],
  ],
  quantifiers: [
    ["match", "aaab", "a*"],
    ["match", "aaab", "a-b"],
    ["match", "aaab", "a+"],
    ["match", "aaab", "a?a?b"],
    ["match", "<<a>>", "<(.-)>"],
    ["match", "<<a>>", "<(.*)>"],
    ["match", "b", "a*"],
    ["match", "b", "a+"],
    ["find", "", "a*"],
    ["find", "abc", "[a-c]+$"],
  ],
  anchors: [
    ["find", "aab", "^b"],
    ["find", "aab", "^a+"],
    ["find", "a^b", "a^b"],
    ["find", "a$b", "a$b"],
    ["find", "ab$", "b$"],
    ["find", "ab$", "b%$"],
    ["match", "hello", "^(h)(.-)$"],
    ["gmatch", "a^ab^a", "^a"],
    ["gsub", "aaa", "^a", "b"],
    ["gsub", "aaa", "^", "b"],
    ["gsub", "aaa", "$", "b"],
    ["find", "abc", "^", 3],
  ],
  captures: [
    ["find", "hello world", "(o)(r)"],
    ["match", "hello", "()ll()"],
    ["find", "hello", "()"],
    ["match", "key = value", "(%w+)%s*=%s*(%w+)"],
    ["match", "abcabc", "(a(b)c)%1"],
    ["match", "xyzxyz", "(.+)%1"],
    ["match", "aa", "()%1"],
    ["gsub", "hello", "(l)(l)", "%2%1%0"],
    ["gsub", "abc", "()", "%1"],
    ["gsub", "abc", "%w", "%1"],
    ["find", "a", "%1"],
    ["find", "a", "(a%1)"],
    ["find", "a", "%0"],
    ["find", "a", "(a)%2"],
    ["find", "a", "(()"],
    ["match", "a", "(()"],
    ["gsub", "a", "(", "x"],
    ["find", "a", "a)"],
    ["find", "a", ")"],
    ["gsub", "a", "a", "%2"],
    ["gsub", "a", "(a)", "%2"],
    ["gsub", "a", "(a", "%1"],
    ["find", "a", "((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))"],
    ["find", "a", "(((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))"],
    ["match", "x", "()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()"],
  ],
  balanceFrontier: [
    ["match", "f(a(b)c) d", "%b()"],
    ["match", "f(a(b c", "%b()"],
    ["gsub", "THE (quick) fox", "%f[%a]%a+", "W"],
    ["gsub", "THE (quick) fox", "%f[%A]", "|"],
    ["find", "abc", "%f[%z]"],
    ["find", "abc\0", "%f[%z]"],
    ["find", "\0abc", "%f[^%z]"],
    ["find", "a", "%b"],
    ["find", "a", "%ba"],
    ["find", "a", "%f"],
    ["find", "a", "%fa"],
    ["find", "a", "%f[a"],
    ["match", "aXb", "%bab"],
    ["match", "aab", "%baa"],
  ],
  malformed: [
    ["find", "a", "%"],
    ["find", "a", "a%"],
    ["find", "a", "["],
    ["find", "a", "[a"],
    ["find", "a", "[%"],
    ["find", "a", "[%]"],
    ["find", "a", "[^"],
    ["find", "a", "[]"],
    ["find", "", "b%"],
    ["find", "a", "b%"],
    ["gmatch", "", "%"],
    ["gsub", "", "%", "x"],
  ],
  find: [
    ["find", "hello", "l"],
    ["find", "hello", "l", 4],
    ["find", "hello", "l", -2],
    ["find", "hello", "l", -100],
    ["find", "hello", "", 6],
    ["find", "hello", "", 7],
    ["find", "hello", "", 100],
    ["find", "hello", "", -100],
    ["find", "hello", "o", 5.0],
    ["find", "hello", "o", "5"],
    ["find", "hello", "o", 5.5],
    ["find", "hello", "o", "x"],
    ["find", "a.b", ".", 1, true],
    ["find", "a.b", ".", 1, false],
    ["find", "a+b", "+", 1, 1],
    ["find", "a\0b", "\0"],
    ["find", "a\0b", "\0b", 1, true],
    ["find", "a%b", "%", 1, true],
    ["find", 12345, 34],
    ["find", "abc"],
    ["find"],
    ["find", undefined, "a"],
    ["find", new LuaTable(), "a"],
    ["match", "abc", "b", -1],
    ["match", "abc", "b", -2],
    ["match", "abc", ".", 4],
    ["match", "abc", ".?", 4],
    ["match", "abc", ".?", 5],
    ["match"],
  ],
  gmatch: [
    ["gmatch", "hello world from Lua", "%a+"],
    ["gmatch", "abc", ""],
    ["gmatch", "abc", "a*"],
    ["gmatch", "aaa", "a-"],
    ["gmatch", "k=v, k2=v2", "(%w+)=(%w+)"],
    ["gmatch", "abc", "()"],
    ["gmatch", "", ".*"],
    ["gmatch", "ab", "$"],
    ["gmatch", "x"],
  ],
  gsub: [
    ["gsub", "hello world", "o", "0"],
    ["gsub", "hello world", "o", "0", 1],
    ["gsub", "hello world", "o", "0", 0],
    ["gsub", "hello world", "o", "0", -1],
    ["gsub", "hello world", "o", "0", 1.0],
    ["gsub", "hello world", "o", "0", "1"],
    ["gsub", "hello world", "o", "0", 1.5],
    ["gsub", "hello", "", "-"],
    ["gsub", "abc", "%w*", "-"],
    ["gsub", "abc", "b*", "-"],
    ["gsub", "hello", "l", 7],
    ["gsub", "hello", "l", 7.5],
    ["gsub", "hello", "l", "%%"],
    ["gsub", "hello", "l", "%"],
    ["gsub", "hello", "l", "%x"],
    ["gsub", "hello", "x", "%x"],
    ["gsub", "a b t n", "%w", { ref: "T" }],
    ["gsub", "a b", "%w", { ref: "T" }],
    ["gsub", "a t", "%w", { ref: "T" }],
    ["gsub", "a n f", "%w", { ref: "T" }],
    ["gsub", "abc", "()", { ref: "T" }],
    ["gsub", "a b c", "%w", { ref: "F" }],
    ["gsub", "a t", "%w", { ref: "F" }],
    ["gsub", "a n", "%w", { ref: "F" }],
    ["gsub", "k=v", "(%w)=(%w)", { ref: "F" }],
    ["gsub", "abc", "()", { ref: "F" }],
    ["gsub", "a", "a"],
    ["gsub", "a", "a", undefined],
    ["gsub", "a", "a", true],
    ["gsub", "a", "a", undefined, "x"],
    ["gsub", "a"],
    ["gsub"],
  ],
};

describe.runIf(luaAvailable)("patterns: hand-written cases against lua5.3", () => {
  for (const [name, cases] of Object.entries(HAND)) {
    it(name, () => compare(cases));
  }
  it("counts recursion depth like lstrlib (pattern too complex)", () => {
    const cases: Case[] = [];
    for (const n of [150, 197, 198, 199, 200, 201, 202, 250]) {
      cases.push(["find", "a".repeat(300), "a?".repeat(n)]);
      cases.push([
        "match",
        "a".repeat(300),
        "(".repeat(Math.min(n, 31)) + "a*".repeat(n - 31) + ")".repeat(Math.min(n, 31)),
      ]);
      cases.push(["find", "a".repeat(n), "a-".repeat(n) + "$"]);
      cases.push(["find", "a".repeat(n), ".-b"]);
    }
    compare(cases);
  });
});

// ---- pasted oracle results (lua5.3 5.3.6), so the basics are checked without the oracle ----

describe("patterns: known results", () => {
  it("find/match/gmatch/gsub", () => {
    expect(find("hello world", "o w")).toEqual([5, 7]);
    expect(find("hello", "(l)(l)")).toEqual([3, 4, "l", "l"]);
    expect(find("hello", "l", 10)).toBe(undefined);
    expect(match("hello", "()ll()")).toEqual([3, 5]);
    expect(match("key=val", "(%w+)=(%w+)")).toEqual(["key", "val"]);
    expect(gsub("hello world", "(%w+)", "<%1>")).toEqual(["<hello> <world>", 2]);
    expect(gsub("abc", "%w*", "-")).toEqual(["-", 1]);
    expect(gsub("abc", "b*", "-")).toEqual(["-a-c-", 3]);
    const it = gmatch("a^ab^a", "^a");
    expect([it(), it(), it()]).toEqual(["^a", "^a", []]);
  });
  it("error texts", () => {
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as LuaError).value;
      }
      return "no error";
    };
    expect(msg(() => find("a", "%"))).toBe("malformed pattern (ends with '%')");
    expect(msg(() => find("a", "[a"))).toBe("malformed pattern (missing ']')");
    expect(msg(() => find("a", "%f"))).toBe("missing '[' after '%f' in pattern");
    expect(msg(() => find("a", "%1"))).toBe("invalid capture index %1");
    expect(msg(() => match("a", ")"))).toBe("invalid pattern capture");
    expect(msg(() => find("a", "(()"))).toBe("unfinished capture");
    expect(msg(() => find("a", "()".repeat(33)))).toBe("too many captures");
    expect(msg(() => find("a".repeat(300), "a?".repeat(300)))).toBe("pattern too complex");
    expect(msg(() => gsub("a", "a", "%x"))).toBe("invalid use of '%' in replacement string");
    expect(msg(() => (gsub as any)("a", "a"))).toBe("bad argument #3 to 'gsub' (string/function/table expected)");
    expect(msg(() => gsub("t", "t", T))).toBe("invalid replacement value (a table)");
  });
  it("is not quadratic on a 1 MB subject", () => {
    const big = "abc ".repeat(262144);
    expect((gsub(big, "b", "x") as LuaValue[])[1]).toBe(262144);
    expect((gsub(big, "%s+", "") as LuaValue[])[1]).toBe(262144);
    expect(find(big + "xyz", "x%a+")).toEqual([big.length + 1, big.length + 3]);
    expect(find(big, "[xyz]")).toBe(undefined);
  });
});
