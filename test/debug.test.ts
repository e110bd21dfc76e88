// The debug library against lua5.3 (see lua-cases.ts): traceback text (plain, as an xpcall
// message handler, with levels and non-string messages, inside coroutines and loaded code),
// getinfo's fields, hooks, metatables; then what is refused rather than invented.
import { describe, expect, test } from "vitest";
import { sameAsLua } from "./lua-cases.ts";
import { runOurs } from "./helpers.ts";

/** Print a getinfo table's fields sorted, addresses hidden. */
const SHOW = `local function show(t)
  if t == nil then print(nil) return end
  local keys = {}
  for k, v in pairs(t) do if k ~= "func" and k ~= "activelines" then keys[#keys + 1] = k .. "=" .. tostring(v) end end
  table.sort(keys)
  print(table.concat(keys, " "))
end
`;

sameAsLua("debug.traceback", [
  "print(debug.traceback())",
  "print(debug.traceback('msg'))",
  "print(debug.traceback('msg', 1))",
  "print(debug.traceback('msg', 2))",
  "print(debug.traceback('msg', 0))",
  "print(debug.traceback('msg', 50))",
  "print(debug.traceback(nil))",
  "print(debug.traceback(12))",
  "print(type(debug.traceback({})), debug.traceback(true))",
  "local function g() return debug.traceback('in g') end\nprint(g())",
  "local function g() return debug.traceback('in g', 2) end\nlocal function h() return g() .. '' end\nprint(h())",
  "local t = {}\nfunction t.field() return debug.traceback('f') end\nfunction t:method() return debug.traceback('m') end\nprint(t.field())\nprint(t:method())",
  "function TB_GLOBAL() return debug.traceback('g') end\nprint(TB_GLOBAL())",
  "print(pcall(debug.traceback, 'x', 'y'))",
]);

sameAsLua("debug.traceback as an xpcall message handler", [
  "local function f() error('boom') end\nprint(xpcall(f, debug.traceback))",
  "local function f() local t = nil; return t.x end\nprint(xpcall(f, debug.traceback))",
  "local function f() assert(false, 'assertion') end\nprint(xpcall(f, debug.traceback))",
  "local function f() return ('x'):rep({}) end\nprint(xpcall(f, debug.traceback))",
  "local function f() error('boom') end\nprint(xpcall(f, function(e) return debug.traceback(e, 2) end))",
  "local function f() error('boom') end\nprint(xpcall(f, function(e) return debug.traceback(e) end))",
  "local function inner() error('deep') end\nlocal function outer() inner() end\nprint(xpcall(outer, debug.traceback))",
  "print(xpcall(error, debug.traceback, 'direct'))",
  "local function f() error({}) end\nprint(select('#', xpcall(f, debug.traceback)), type(select(2, xpcall(f, debug.traceback))))",
  "local function f() error('boom') end\nprint(xpcall(function() return pcall(f) end, debug.traceback))",
  "print(xpcall(load('local a = 1\\nerror(\"in load\")', '=ld'), debug.traceback))",
]);

sameAsLua("debug.getinfo", [
  SHOW + "show(debug.getinfo(1))",
  SHOW + "local function lvl() return debug.getinfo(1), debug.getinfo(2) end\nlocal a, b = lvl()\nshow(a) show(b)",
  SHOW + "local function lvl(x, y) return debug.getinfo(1, 'Su') end\nshow(lvl())",
  SHOW + "local function lvl(x, ...) return debug.getinfo(1, 'u') end\nlocal t = lvl()\nprint(t.nparams, t.isvararg)",
  SHOW + "show(debug.getinfo(print))",
  // (a function is found by its compiled text: these bodies are unique in the program)
  SHOW + "local function f(a, b)\n  return a + 101\nend\nshow(debug.getinfo(f))",
  SHOW + "local function f(a, b)\n  return a + 102\nend\nshow(debug.getinfo(f, 'S'))",
  SHOW + "local t = {}\nfunction t:m(a) return 103 end\nshow(debug.getinfo(t.m, 'u'))",
  SHOW + "local up1, up2 = 1, 2\nlocal function f() return up1 + up2 + 104, print end\nshow(debug.getinfo(f, 'u'))",
  SHOW + "local up1 = 1\nlocal function f() return function() return up1 + 105 end end\nshow(debug.getinfo(f, 'u'))",
  SHOW + "show(debug.getinfo(load('local x = 1\\nreturn function() return 106 end', '=loaded')(), 'S'))",
  SHOW + "show(debug.getinfo(load('return 1', '=loaded'), 'S'))",
  SHOW + "show(debug.getinfo(load('return 1'), 'S'))",
  SHOW + "show(load('return debug.getinfo(1, \"Sl\")', '@file.lua')())",
  "print(debug.getinfo(1, 'l').currentline, debug.getinfo(1).short_src, debug.getinfo(1).source)",
  "local function named() return debug.getinfo(1, 'n') end\nlocal n = named()\nprint(n.name, n.namewhat)",
  "local t = {f = function() return debug.getinfo(1, 'n') end}\nlocal n = t.f() print(n.name, n.namewhat)\nn = t:f() print(n.name, n.namewhat)",
  "function GETINFO_GLOBAL() return debug.getinfo(1, 'n') end\nlocal n = GETINFO_GLOBAL() print(n.name, n.namewhat)",
  "local n = debug.getinfo(1, 'n') print(n.name, n.namewhat)",
  "print(debug.getinfo(100), debug.getinfo(-1))",
  "print(pcall(debug.getinfo, 1, 'q'))",
  "print(pcall(debug.getinfo, {}))",
  "print(pcall(debug.getinfo))",
  "local function foo()\n  return debug.getinfo(1).currentline, debug.getinfo(foo).linedefined\nend\nprint(foo())",
  "local co = coroutine.wrap(function() return debug.getinfo(1, 'l').currentline, debug.getinfo(2), debug.getinfo(3) end)\nprint(co())",
  "local co = coroutine.wrap(function() print(debug.traceback('in co')) end)\nco()",
  SHOW + "show(debug.getinfo(1, 't'))",
]);

sameAsLua("debug: hooks, metatables, require", [
  "print(debug.gethook())",
  "print(debug.sethook())",
  "local function h() end\ndebug.sethook(h, 'crl', 0)\nlocal f, mask, count = debug.gethook()\nprint(f == h, mask, count)\ndebug.sethook()\nprint(debug.gethook())",
  "local function h() end\ndebug.sethook(h, 'lc', 10)\nprint(select(2, debug.gethook()))\ndebug.sethook(h, '', 0)\nprint(debug.gethook())",
  "print(pcall(debug.sethook, 1, 'c'))",
  "print(require('debug') == debug, package.loaded.debug == debug)",
  "local t = setmetatable({}, {__metatable = 'locked'})\nprint(getmetatable(t), type(debug.getmetatable(t)))",
  "print(debug.getmetatable('').__index == string, debug.getmetatable(1), debug.getmetatable(nil))",
  "local t = {}\nlocal mt = {__index = function() return 'dflt' end}\nprint(debug.setmetatable(t, mt) == t, t.anything, debug.setmetatable(t, nil) == t, getmetatable(t))",
]);

// The same in a program with neither coroutines (no generator twins) nor load (static globals).
sameAsLua(
  "debug in a plain program",
  [
    "local function f() error('boom') end\nprint(xpcall(f, debug.traceback))",
    "local function f() local t = nil; return t.x end\nprint(xpcall(f, function(e) return debug.traceback(e, 2) end))",
    "local function g() return debug.traceback('in g') end\nlocal function h() return (g()) end\nprint(h())",
    "local function lvl() local i = debug.getinfo(1, 'nSl') return i.name, i.namewhat, i.what, i.currentline, i.linedefined end\nprint(lvl())",
    "local function k(a, b, ...)\n  return a + 201\nend\nlocal i = debug.getinfo(k, 'Su')\nprint(i.linedefined, i.lastlinedefined, i.nparams, i.isvararg, i.nups)",
    "print(debug.getinfo(1, 'S').what, debug.getinfo(2, 'S').what, debug.getinfo(3, 'S').what, debug.getinfo(4, 'S').what, debug.getinfo(5))",
  ],
  { alone: true },
);

describe("debug functions that compiled code cannot answer", () => {
  test("getlocal, setupvalue and the like raise a clear error at the call instead of inventing values", async () => {
    const r = await runOurs(
      [
        "for _, name in ipairs({'getlocal', 'setlocal', 'getupvalue', 'setupvalue', 'upvalueid', 'upvaluejoin', 'getuservalue', 'setuservalue', 'getregistry'}) do",
        "  print(pcall(debug[name], print, 1))",
        "end",
        "print(pcall(debug.getinfo, coroutine.create(print), 0))",
        "print(pcall(debug.setmetatable, 1, {}))",
      ].join("\n") + "\n",
      "refused.lua",
    );
    expect(r.stdout.split("\n")).toEqual([
      "false\tdebug.getlocal: a local variable is not available in compiled code (qsys2ts)",
      "false\tdebug.setlocal: a local variable is not available in compiled code (qsys2ts)",
      "false\tdebug.getupvalue: an upvalue is not available in compiled code (qsys2ts)",
      "false\tdebug.setupvalue: an upvalue is not available in compiled code (qsys2ts)",
      "false\tdebug.upvalueid: an upvalue is not available in compiled code (qsys2ts)",
      "false\tdebug.upvaluejoin: an upvalue is not available in compiled code (qsys2ts)",
      "false\tdebug.getuservalue: a user value is not available in compiled code (qsys2ts)",
      "false\tdebug.setuservalue: a user value is not available in compiled code (qsys2ts)",
      "false\tdebug.getregistry: the registry is not available in compiled code (qsys2ts)",
      "false\tdebug.getinfo: a level of another coroutine is not available in compiled code (qsys2ts)",
      "false\tdebug.setmetatable: a metatable for this type is not available in compiled code (qsys2ts)",
      "",
    ]);
  });

  test("called from Lua code, the refusal is positioned there", async () => {
    const r = await runOurs("local ok, e = pcall(function() return debug.getlocal(1, 1) end)\nprint(e)\n", "refused-pos.lua");
    expect(r.stdout).toBe("refused-pos.lua:1: debug.getlocal: a local variable is not available in compiled code (qsys2ts)\n");
  });
});
