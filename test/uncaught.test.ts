// Uncaught errors end the program as lua.c ends it: stdout so far, then `lua: message` and a
// stack traceback on stderr, exit status 1. Compared in full with lua5.3 (its program name
// `lua5.3:` read as `lua:`).
import { describe, expect, test } from "vitest";
import { runOurs } from "./helpers.ts";
import { luaAvailable, runOracle } from "./oracle.ts";

const PROGRAMS: Record<string, string> = {
  "a runtime error in nested local functions": `local t = {}
local function inner()
  return t.missing.field
end
local function outer()
  inner()
end
print("before")
outer()
print("never")
`,
  "error() with level 2 in a local function": `local function f() error("boom", 2) end
f()
`,
  "an error in a method, called through a global function": `local obj = {}
function obj:method() error("in method") end
function run() obj:method() end
run()
`,
  "an error in an anonymous function": `local handlers = {}
handlers[1] = function(x)
  return x + nil
end
handlers[1](1)
`,
  "a table error value": `error({code = 1})
`,
  "an error value with __tostring (no traceback)": `error(setmetatable({}, {__tostring = function() return "custom" end}))
`,
  "error with level 0, a number, nil": `local n = 1
if n == 1 then error(42) end
`,
  "a library function's argument error": `local s = string.rep()
`,
  "assert": `assert(1 == 2, "math is broken")
`,
  "an error after tail calls (their frames are gone)": `local function f(x)
  error("deep " .. x)
end
local function g(x)
  return f(x + 1)
end
local t = {}
function t.h(x) return g(x) end
local function k() return t.h(1) end
k()
`,
  "a tail call to a library function keeps the caller's frame": `local function f()
  return string.rep()
end
f()
`,
};

describe.skipIf(!luaAvailable).concurrent("uncaught errors", () => {
  for (const [title, source] of Object.entries(PROGRAMS)) {
    test(title, async () => {
      const lua = runOracle(source, "prog.lua");
      const ours = await runOurs(source, "prog.lua");
      expect(ours.stdout).toBe(lua.stdout);
      expect(ours.stderr).toBe(lua.stderr.replace(/^lua5\.3: /, "lua: "));
      expect(ours.status).toBe(lua.status);
    });
  }
});
