// table library end to end (compiled program vs lua5.3): table.sort over random arrays with
// consistent, inconsistent and failing comparators (the comparator's call sequence is compared,
// so the port of auxsort must call it exactly as 5.3 does), and insert/remove/concat/unpack/move
// over random positions, including the errors.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, pick, rng } from "./differential.ts";

const COMPARATORS = [
  "nil",
  "function(a, b) return a < b end",
  "function(a, b) return a > b end",
  "function(a, b) return a <= b end", // invalid order: may raise
  "function(a, b) return true end",
  "function(a, b) return false end",
  "function(a, b) return (a * 7 + b) % 3 == 0 end", // inconsistent
  "function(a, b) return a % 5 < b % 5 end", // ties
  "function(a, b) if a == 13 then error('cmp13') end return a < b end",
  "function(a, b) if a == 13 then error({}) end return a < b end",
  "function(a, b) return (a < b) and 1 or nil end",
];

describe.runIf(luaAvailable)("table library, compiled, against lua5.3", () => {
  it("sorts random arrays with every kind of comparator, comparator calls included", async () => {
    const r = rng(2718);
    const arrays: string[] = [];
    for (let i = 0; i < 300; i++) {
      // below 128 elements auxsort never randomizes its pivot, so the call order is deterministic
      const n = pick(r, [0, 1, 2, 3, 4, 5, 7, 10, 16, 33, 64, 100, 127]);
      const range = pick(r, [3, 20, 1000]);
      arrays.push(`{${Array.from({ length: n }, () => Math.floor(r() * range)).join(",")}}`);
    }
    await expectSameOutput(
      `local A = {${arrays.join(",\n")}}
local CMP = {${COMPARATORS.join(",\n")}}
local function dump(t) local o = {} for i = 1, #t do o[i] = tostring(t[i]) end return table.concat(o, " ") end
for i, a in ipairs(A) do
  for j = 1, #CMP + 1 do
    local t = {} for k = 1, #a do t[k] = a[k] end
    local calls, cmp = 0, CMP[j]
    local logged = cmp and function(x, y) calls = calls + 1 return cmp(x, y) end
    if j == #CMP + 1 then logged = nil end
    local sig = 0
    local function traced(x, y) sig = (sig * 31 + x * 7 + y) % 1000000007 return logged(x, y) end
    R(i .. "/" .. j, function()
      table.sort(t, logged and traced)
      return dump(t), calls, sig
    end)
  end
end
`,
      300 * 12,
    );
  });

  it("sorts strings, floats, mixed values and __lt objects", async () => {
    await expectSameOutput(
      `local mt = {__lt = function(a, b) return a.v < b.v end}
local function O(v) return setmetatable({v = v}, mt) end
local cases = {
  {"b", "a", "ab", "", "B", "\\0", "a\\0", "\\255", "aa"},
  {3, 1.5, 2, -1, 2.0, -0.0, 0, 1/0, -1/0, math.mininteger, math.maxinteger, 2^53, 2^53 + 1},
  {1, "x", 3},
  {1, nil, 3},
  {{}, {}},
  {O(3), O(1), O(2), O(5), O(4)},
  {O(1), 2},
  {true, false},
}
for i, c in ipairs(cases) do
  R("s" .. i, function()
    table.sort(c)
    local o = {} for k = 1, #c do o[k] = type(c[k]) == "table" and (c[k].v or "t") or tostring(c[k]) end
    return table.concat(o, " ")
  end)
end
R("nonfunc", function() table.sort({3, 2, 1}, 5) end)
R("nontable", function() table.sort("abc") end)
R("big", function() local t = setmetatable({}, {__len = function() return 2^31 end, __index = function() return 1 end, __newindex = function() end}) table.sort(t) end)
R("lenstr", function() local t = setmetatable({}, {__len = function() return "3" end}) table.sort(t) end)
R("lenfloat", function() local t = setmetatable({}, {__len = function() return 2.0 end, __index = rawget, __newindex = rawset}) table.sort(t) return rawget(t, 1) end)
`,
      12,
    );
  });

  it("inserts, removes, concatenates, unpacks and moves at random positions", async () => {
    const r = rng(1618);
    const ops: string[] = [];
    const pos = () => pick(r, ["-1", "0", "1", "2", "3", "4", "5", "6", "#t", "#t + 1", "#t + 2", "1.0", "2.5", "'2'", "'x'", "nil", "math.maxinteger", "math.mininteger"]);
    for (let i = 0; i < 600; i++) {
      const k = r();
      if (k < 0.25) ops.push(`R(${i}, function() table.insert(t, ${pos()}, ${i}) return dump(t) end)`);
      else if (k < 0.35) ops.push(`R(${i}, function() table.insert(t, ${i}) return dump(t) end)`);
      else if (k < 0.6) ops.push(`R(${i}, function() local v = table.remove(t${r() < 0.3 ? "" : ", " + pos()}) return v, dump(t) end)`);
      else if (k < 0.75) ops.push(`R(${i}, function() return table.concat(t, ${pick(r, ['","', '""', "nil", "1", "{}"])}, ${pos()}, ${pos()}) end)`);
      else if (k < 0.9) ops.push(`R(${i}, function() return table.unpack(t, ${pos()}, ${pos()}) end)`);
      else ops.push(`R(${i}, function() table.move(t, ${pos()}, ${pos()}, ${pos()}) return dump(t) end)`);
      if (r() < 0.05) ops.push(`t = {1, 2, 3}`);
      // '#' of a table with holes is any border (table.ts and ltable.c pick differently):
      // start again from a sequence whenever an operation left holes
      ops.push(`normalize()`);
    }
    await expectSameOutput(
      `local t = {1, 2, 3}
local function dump(t)
  local max = 0
  for k in pairs(t) do if math.type(k) == "integer" and k > max and k < 100 then max = k end end
  local o = {} for i = -1, max + 1 do o[#o + 1] = tostring(rawget(t, i)) end return table.concat(o, " ")
end
local function normalize()
  local max = 0
  for k in pairs(t) do if math.type(k) == "integer" and k > max then max = k end end
  for i = 1, max do if t[i] == nil then t = {1, 2, 3} return end end
end
${ops.join("\n")}
R("ins0", function() table.insert(t) end)
R("ins4", function() table.insert(t, 1, 2, 3) end)
R("insnil", function() table.insert(nil, 1) end)
R("remstr", function() table.remove("abc") end)
R("catbad", function() return table.concat({1, {}, 3}) end)
R("catbool", function() return table.concat({1, 2, true}, ",", 1, 3) end)
R("packn", function() local p = table.pack(nil, nil) return p.n, #p end)
R("unpackbig", function() return table.unpack({}, 1, 1e7) end)
R("movewrap", function() return table.move({1}, 1, math.maxinteger, 2) end)
R("movedest", function() return table.move({1}, 1, 1, math.maxinteger) end)
`,
      600,
    );
  });
});
