// Coroutines end to end (compiled program vs lua5.3): values both ways, status in every state,
// errors from resume and re-raised by wrap (with their positions), yields across pcall and
// from iterators of generic for loops, yields refused across library calls, and the misuse
// errors (dead, non-suspended, outside a coroutine).
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput } from "./differential.ts";

describe.runIf(luaAvailable)("coroutines, compiled, against lua5.3", () => {
  it("passes values both ways and reports status", async () => {
    await expectSameOutput(
      `local log = {}
local co = coroutine.create(function(a, b)
  log[#log + 1] = "start " .. a .. " " .. b
  local c, d = coroutine.yield(a + b, a * b)
  log[#log + 1] = "got " .. tostring(c) .. " " .. tostring(d)
  local e = coroutine.yield()
  log[#log + 1] = "got " .. select("#", e) .. " " .. tostring(e)
  return "done", nil, 3
end)
R("type", function() return type(co), coroutine.status(co) end)
R("r1", coroutine.resume, co, 2, 3)
R("s1", coroutine.status, co)
R("r2", coroutine.resume, co, "x")
R("r3", coroutine.resume, co)
R("s3", coroutine.status, co)
R("r4", coroutine.resume, co)
R("log", function() return table.concat(log, ";") end)
R("main running", function() local m, ismain = coroutine.running() return type(m), ismain, coroutine.status(m), coroutine.isyieldable() end)
R("inside", function()
  local outer
  local inner = coroutine.create(function()
    return coroutine.status(outer), coroutine.isyieldable(), select(2, coroutine.running())
  end)
  outer = coroutine.create(function()
    local me = coroutine.running()
    local ok, a, b, c = coroutine.resume(inner)
    return ok, a, b, c, coroutine.status(me), me == outer
  end)
  return coroutine.resume(outer)
end)
R("varargs", function()
  local co = coroutine.wrap(function(...) local n = select("#", ...) return select("#", coroutine.yield(n, ...)), ... end)
  local a = table.pack(co(1, nil, 3, nil))
  local b = table.pack(co(nil, nil))
  return a.n, a[1], a[4], b.n, b[1], b[2]
end)
R("many", function()
  local co = coroutine.wrap(function() for i = 1, 5 do coroutine.yield(i, i * i) end return "end" end)
  local t = {} for i = 1, 6 do local a, b = co() t[#t + 1] = tostring(a) .. ":" .. tostring(b) end return table.concat(t, " ")
end)
`,
      12,
    );
  });

  it("reports and re-raises errors like lua5.3", async () => {
    await expectSameOutput(
      `local function boom() error("boom") end
local function deep(n) if n == 0 then boom() end return deep(n - 1) end
R("resume err", function() local co = coroutine.create(function() deep(3) end) return coroutine.resume(co), coroutine.status(co) end)
R("call nil in co", function() local co = coroutine.create(function() local f; f() end) return coroutine.resume(co) end)
R("call global nil in co", function() local co = coroutine.create(function() undefinedglobal(1) end) return coroutine.resume(co) end)
R("call field nil in co", function() local co = coroutine.create(function() local t = {} t.x.y(1) end) return coroutine.resume(co) end)
R("call table in co", function() local co = coroutine.create(function() local t = setmetatable({}, {__call = function(self, a) coroutine.yield(a) return a * 2 end}) return t(21) end) return coroutine.resume(co), coroutine.resume(co) end)
R("resume err2", function() local co = coroutine.create(function() local x = nil; return x.y end) return coroutine.resume(co) end)
R("resume table err", function() local co = coroutine.create(function() error({code = 7}) end) local ok, e = coroutine.resume(co) return ok, type(e), e.code end)
R("resume err level 0", function() local co = coroutine.create(function() error("plain", 0) end) return coroutine.resume(co) end)
R("wrap err", function() local f = coroutine.wrap(function() error("inside") end) return f() end)
R("wrap err table", function() local f = coroutine.wrap(function() error({}) end) local ok, e = pcall(f) return ok, type(e) end)
R("wrap err after yield", function() local f = coroutine.wrap(function() coroutine.yield(1) local t = nil return t[1] end) f() return f() end)
R("wrap dead", function() local f = coroutine.wrap(function() return 1 end) f() return f() end)
R("resume dead", function() local co = coroutine.create(function() end) coroutine.resume(co) return coroutine.resume(co) end)
R("resume self", function() local co co = coroutine.create(function() return coroutine.resume(co) end) return coroutine.resume(co) end)
R("resume normal", function()
  local a, b
  a = coroutine.create(function() return coroutine.resume(b) end)
  b = coroutine.create(function() return coroutine.resume(a) end)
  return coroutine.resume(a)
end)
R("wrap self", function() local f f = coroutine.wrap(function() return f() end) return f() end)
R("wrap self args", function() local f f = coroutine.wrap(function() return f(1) end) return f() end)
R("normal via wrap", function()
  local A
  local wrapB = coroutine.wrap(function() return coroutine.resume(A) end)
  A = coroutine.create(function() return wrapB() end)
  return coroutine.resume(A)
end)
R("main via wrap", function() local main = coroutine.running() return coroutine.wrap(function() return coroutine.resume(main) end)() end)
R("main via resume", function() local main = coroutine.running() return coroutine.resume(coroutine.create(function() return coroutine.resume(main) end)) end)
R("main self", function() return coroutine.resume(coroutine.running()) end)
R("yield outside", function() return coroutine.yield(1) end)
R("yield outside pcall", pcall, coroutine.yield, 1)
R("resume non", function() return coroutine.resume(42) end)
R("resume none", function() return coroutine.resume() end)
R("status non", function() return coroutine.status("x") end)
R("create non", function() return coroutine.create(42) end)
R("wrap non", function() return coroutine.wrap() end)
R("error in error", function() local co = coroutine.create(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end) local ok, e = coroutine.resume(co) return ok, tostring(e) end)
`,
      20,
    );
  });

  it("yields across pcall, through for iterators and not across library calls", async () => {
    await expectSameOutput(
      `R("pcall yield", function()
  local co = coroutine.wrap(function()
    local ok, v = pcall(function() local x = coroutine.yield("in pcall") return x * 2 end)
    local ok2, e = pcall(function() coroutine.yield("again") error("after yield") end)
    return ok, v, ok2, e
  end)
  return co(), co(21), co()
end)
R("xpcall yield", function()
  local co = coroutine.wrap(function()
    return xpcall(function() coroutine.yield(1) error("x") end, function(m) return "handled: " .. m end)
  end)
  return co(), co()
end)
R("generator for", function()
  local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
  local s = 0 for i in range(10) do s = s + i end return s
end)
R("yield in iterator", function()
  local function iter(_, i) if i < 5 then coroutine.yield("step " .. i) return i + 1 end end
  local co = coroutine.wrap(function() local t = {} for i in iter, nil, 0 do t[#t + 1] = i end return table.concat(t, ",") end)
  local out = {} for k = 1, 8 do local v = co() out[#out + 1] = tostring(v) if not tostring(v):find("step") then break end end return table.concat(out, "|")
end)
R("pairs in coroutine", function()
  local co = coroutine.wrap(function() local n = 0 for k, v in pairs({a = 1, b = 2, 3}) do n = n + 1 coroutine.yield(n) end for i, v in ipairs({5, 6}) do coroutine.yield(v) end return "end" end)
  return co(), co(), co(), co(), co(), co()
end)
R("gsub yield", function() local co = coroutine.wrap(function() return string.gsub("ab", ".", function(c) coroutine.yield(c) end) end) return pcall(co) end)
R("sort yield", function() local co = coroutine.wrap(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end) return pcall(co) end)
R("metamethod isyieldable", function()
  local co = coroutine.wrap(function() return string.gsub("a", ".", function() return tostring(coroutine.isyieldable()) end), coroutine.isyieldable() end)
  return co()
end)
R("wrap yield", function() local f = coroutine.wrap(coroutine.yield) return f(1, 2), f(3) end)
R("nested wrap", function()
  local outer = coroutine.wrap(function()
    local inner = coroutine.wrap(function() coroutine.yield("i1") coroutine.yield("i2") end)
    coroutine.yield(inner()) coroutine.yield("o") coroutine.yield(inner())
  end)
  return outer(), outer(), outer()
end)
R("recursive", function()
  local function walk(t) if type(t) == "table" then for _, v in ipairs(t) do walk(v) end else coroutine.yield(t) end end
  local out = {} for v in coroutine.wrap(function() walk({1, {2, {3, 4}}, {{5}}}) end) do out[#out + 1] = v end return table.concat(out, ",")
end)
R("metamethods yield", function()
  local log = {}
  local mt = {}
  local function Y(tag) log[#log + 1] = tag coroutine.yield(tag) end
  mt.__index = function(t, k) Y("idx " .. k) if k == "method" then return function(self) Y("m") return "M" end end return k .. "!" end
  mt.__newindex = function(t, k, v) Y("nidx " .. k) rawset(t, k, v) end
  mt.__add = function(a, b) Y("add") return 100 end
  mt.__lt = function(a, b) Y("lt") return rawlen(a) < rawlen(b) end
  mt.__eq = function(a, b) Y("eq") return true end
  mt.__concat = function(a, b) Y("concat") return "cat" end
  mt.__len = function(a) Y("len") return 42 end
  mt.__unm = function(a) Y("unm") return -1 end
  mt.__call = function(self, x) Y("call") return x end
  local A, B = setmetatable({}, mt), setmetatable({1}, mt)
  local co = coroutine.wrap(function()
    local r = {}
    r[#r + 1] = A.foo
    A.bar = 5
    r[#r + 1] = A + 1
    r[#r + 1] = tostring(A < B) .. tostring(A <= B) .. tostring(B > A) .. tostring(B >= A)
    r[#r + 1] = tostring(A == B) .. tostring(A ~= B)
    r[#r + 1] = "x" .. A .. "y"
    r[#r + 1] = #A + -A
    r[#r + 1] = A(7)
    r[#r + 1] = A:method()
    return table.concat(r, ",")
  end)
  local out = {}
  for i = 1, 40 do local v = co() out[#out + 1] = v if v:find(",") then break end end
  return table.concat(out, "|"), #log
end)
R("yield in method", function()
  local obj = {n = 0} function obj:tick() self.n = self.n + 1 coroutine.yield(self.n) return self end
  local co = coroutine.wrap(function() obj:tick():tick() return "done" end)
  return co(), co(), co()
end)
`,
      12,
    );
  });
});
