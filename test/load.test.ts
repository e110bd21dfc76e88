// load against lua5.3 (see lua-cases.ts): chunk names as luaO_chunkid forms them, syntax
// errors in Lua's words, modes and binary chunks, reader functions, _ENV, varargs, errors
// raised inside loaded code (positioned `[string "..."]:LINE:`), nested loads. The build of a
// program that names load, and one that does not, are checked at the end.
import { describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { sameAsLua } from "./lua-cases.ts";
import { runOurs } from "./helpers.ts";

sameAsLua("load: chunk names", [
  "= load('x = ')",
  "= load('x = ', '=mychunk')",
  "= load('x = ', '@dir/file.lua')",
  "= load('x = ', string.rep('a', 44))",
  "= load('x = ', string.rep('a', 45))",
  "= load('x = ', string.rep('a', 100))",
  "= load('x = ', '=' .. string.rep('b', 100))",
  "= load('x = ', '@' .. string.rep('c', 100))",
  "= load('x = ', '@' .. string.rep('c', 59))",
  "= load('x = ', '@' .. string.rep('c', 60))",
  "= load('return 1\\n+', 'first line\\nsecond line')",
  "= load('return 1\\n+')",
  "= load('x = ', 'a\\0b')",
  "= load('x = ', '')",
  "= load('x = ', 12)",
  "= load(12)",
  "= load('#!shebang\\nreturn 1')",
]);

sameAsLua("load: syntax errors in Lua's words", [
  "= load('if x then')",
  "= load('x = \"abc')",
  "= load('x = 3x')",
  "= load('return 0x')",
  "= load('return 0x.')",
  "= load('for i = 1 do end')",
  "= load('return end')",
  "= load('local t = {1, 2')",
  "= load('goto nowhere')",
  "= load('break')",
  "= load('::a:: ::a::')",
  "= load('x = }')",
  "= load('return 1')()",
  "= load('return 1\\n--comment without ending EOL')()",
  "= load('return 0x.8, 0x.1p4')()",
  "= load('')",
  "= load('')()",
]);

sameAsLua("load: modes and binary chunks", [
  "= load('return 1', 'c', 'b')",
  "= load('return 1', 'c', 't')()",
  "= load('return 1', 'c', 'bt')()",
  "= load('return 1', 'c', 'q')",
  "= load('\\27Lua', 'c', 't')",
  "= load('', 'c', 'b')",
  "= load(function() return nil end, '=r', 'b')",
  "= pcall(load, 'x', 'c', {})",
]);

sameAsLua("load: reader functions", [
  "local parts = {'return ', '1 ', '+ 41'}; local i = 0\nprint(load(function() i = i + 1 return parts[i] end)())",
  "local n = 0\nprint(load(function() n = n + 1; if n == 1 then return 'return 7' end; return '' end)())",
  "local n = 0\nprint(load(function() n = n + 1; if n == 1 then return 'return 7' end; return nil end, '=reader')())",
  "local n = 0\nprint(load(function() n = n + 1; if n <= 2 then return n end end)())",
  "print(pcall(load, function() return {} end))",
  "local n = 0\nprint(pcall(load, function() n = n + 1; if n == 1 then return 'return 1' end; return true end))",
  "print(pcall(load, function() error('in reader') end))",
  "print(pcall(load, function() error({}) end))",
  "print(load(function() return nil end))",
  "local done = false\nprint(load(function() if not done then done = true return 'x =' end end, 'named'))",
  "print(pcall(load))",
  "print(pcall(load, nil))",
  "print(pcall(load, {}))",
]);

sameAsLua("load: environment", [
  "local env = {y = 7}\nlocal f = load('y = y + 1; x = 1; return _ENV', 'envchunk', 't', env)\nprint(f() == env, env.y, env.x, rawget(_G, 'x'))",
  "local f = load('return print', 'c', 't', {})\nprint(f())",
  "print(pcall(load('return x.y', 'q', 't', nil)))",
  "print(pcall(load('x = 1', 'q', 't', 42)))",
  "local env = setmetatable({}, {__index = _G})\nload('z_in_env = tostring(12)', 'c', 't', env)()\nprint(env.z_in_env, rawget(_G, 'z_in_env'))",
  "load_global_test = 5\nprint(load('return load_global_test')(), load('return load_global_test', 'c', 't', nil) ~= nil)",
  "local f = load('local x = 0; return function() x = x + 1; X_COUNT = x; return x end', 'c', 't', {})\nlocal g = f()\ng() g()\nprint(g(), rawget(_G, 'X_COUNT'))",
  "print(load('return _ENV')() == _G, load('return _G')() == _G)",
]);

sameAsLua("load: varargs and results", [
  "print(load('return ...')(1, 2, 3))",
  "print(load('return select(\"#\", ...)')(1, nil, 3, nil))",
  "print(load('local a, b = ... return b, a')('x', 'y'))",
  "print((load('return 1, 2, 3')()))",
  "print(select('#', load('return')()))",
  "print(load('local t = {...} return #t')(1, 2, 3, 4))",
  "print(load('return function(...) return select(\"#\", ...) end')()(1, 2))",
]);

sameAsLua("load: errors inside loaded code", [
  "print(pcall(load('error(\"boom\")')))",
  "print(pcall(load('\\n\\nerror(\"on line 3\")', '=three')))",
  "print(pcall(load('local t = nil; return t.x', '=named')))",
  "print(pcall(load('return nil + 1', '@some/file.lua')))",
  "print(pcall(load('return undefined_fn_xyz()')))",
  "print(pcall(load('local s = \"x\"; return s:nomethod()')))",
  "print(pcall(load('error(\"lvl2\", 2)')))",
  "print(pcall(load('error({code = 1})')))",
  "print(pcall(load('return 1 // 0')))",
  "print(pcall(load('return (\"x\"):rep(1, 2, 3) .. {}')))",
  "print(pcall(load('return math.floor(\"a\")')))",
  "local f = load('return function(x) if x then error(\"from loaded\", 2) end end')()\nprint(pcall(function() f(true) end))",
  "local f = load('local function deep(n) if n == 0 then error(\"bottom\") end return deep(n - 1) end return deep', '=deep')()\nprint(pcall(f, 5))",
  "print(pcall(load('assert(false, \"assert in load\")', '=a')))",
  "print(pcall(load('assert(1 == 2)', '=a')))",
  "print(pcall(load('local a = {} .. \"x\"', '=concat')))",
  "print(select(2, xpcall(load('error(\"in xpcall\")', '=x'), function(m) return 'handled: ' .. m end)))",
]);

sameAsLua("load: nested and repeated", [
  "print(load('return load(\"return 1 + 1\")()')())",
  "print(pcall(load('local f = load(\"\\\\nerror(\\'inner\\')\", \"=inner\") f()', '=outer')))",
  "print(load('return load(\"x =\")')())",
  "local sum = 0\nfor i = 1, 50 do sum = sum + load('return ' .. i)() end\nprint(sum)",
  "for _, s in ipairs({'\\0', '\\n', '\\\\', '\"', '\\255\\1', 'a\\rb'}) do assert(load(string.format('return %q', s))() == s) end\nprint('ok')",
  "print(load('return ' .. math.mininteger)() == math.mininteger, math.type(load('return 2^53')()))",
  "print(load(string.dump ~= nil and 'return type(string.dump)' or '')())",
  "local co = coroutine.wrap(load('local a = ... ; local b = coroutine.yield(a + 1) ; return b * 2'))\nprint(co(1), co(10))",
  "local f = load('return function(n) for i = 1, n do coroutine.yield(i) end end')()\nlocal co = coroutine.wrap(function() f(3) end)\nprint(co(), co(), co())",
  "local t = {}\nfor i = 1, 3 do t[i] = load('local i = ... return function() return i * 10 end')(i) end\nprint(t[1](), t[2](), t[3]())",
  "print(load('goto skip; do return 1 end ::skip:: return 2')())",
]);

/** Write a file in the working directory (each side runs in a directory of its own). */
const WRITE = "local function write(name, text) local f = assert(io.open(name, 'wb')) f:write(text) f:close() end\n";

sameAsLua("loadfile and dofile", [
  WRITE + "write('lf_mod.lua', '#!/usr/bin/lua\\nlocal a = ...\\nreturn a, select(\"#\", ...), 42\\n')\nprint(dofile('lf_mod.lua'))\nprint(loadfile('lf_mod.lua')(7))",
  WRITE + "write('lf_bom.lua', '\\239\\187\\191return \"bom\"')\nprint(loadfile('lf_bom.lua')())",
  WRITE + "write('lf_bad.lua', 'x = = 1')\nprint(loadfile('lf_bad.lua'))\nprint(pcall(dofile, 'lf_bad.lua'))",
  WRITE + "write('lf_err.lua', '\\nerror(\"in file\")')\nprint(pcall(dofile, 'lf_err.lua'))",
  WRITE + "write('lf_env.lua', 'return X_ENV')\nprint(loadfile('lf_env.lua', 't', {X_ENV = 'custom'})())\nprint(loadfile('lf_env.lua', 'b'))",
  "print(loadfile('lf_nofile.lua'))\nprint(pcall(dofile, 'lf_nofile.lua'))",
  "print(pcall(loadfile, {}))\nprint(pcall(dofile, {}))",
]);

describe("load in a build", () => {
  test("a program that never names load gets no compiler; load reached another way says so", async () => {
    const r = await runOurs("local f = _G['lo' .. 'ad']\nprint(f('return 1'))\n", "noload.lua");
    expect(r.stdout).toBe("nil\tload: this program was built without the Lua compiler (its source never names 'load')\n");
    const { code } = await bundleLua("print(1)\n", "/tmp/plain.lua");
    expect(code).not.toMatch(/luaparse|chunkCompiler/);
  });

  test("a program that names load bundles the compiler, but not prettier, ts-morph or esbuild", async () => {
    const { code } = await bundleLua("print(load('return 1')())\n", "/tmp/withload.lua");
    expect(code).toMatch(/chunkCompiler/);
    expect(code).not.toMatch(/prettier|ts-morph|esbuild/i);
  });

  test("an uncaught error in loaded code prints its chunk position and a traceback through it", async () => {
    const r = await runOurs("local f = load('local t = nil\\nreturn t.x', '=loaded')\nf()\n", "uncaught-load.lua");
    expect(r.status).toBe(1);
    // lua5.3 prints the same for this program (program name aside)
    expect(r.stderr).toBe(
      "lua: loaded:2: attempt to index a nil value (local 't')\nstack traceback:\n\tloaded:2: in local 'f'\n\tuncaught-load.lua:2: in main chunk\n\t[C]: in ?\n",
    );
  });
});
