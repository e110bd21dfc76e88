// Names and assignment against lua5.3 (see lua-cases.ts): locals and shadowing, globals, the
// global table as _G and _ENV, multiple assignment (every right-hand side first), closures
// and a fresh upvalue per loop iteration.
import { sameAsLua } from "./lua-cases.ts";

sameAsLua("locals and shadowing", [
  "local x = 1; do local x = 2; print(x) end; print(x)",
  "local x = 1; local x = x + 1; print(x)",
  "local a, b, c = 1, 2; print(a, b, c)",
  "local a, b = 1, 2, print('third evaluated'); print(a, b)",
  "local a; print(a); a = 5; print(a)",
  "local function f() return 1 end; local f = f() + 1; print(f)",
  "local x = 10; local function g() return x end; x = 20; print(g())",
  "local print = print; local type = 'shadowed'; print(type)",
  "local let, var, class, new, this, function_ = 1, 2, 3, 4, 5, 6; print(let + var + class + new + this + function_)",
  "local undefined, null, NaN, Infinity = 1, 2, 3, 4; print(undefined, null, NaN, Infinity)",
  "local i = 1; while i < 3 do local i = i * 10; print(i); break end",
  "local t = {}; local t = {t}; print(#t)",
]);

sameAsLua("globals", [
  "g1 = 5; print(g1); g1 = nil; print(g1)",
  "print(undefined_global_name)",
  "function gf(a) return a * 2 end; print(gf(21))",
  "function gf2() return 1 end; local f = gf2; gf2 = function() return 2 end; print(f(), gf2())",
  "gx, gy = 1, 2; gx, gy = gy, gx; print(gx, gy)",
  "print = print; print('still prints')",
  "local function setg() gz = 'set inside' end; setg(); print(gz)",
  "string = string; print(string.rep('ab', 2))",
  "gcount = 0; for i = 1, 10 do gcount = gcount + i end; print(gcount)",
  "print(type(print), type(string), type(_VERSION), _VERSION)",
]);

sameAsLua("the global table: _G and _ENV", [
  "print(_G._G == _G, _G.print == print, _ENV == _G, type(_G))",
  "x1 = 7; print(_G.x1, _G['x1'], _ENV.x1)",
  "_G.x2 = 'via _G'; print(x2)",
  "_ENV.x3 = 'via _ENV'; print(x3, _G.x3)",
  "local n = 0; for k, v in pairs(_G) do if k == 'print' then n = n + 1 end end; print(n)",
  "_G['with space'] = 1; print(_G['with space'])",
  "local name = 'dyn'; _G[name .. 1] = 42; print(dyn1)",
  "rawset(_G, 'x4', 4); print(x4, rawget(_G, 'x4'))",
  "x5 = 1; x5 = nil; print(rawget(_G, 'x5'))",
  "local e = _ENV; print(e.tostring(12))",
  "return _G.nothere.x",
  "local old = tostring; tostring = function(v) return '<' .. old(v) .. '>' end; print(1, 's', nil); tostring = old; print(1)",
  "local old = tostring; tostring = function(v) return {} end; local ok, e = pcall(print, 1); tostring = old; print(ok, e)",
  "print(_G.string == string, _G.math.pi == math.pi, _G.undefinedthing)",
  "local old = print; _G.print = function(...) old('wrapped', ...) end; print(1); _G.print = old; print(2)",
  "function _G.viaG() return 'defined on _G' end; print(viaG())",
  "local function f() return x6 end; _G.x6 = 'late'; print(f())",
  "setmetatable(_G, {__index = function(_, k) return 'missing ' .. k end}); print(nothere); setmetatable(_G, nil); print(nothere)",
], { alone: true });

sameAsLua("a local _ENV: free names are its fields (locals.lua, attrib.lua)", [
  "local _ENV = {print = print, x = 'field'}; print(x); y = 3; print(y, _ENV.y)",
  "local t = {print = print}; do local _ENV = t; z = 1 end; print(t.z, z)",
  "local _ENV = {print = print, A = 10}; do local _ENV = {print = print, A = 20}; print(A); x = A end; print(A, x)",
  "local function mk() local _ENV = {}; function xuxu(x) return x + 20 end; return _ENV end; print(mk().xuxu(10), xuxu)",
  "local mt = {}; do local _ENV = mt; function foo(x) A = x; return function(y) return A .. y end end end; local g = mt.foo('hi'); print(mt.A, A, g('*'))",
  "local _ENV = setmetatable({}, {__index = _G}); w = 1; print(w, rawget(_G, 'w'))",
  "local e = {}; local function f() local _ENV = e; v = 'set'; return v end; print(f(), e.v, v)",
  "local _ENV = nil; return z",
  "local _ENV = {}; return z + 1",
  "local _ENV = {}; z()",
  "local t = {}; (function() local _ENV = t; return zz end)(); local _ENV = 5; q = 1",
  "local _ENV = {print = print, tostring = function() return 'mine' end}; print(1)",
  "local _ENV = {print = print}; print(string)",
  "local _ENV = {print = print, pairs = function() return next, {9} end}; for k, v in pairs({1, 2}) do print(k, v) end",
  "local _ENV = {print = print, math = {pi = 3, sqrt = function() return 'fake' end}}; print(math.pi, math.sqrt(4))",
  "local _ENV = setmetatable({}, {__index = function(_, k) return k .. '!' end, __newindex = function(t, k, v) rawset(t, k, v * 2) end}); n = 21; print = _G; local p = rawget(_ENV, 'print')",
]);

sameAsLua("the chunk's _ENV assigned (events.lua, attrib.lua)", [
  "X = 20; B = 30; local g = _G; _ENV = setmetatable({}, {__index = g}); X = X + 10; print(X, _G.X); B = false; print(B); B = nil; print(B); _ENV = g",
  "local g = _ENV; _ENV = {print = g.print}; function f() return 'f' end; print(f(), g.f); _ENV = g; print(f)",
  "local g = _ENV; local function reader() return who end; _ENV = {who = 'new env'}; local r = reader(); _ENV = g; print(r, reader())",
  "local g = _ENV; _ENV = nil; local ok, e = g.pcall(function() return x end); _ENV = g; print(ok, e)",
  "local g = _ENV; _ENV = {}; local ok, e = g.pcall(function() x.y = 1 end); _ENV = g; print(ok, e)",
], { alone: true });

sameAsLua("multiple assignment", [
  "local a, b = 1, 2; a, b = b, a; print(a, b)",
  "local a, b, c = 1; print(a, b, c)",
  "local a, b = (function() return 1, 2, 3 end)(); print(a, b)",
  "local a, b, c = 0, (function() return 1, 2, 3 end)(); print(a, b, c)",
  "local a, b, c = (function() return 1, 2, 3 end)(), 10; print(a, b, c)",
  "local i = 1; local t = {}; i, t[i] = i + 1, 20; print(i, t[1], t[2])",
  "local t = {1, 2, 3}; local i = 1; t[i], t[i + 1] = t[i + 1], t[i]; print(t[1], t[2], t[3])",
  "local t = {}; t.x, t.y = 1; print(t.x, t.y)",
  "local a = {}; local b = a; a.x, a = 1, {}; print(b.x, a.x)",
  "local log = {}; local function v(x) log[#log + 1] = x; return x end; local t = {}; t[v('k1')], t[v('k2')] = v('v1'), v('v2'); print(table.concat(log, ' '))",
  "local x, y = 1, 2; x, y = y; print(x, y)",
  "local x = 1; x, x = 2, 3; print(x)",
  "local t = setmetatable({}, {__newindex = function(t, k, v) print('set', k, v); rawset(t, k, v) end}); t.a, t.b = 1, 2",
  "local a, b, c; a, b, c = (function() return 1, 2 end)(); print(a, b, c)",
  "local a, b; a, b = ...; print(a, b)",
  "local t = {}; t[1], t[2], t[3] = 1, (function() return 2, 3 end)(); print(t[1], t[2], t[3])",
]);

sameAsLua("closures and upvalues", [
  "local function counter() local n = 0; return function() n = n + 1; return n end end; local c = counter(); c(); print(c(), counter()())",
  "local fs = {}; for i = 1, 3 do fs[i] = function() return i end end; print(fs[1](), fs[2](), fs[3]())",
  "local fs = {}; for _, v in ipairs({'a', 'b'}) do fs[#fs + 1] = function() return v end end; print(fs[1](), fs[2]())",
  "local fs = {}; local i = 1; while i <= 3 do local j = i; fs[i] = function() return j end; i = i + 1 end; print(fs[1](), fs[3]())",
  "local fs = {}; local i = 1; repeat local j = i; fs[i] = function() j = j + 10; return j end; i = i + 1 until i > 2; print(fs[1](), fs[1](), fs[2]())",
  "local fs = {}; for i = 1, 2 do local k = i * 2; fs[i] = function() k = k + 1; return k end end; print(fs[1](), fs[1](), fs[2]())",
  "local a = 1; local function f() local function g() a = a + 1; return a end; return g end; print(f()(), f()(), a)",
  "local x = 1; local f = function() return x end; local x = 2; print(f(), x)",
  "local function mk() local v = 0; return function() v = v + 1 return v end, function() return v end end; local inc, get = mk(); inc(); inc(); print(get())",
  "local fs = {}; for i = 1, 3 do fs[i] = function() i = i + 1; return i end end; print(fs[1](), fs[1](), fs[2]())",
  "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end; print(fib(20))",
  "local f; f = function(n) if n == 0 then return 'done' end return f(n - 1) end; print(f(10))",
  "local acc = {}; for i = 1, 3 do local x; if i == 2 then x = 'two' end; acc[i] = function() return x end end; print(acc[1](), acc[2](), acc[3]())",
]);

// Lua 5.3 reuses a closure whose upvalues are the same variables (lvm.c getcached; closure.lua)
sameAsLua("closure identity", [
  // (Lua caches only while the GC has not marked the function black: each case collects first)
  "collectgarbage(); local a = {}; for i = 1, 5 do a[i] = function(x) return x end end; print(a[1] == a[2], a[4] == a[5])",
  "collectgarbage(); local a = {}; for i = 1, 5 do a[i] = function(x) return x + i end end; print(a[1] == a[2], a[4] == a[5])",
  "collectgarbage(); local function f() return function(x) return math.sin(x) end end; print(f() == f())",
  "collectgarbage(); local n = 0; local function mk() return function() n = n + 1; return n end end; local g, h = mk(), mk(); print(g == h, g(), h())",
  "collectgarbage(); local function mk(n) return function() return n end end; print(mk(1) == mk(1), mk(1)(), mk(2)())",
  "collectgarbage(); local r = {}; for i = 1, 3 do local function g() return function() return i end end; r[i] = g() == g() and g()() end; print(r[1], r[2], r[3])",
  "collectgarbage(); local r = {}; for i = 1, 2 do local x = i * 10; r[i] = function() return x end end; print(r[1] == r[2], r[1](), r[2]())",
  "collectgarbage(); local t = {}; for i = 1, 3 do t[function() end] = i end; local n = 0; for k, v in pairs(t) do n = n + 1 end; print(n)",
  "collectgarbage(); local fs = {}; local i = 1; while i <= 3 do local y = i; fs[i] = function() return y end; i = i + 1 end; print(fs[1] == fs[2], fs[1](), fs[3]())",
  "collectgarbage(); local fs = {}; local i = 1; repeat local y = i; fs[i] = function() return y end; i = i + 1 until i > 2; print(fs[1] == fs[2], fs[2]())",
  "collectgarbage(); local fs = {}; local n = 0 ::top:: local v = n; fs[#fs + 1] = function() return v end; n = n + 1; if n < 3 then goto top end; print(fs[1] == fs[2], fs[1](), fs[3]())",
  "collectgarbage(); local k = 'k'; local fs = {}; for i = 1, 2 do fs[i] = function() return k end end; print(fs[1] == fs[2], fs[2]())",
]);
