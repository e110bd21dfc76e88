// Metatables against lua5.3 (see lua-cases.ts): every metamethod 5.3 consults, with the
// order and the operand rules of lvm.c and ltm.c, and the string metatable.
import { sameAsLua } from "./lua-cases.ts";

const V = "local V = {}; V.__index = V; local function v(x) return setmetatable({x = x}, V) end; ";

sameAsLua("__index and __newindex", [
  "local t = setmetatable({}, {__index = {a = 1}}); print(t.a, t.b, rawget(t, 'a'))",
  "local t = setmetatable({}, {__index = function(t, k) return k .. '!' end}); print(t.x, t[1])",
  "local a = {x = 'deep'}; local b = setmetatable({}, {__index = a}); local c = setmetatable({}, {__index = b}); print(c.x)",
  "local f = setmetatable({}, {__index = function(_, k) return k * 2 end}); local c = setmetatable({}, {__index = f}); print(c[21])",
  "local t = setmetatable({}, {__index = setmetatable({}, {__index = function() return 'fn at end' end})}); print(t.anything)",
  "local log = {}; local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 2) end}); t.a = 1; t.a = 5; print(t.a, #log)",
  "local store = {}; local t = setmetatable({}, {__newindex = store}); t.x = 1; print(rawget(t, 'x'), store.x)",
  "local s2 = {}; local s1 = setmetatable({}, {__newindex = s2}); local t = setmetatable({}, {__newindex = s1}); t.k = 'v'; print(s2.k, rawget(s1, 'k'))",
  "local t = setmetatable({a = 1}, {__newindex = function() error('no') end}); t.a = 2; print(t.a)",
  "local t = setmetatable({}, {__index = function(t, k) return nil end}); print(t.x)",
  "local t = setmetatable({}, {}); t.x = 1; print(t.x)",
  "local t = setmetatable({}, {__index = 5}); print(t.x)",
  "local t = setmetatable({}, {__newindex = 5}); t.x = 1",
  "local t = setmetatable({}, {__index = 'abc'}); print(t.len)",
  "local t = {}; setmetatable(t, {__index = t}); print(t.x)",
  "local t = setmetatable({}, {__index = function(t, k) return k end}); print(t[1], t[2.0], t[true], t.x)",
  "local t = setmetatable({}, {__index = function(...) return select('#', ...) end}); print(t.x)",
  "local t = setmetatable({}, {__index = function() return 1, 2 end}); print(t.x)",
  "local mt = {}; mt.__index = mt; mt.shared = 'yes'; local t = setmetatable({}, mt); print(t.shared, t.__index == mt)",
  "local t = setmetatable({}, {__index = {}}); t[1] = 'one'; print(t[1], #t)",
]);

// lvm.c MAXTAGLOOP: 2000 steps of __index/__newindex, each ending with a raw access to the next table
sameAsLua("__index and __newindex chains at the loop limit", [
  "local function ic(n, last) local t = setmetatable({}, {__index = last}); for i = 2, n do t = setmetatable({}, {__index = t}) end; return t end; for _, n in ipairs({1999, 2000, 2001}) do print(n, pcall(function() return ic(n, {x = 'tbl'}).x end)) end",
  "local function ic(n, last) local t = setmetatable({}, {__index = last}); for i = 2, n do t = setmetatable({}, {__index = t}) end; return t end; for _, n in ipairs({2000, 2001}) do print(n, pcall(function() return ic(n, function(_, k) return 'fn ' .. k end).x end)) end",
  "local function ic(n, last) local t = setmetatable({}, {__index = last}); for i = 2, n do t = setmetatable({}, {__index = t}) end; return t end; for _, n in ipairs({2000, 2001}) do print(n, pcall(function() return ic(n, nil).x end)) end",
  "local function nc(n, last) local t = setmetatable({}, {__newindex = last}); for i = 2, n do t = setmetatable({}, {__newindex = t}) end; return t end; for _, n in ipairs({1999, 2000, 2001}) do local s = {}; print(n, pcall(function() nc(n, s).x = 1 end), s.x) end",
  "local function nc(n, last) local t = setmetatable({}, {__newindex = last}); for i = 2, n do t = setmetatable({}, {__newindex = t}) end; return t end; for _, n in ipairs({2000, 2001}) do local s = setmetatable({x = 0}, {__newindex = error}); print(n, pcall(function() nc(n, s).x = 1 end), s.x) end",
  "local function nc(n, last) local t = setmetatable({}, {__newindex = last}); for i = 2, n do t = setmetatable({}, {__newindex = t}) end; return t end; for _, n in ipairs({2000, 2001}) do local r; print(n, pcall(function() nc(n, function(_, k, v) r = v end).x = 7 end), r) end",
]);

sameAsLua("__call", [
  "local t = setmetatable({}, {__call = function(self, a, b) return a + b end}); print(t(1, 2))",
  "local t = setmetatable({}, {__call = function(...) return select('#', ...) end}); print(t(), t(1, 2))",
  "local inner = setmetatable({}, {__call = function(self, x) return 'inner ' .. tostring(x) end}); local outer = setmetatable({}, {__call = inner}); print(pcall(outer, 1))",
  "local t = setmetatable({}, {__call = function(self) return self end}); print(t() == t)",
  "local t = setmetatable({}, {__call = 5}); t()",
  "local obj = setmetatable({}, {__call = function(_, ...) return ... end}); print(obj(1, nil, 3))",
  "local t = setmetatable({}, {__call = function() return 1, 2, 3 end}); print(t()); print((t()))",
  "local t = {}; local c = setmetatable({}, {__call = function(self, x) return x * 10 end}); t.m = c; print(t.m(4), t:m() == nil)",
  "local t = setmetatable({}, {__call = function(self, x) return x end}); print(pcall(t, 'via pcall'))",
  "local t = setmetatable({}, {__call = function(self, x) return x end}); for i in t do print('never') end; print('ok')",
]);

sameAsLua("__tostring and __name", [
  "local t = setmetatable({}, {__tostring = function() return 'custom' end}); print(t, tostring(t))",
  "local t = setmetatable({}, {__tostring = function() return 42 end}); print(tostring(t))",
  "local t = setmetatable({}, {__tostring = function() end}); print(tostring(t))",
  "local t = setmetatable({}, {__name = 'MyType'}); print((tostring(t):gsub('0x%x+', 'ADDR')))",
  "local t = setmetatable({}, {__name = 'MyType'}); print(pcall(function() return t + 1 end))",
  "local t = setmetatable({}, {__name = 'MyType'}); print(pcall(function() return #t < 1, t < 1 end))",
  "local t = setmetatable({}, {__name = 'MyType'}); print(pcall(function() return t() end))",
  "local t = setmetatable({}, {__name = 'MyType'}); print(pcall(string.rep, t))",
  "local t = setmetatable({}, {__name = 42}); print(pcall(function() return t + 1 end))",
  "local t = setmetatable({}, {__tostring = function(self) return 'T' .. self.n end}); t.n = 3; print(t, ('%s'):format(t))",
  "local t = setmetatable({}, {__tostring = function() return 'x' end}); print(pcall(function() return 'a' .. t end))",
  "local t = setmetatable({}, {__tostring = function() error('inside tostring') end}); print(pcall(tostring, t))",
]);

sameAsLua("__eq, __lt, __le", [
  "local mt = {__eq = function(a, b) return a.v == b.v end}; local a = setmetatable({v = 1}, mt); local b = setmetatable({v = 1}, mt); print(a == b, a ~= b, rawequal(a, b))",
  "local mt = {__eq = function() return true end}; local a = setmetatable({}, mt); print(a == 1, a == 'x', a == nil, 1 == a)",
  "local a = setmetatable({}, {__eq = function() return true end}); local b = {}; print(a == b, b == a)",
  "local a = setmetatable({}, {__eq = function() print('called'); return 1 end}); print(a == a)",
  "local a = setmetatable({}, {__eq = function() return nil end}); print(a == {}, a ~= {})",
  "local mt1 = {__eq = function() return 'mt1' end}; local mt2 = {__eq = function() return false end}; local a, b = setmetatable({}, mt1), setmetatable({}, mt2); print(a == b, b == a)",
  V + "V.__lt = function(a, b) return a.x < b.x end; print(v(1) < v(2), v(2) < v(1), v(1) > v(2), v(2) > v(1))",
  V + "V.__le = function(a, b) return a.x <= b.x end; print(v(1) <= v(1), v(2) <= v(1), v(1) >= v(2))",
  V + "V.__lt = function(a, b) return a.x < b.x end; print(v(1) <= v(2), v(2) <= v(1), v(1) >= v(1))",
  V + "V.__lt = function(a, b) print('lt', a.x, b.x) return true end; print(v(1) <= v(2))",
  V + "V.__lt = function(a, b) return true end; print(v(1) < 5, 5 < v(1), pcall(function() return v(1) < 'x' end))",
  V + "V.__le = function(a, b) return 1 end; print(v(1) <= v(2), 3 >= v(2))",
  V + "print(pcall(function() return v(1) < v(2) end))",
  V + "print(pcall(function() return v(1) <= v(2) end))",
  "local a = setmetatable({}, {__lt = function() return true end}); print(pcall(function() return a < {} end), pcall(function() return {} < a end))",
  "local mt = {__lt = function(a, b) return 'yes' end}; local a = setmetatable({}, mt); print(a < a, not (a < a))",
]);

sameAsLua("arithmetic, bitwise, concat, len, unm metamethods", [
  V + "V.__add = function(a, b) return 'add' end; print(v(1) + 1, 1 + v(1), v(1) + v(2), 'x' + v(1))",
  V + "V.__add = function(a, b) return (type(a) == 'table' and 'T' or a) .. '+' .. (type(b) == 'table' and 'T' or b) end; print(v(1) + 2, 2 + v(1), '3' + v(0))",
  V + "V.__sub = function() return 'sub' end; V.__mul = function() return 'mul' end; V.__div = function() return 'div' end; print(v(1) - 1, v(1) * 1, v(1) / 1)",
  V + "V.__mod = function() return 'mod' end; V.__pow = function() return 'pow' end; V.__idiv = function() return 'idiv' end; print(v(1) % 1, v(1) ^ 1, v(1) // 1)",
  V + "V.__unm = function(a) return -a.x end; print(-v(5))",
  V + "V.__unm = function(a, b) return rawequal(a, b) end; print(-v(5))",
  V + "V.__len = function(a) return a.x * 10 end; print(#v(4))",
  V + "V.__len = function() return 'not a number' end; print(#v(4))",
  V + "V.__concat = function(a, b) return 'cat' end; print(v(1) .. 'x', 'x' .. v(1), 1 .. v(1), v(1) .. v(2))",
  V + "V.__concat = function(a, b) return (type(a) == 'string' and a or 'V') .. (type(b) == 'string' and b or 'V') end; print('a' .. v(1) .. 'b' .. 'c')",
  V + "V.__band = function() return 'band' end; V.__bor = function() return 'bor' end; V.__bxor = function() return 'bxor' end; print(v(1) & 1, 1 | v(1), v(1) ~ v(1))",
  V + "V.__shl = function() return 'shl' end; V.__shr = function() return 'shr' end; V.__bnot = function(a, b) return 'bnot' end; print(v(1) << 1, 1 >> v(1), ~v(1))",
  V + "V.__band = function(a, b) return 'band' end; print(1.5 & v(1), 'x' & v(1))",
  V + "V.__add = function(a, b) return 1, 2 end; print(v(1) + v(2))",
  "getmetatable('').__add = function(a, b) return 'string add' end; print(pcall(function() return 'a' + 1 end)); getmetatable('').__add = nil",
  "getmetatable('').__band = function(a, b) return 'string band' end; print('1.5' & 1, 'x' & 1); getmetatable('').__band = nil",
  "getmetatable('').__unm = function(a) return 'neg ' .. a end; print(-'abc', -'2'); getmetatable('').__unm = nil",
  "local t = setmetatable({}, {__index = function(t, k) return k end, __add = function(a, b) return a[b] end}); print(t + 5)",
  "local mt = {}; mt.__add = function(a, b) return setmetatable({n = (a.n or a) + (b.n or b)}, mt) end; local x = setmetatable({n = 1}, mt); print((x + 2 + x).n)",
]);

sameAsLua("__metatable, __pairs, __gc and the rest", [
  "local t = setmetatable({}, {__metatable = 'locked'}); print(getmetatable(t), pcall(setmetatable, t, {}))",
  "local t = setmetatable({}, {__metatable = false}); print(getmetatable(t), pcall(setmetatable, t, nil))",
  "print(getmetatable('').__index == string, getmetatable('abc') == getmetatable(''), getmetatable(1), getmetatable(print), getmetatable({}))",
  "local t = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, 'one' end end, t, nil end}); for k, v in pairs(t) do print(k, v) end",
  "local t = setmetatable({}, {__pairs = function(t) return 1, 2, 3, 4 end}); print(pairs(t))",
  "local t = setmetatable({a = 1}, {__pairs = 5}); print(pcall(pairs, t))",
  "local t = setmetatable({}, {__gc = function() end, __mode = 'k', __close = 1}); t.x = 1; print(t.x)",
  "local t = setmetatable({}, {__ipairs = function() error('not used in 5.3') end}); for i, v in ipairs(t) do end; print('ipairs ignores __ipairs')",
  "local mt = {}; local t = setmetatable({}, mt); mt.__index = {late = 'added after'}; print(t.late)",
  "local t = setmetatable({}, {__index = function(t, k) return k end}); print(rawget(t, 'x'), rawlen(t), rawequal(t, t))",
  "print(pcall(setmetatable, {}, 1))",
  "print(pcall(setmetatable, 1, {}))",
  "print(pcall(setmetatable, {}))",
  "local t = {}; print(setmetatable(t, nil) == t, getmetatable(t))",
  "print(('abc'):upper(), ('x'):rep(2, ','), ('%d'):rep(2):format(1, 2))",
  "local s = 'hello'; print(s.len, s.upper == string.upper, #s:sub(2))",
  "print(pcall(function() local s = 'x'; s.y = 1 end))",
  "print(pcall(function() return ('x').y.z end))",
  "string.custom = function(s) return 'custom ' .. s end; print(('x'):custom()); string.custom = nil",
]);
