// table library: each case runs once in lua5.3 and once through our functions; lines must match.
// sort cases log every comparator call, so call order (not just the result) is compared.
import { describe, expect, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameAsLua, type Case } from "./paired-cases.ts";
import { tableLib as T } from "../runtime/lua/tablelib.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { stringMeta } from "../runtime/lua/meta.ts";
import { LuaTable, tableOf } from "../runtime/lua/table.ts";
import { LuaFloat, MAXINT, MININT, type LuaValue } from "../runtime/lua/value.ts";

const LUA_PRELUDE = `
local function D(t, n) local o = {} for i = 1, n or #t do o[#o+1] = tostring(rawget(t, i)) end return table.concat(o, ",") end
local function proxy(real) return setmetatable({}, {__index = real, __newindex = real, __len = function() return #real end}) end
local log
local function logged(a, b) log[#log+1] = tostring(a) .. "<" .. tostring(b) return a < b end
local function byk(a, b) return a.k < b.k end
`;

const t = (...items: LuaValue[]) => tableOf(items);
/** A table from key/value pairs. */
function kv(...pairs: LuaValue[]): LuaTable {
  const tb = new LuaTable();
  for (let i = 0; i < pairs.length; i += 2) tb.set(pairs[i], pairs[i + 1]);
  return tb;
}
function D(tb: LuaTable, n = tb.length()): string {
  const o: string[] = [];
  for (let i = 1; i <= n; i++) o.push(tostring(tb.get(i)));
  return o.join(",");
}
function proxy(real: LuaTable): LuaTable {
  const p = new LuaTable();
  p.metatable = kv("__index", real, "__newindex", real, "__len", () => real.length());
  return p;
}
let log: string[] = [];
const logged = (a: LuaValue, b: LuaValue) => (log.push(`${tostring(a)}<${tostring(b)}`), (a as number) < (b as number));
const byk = (a: LuaTable, b: LuaTable) => (a.get("k") as number) < (b.get("k") as number);

// Deterministic data shared by both sides (a small LCG, embedded as Lua literals).
function lcg(n: number, mod: number, seed: number): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(x % mod);
  }
  return out;
}
const nums = lcg(300, 50, 7);
const keys = lcg(150, 10, 99);
const recsLua = `{${keys.map((k, i) => `{k=${k}, id=${i + 1}}`).join(",")}}`;
const recs = () => tableOf(keys.map((k, i) => kv("k", k, "id", i + 1)));
const ids = (tb: LuaTable) => tb.arr.map((r: LuaTable) => r.get("id")).join(",");
const small = [[3, 1, 2], [2, 1], [5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 6, 7], [9, 3, 7, 1, 8, 2, 6, 4, 5, 0], [4, 4, 1, 4, 2, 4, 3, 4]];

const cases: Case[] = [
  // sort
  [`local a = {${nums}} table.sort(a) return D(a)`, () => { const a = t(...nums); T.sort(a); return D(a); }],
  [`local a = {${nums}} table.sort(a, function(x, y) return x > y end) return D(a)`, () => { const a = t(...nums); T.sort(a, (x: number, y: number) => x > y); return D(a); }],
  [`local a = ${recsLua} table.sort(a, byk) local o = {} for i, r in ipairs(a) do o[i] = r.id end return table.concat(o, ",")`, () => { const a = recs(); T.sort(a, byk); return ids(a); }],
  ...small.map((arr): Case => [
    `log = {} local a = {${arr}} table.sort(a, logged) return D(a), table.concat(log, " ")`,
    () => { log = []; const a = t(...arr); T.sort(a, logged); return [D(a), log.join(" ")]; },
  ]),
  [`local a = {"b", "a", "c", "B", "aa"} table.sort(a) return D(a)`, () => { const a = t("b", "a", "c", "B", "aa"); T.sort(a); return D(a); }],
  [`local a = {3, 1.5, 2, -1, 2.0} table.sort(a) return D(a)`, () => { const a = t(3, 1.5, 2, -1, new LuaFloat(2)); T.sort(a); return D(a); }],
  [`local a = {5, 4, 3, 2, 1} table.sort(a, function() return true end) return D(a)`, () => { const a = t(5, 4, 3, 2, 1); T.sort(a, () => true); return D(a); }],
  [`local a = {1, 1, 1, 1, 1} table.sort(a, function(x, y) return x <= y end) return D(a)`, () => { const a = t(1, 1, 1, 1, 1); T.sort(a, (x: number, y: number) => x <= y); return D(a); }],
  [`table.sort({1, "x", 3})`, () => T.sort(t(1, "x", 3))],
  [`table.sort({1, 2, 3}, {})`, () => T.sort(t(1, 2, 3), new LuaTable())],
  [`table.sort({1}, {})`, () => T.sort(t(1), new LuaTable())],
  [`local a = {3, 2, 1} table.sort(a, nil) return D(a)`, () => { const a = t(3, 2, 1); T.sort(a, undefined); return D(a); }],
  [`table.sort(nil)`, () => T.sort(undefined, undefined)],
  [`local r = {${nums.slice(0, 40)}} local p = proxy(r) table.sort(p) return D(r), rawlen(p)`, () => { const r = t(...nums.slice(0, 40)); const p = proxy(r); T.sort(p, undefined); return [D(r), p.length()]; }],
  // insert
  [`local a = {1, 2, 3} table.insert(a, 4) table.insert(a, 1, 0) table.insert(a, 3, "x") table.insert(a, #a + 1, "e") return D(a)`, () => { const a = t(1, 2, 3); T.insert(a, 4); T.insert(a, 1, 0); T.insert(a, 3, "x"); T.insert(a, a.length() + 1, "e"); return D(a); }],
  [`table.insert({1, 2}, 0, 1)`, () => T.insert(t(1, 2), 0, 1)],
  [`table.insert({1, 2}, 4, 1)`, () => T.insert(t(1, 2), 4, 1)],
  [`table.insert({1, 2}, 1.5, 1)`, () => T.insert(t(1, 2), 1.5, 1)],
  [`table.insert({1, 2}, 1, 2, 3)`, () => (T.insert as (...a: unknown[]) => void)(t(1, 2), 1, 2, 3)],
  [`table.insert({1, 2})`, () => (T.insert as (...a: unknown[]) => void)(t(1, 2))],
  [`table.insert()`, () => (T.insert as (...a: unknown[]) => void)()],
  [`table.insert(nil, 1)`, () => T.insert(undefined, 1)],
  [`local r = {1, 2} local p = proxy(r) table.insert(p, 1, 0) table.insert(p, "z") return D(r)`, () => { const r = t(1, 2); const p = proxy(r); T.insert(p, 1, 0); T.insert(p, "z"); return D(r); }],
  // remove
  [`local a = {} return table.remove(a), #a`, () => { const a = t(); return [T.remove(a, undefined), a.length()]; }],
  [`local a = {1, 2, 3} return table.remove(a), D(a)`, () => { const a = t(1, 2, 3); return [T.remove(a, undefined), D(a)]; }],
  [`local a = {1, 2, 3} return table.remove(a, 1), D(a)`, () => { const a = t(1, 2, 3); return [T.remove(a, 1), D(a)]; }],
  [`local a = {1, 2, 3} return table.remove(a, 4), D(a)`, () => { const a = t(1, 2, 3); return [T.remove(a, 4), D(a)]; }],
  [`local a = {} return table.remove(a, 0), #a`, () => { const a = t(); return [T.remove(a, 0), a.length()]; }],
  [`local a = {[0] = "z"} return table.remove(a, 0), a[0]`, () => { const a = kv(0, "z"); return [T.remove(a, 0), a.get(0)]; }],
  [`table.remove({1}, 0)`, () => T.remove(t(1), 0)],
  [`table.remove({1, 2, 3}, 5)`, () => T.remove(t(1, 2, 3), 5)],
  [`table.remove({1, 2, 3}, -1)`, () => T.remove(t(1, 2, 3), -1)],
  // move
  [`local a = {1, 2, 3, 4, 5} table.move(a, 1, 3, 2) return D(a)`, () => { const a = t(1, 2, 3, 4, 5); T.move(a, 1, 3, 2, undefined); return D(a); }],
  [`local a = {1, 2, 3, 4, 5} table.move(a, 2, 5, 1) return D(a, 5)`, () => { const a = t(1, 2, 3, 4, 5); T.move(a, 2, 5, 1, undefined); return D(a, 5); }],
  [`local a, b = {1, 2, 3}, {"x"} local r = table.move(a, 1, 3, 2, b) return D(b), r == b`, () => { const a = t(1, 2, 3); const b = t("x"); const r = T.move(a, 1, 3, 2, b); return [D(b), r === b]; }],
  [`local a = {1, 2, 3} return table.move(a, 3, 1, 1) == a, D(a)`, () => { const a = t(1, 2, 3); return [T.move(a, 3, 1, 1, undefined) === a, D(a)]; }],
  [`table.move({1, 2, 3}, 1, 3, 2, 5)`, () => T.move(t(1, 2, 3), 1, 3, 2, 5)],
  [`table.move({1, 2, 3}, math.mininteger, 3, 2)`, () => T.move(t(1, 2, 3), MININT, 3, 2, undefined)],
  [`table.move({1, 2, 3}, 1, math.maxinteger, 2)`, () => T.move(t(1, 2, 3), 1, MAXINT, 2, undefined)],
  [`table.move({1, 2, 3}, 0, math.maxinteger, 2)`, () => T.move(t(1, 2, 3), 0, MAXINT, 2, undefined)],
  [`table.move({1, 2, 3}, 1, 3, math.maxinteger)`, () => T.move(t(1, 2, 3), 1, 3, MAXINT, undefined)],
  [`local b = {} table.move({1, 2}, 1, 2, math.maxinteger - 1, b) return b[math.maxinteger], b[math.maxinteger - 1]`, () => { const b = t(); T.move(t(1, 2), 1, 2, MAXINT - 1n, b); return [b.get(MAXINT), b.get(MAXINT - 1n)]; }],
  // concat
  [`return table.concat({1, 2.5, "x", 3.0}, ", ")`, () => T.concat(t(1, 2.5, "x", new LuaFloat(3)), ", ", undefined, undefined)],
  [`return table.concat({1, 2, 3}, "-", 2), table.concat({1, 2, 3}, "-", 2, 2), table.concat({}, "x", 3, 2), table.concat({1, 2}, 3)`, () => [T.concat(t(1, 2, 3), "-", 2, undefined), T.concat(t(1, 2, 3), "-", 2, 2), T.concat(t(), "x", 3, 2), T.concat(t(1, 2), 3, undefined, undefined)]],
  [`table.concat({1, {}})`, () => T.concat(t(1, new LuaTable()), undefined, undefined, undefined)],
  [`table.concat({1, 2, 3}, ", ", 2, 5)`, () => T.concat(t(1, 2, 3), ", ", 2, 5)],
  [`table.concat({true})`, () => T.concat(t(true), undefined, undefined, undefined)],
  [`table.concat({1}, {})`, () => T.concat(t(1), new LuaTable(), undefined, undefined)],
  [`return table.concat(proxy({"a", "b"}), "+")`, () => T.concat(proxy(t("a", "b")), "+", undefined, undefined)],
  // pack / unpack
  [`local p = table.pack(1, nil, 3, nil) return p.n, p[1], p[2], p[3], p[4]`, () => { const p = T.pack(1, undefined, 3, undefined); return [p.get("n"), p.get(1), p.get(2), p.get(3), p.get(4)]; }],
  [`return table.pack().n`, () => T.pack().get("n")],
  [`return table.unpack({1, 2, 3})`, () => T.unpack(t(1, 2, 3), undefined, undefined)],
  [`return table.unpack({1, 2, 3}, 2)`, () => T.unpack(t(1, 2, 3), 2, undefined)],
  [`return table.unpack({1, 2, 3}, -1, 1)`, () => T.unpack(t(1, 2, 3), -1, 1)],
  [`return select("#", table.unpack({1, 2, 3}, 3, 2))`, () => { const r = T.unpack(t(1, 2, 3), 3, 2); return Array.isArray(r) ? r.length : 1; }],
  [`return table.unpack("abc")`, () => T.unpack("abc", undefined, undefined)],
  [`return table.unpack(proxy({"p", "q"}))`, () => T.unpack(proxy(t("p", "q")), undefined, undefined)],
  [`table.unpack({}, 1, 1e6)`, () => T.unpack(t(), 1, 1000000)],
  [`table.unpack({}, math.mininteger, math.maxinteger)`, () => T.unpack(t(), MININT, MAXINT)],
  [`table.unpack({}, 1.5)`, () => T.unpack(t(), 1.5, undefined)],
];

// Strings index through their metatable (the string library sets __index); unpack("abc") needs it.
if (stringMeta.getStr("__index") === undefined) stringMeta.set("__index", new LuaTable());

describe("table library", () => {
  it("sort of a plain array matches a JS sort", () => {
    const a = t(...nums);
    T.sort(a, undefined);
    expect(a.arr).toEqual([...nums].sort((x, y) => x - y));
  });

  it("pack sets n and unpack returns one value bare", () => {
    expect(T.pack(1, 2).get("n")).toBe(2);
    expect(T.unpack(t(7), undefined, undefined)).toBe(7);
  });

  describe.runIf(luaAvailable)("against lua5.3", () => {
    it("prints the same line for every case", () => {
      expectSameAsLua(cases, LUA_PRELUDE);
    });
  });
});
