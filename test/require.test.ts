// require of a script's own Lua modules: small module trees written to a temp dir, built with
// our compiler and run; where plain Lua can run the same tree, lua5.3 gives the expected output.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { compileFileToReadableTs } from "../compiler/compile.ts";
import { LuaSyntaxError } from "../compiler/parse.ts";
import { runOurs } from "./helpers.ts";
import { LUA, luaAvailable } from "./oracle.ts";

/** Write files (path -> Lua source) into a fresh directory. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "qsys2ts-require-"));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.from(source, "latin1"));
  }
  return dir;
}

/** lua5.3 main.lua in that directory (package.path set by the script itself). */
function runLua(dir: string, name = "main.lua") {
  const r = spawnSync(LUA, [name], { cwd: dir, encoding: "latin1", timeout: 20000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const PATH = `package.path = "./?.lua;./?/init.lua" package.cpath = ""\n`;

async function run(files: Record<string, string>) {
  const dir = tree(files);
  return { dir, ours: await runOurs(files["main.lua"], "main.lua", {}, dir) };
}

describe.concurrent("require", () => {
  test.skipIf(!luaAvailable)("a name computed at run time loads a module bundled for a literal require, and is not found otherwise", async () => {
    const files = {
      "main.lua":
        PATH +
        `local lib = require("lib")
local name = "l" .. "ib"
print(require(name) == lib)
local other = "oth" .. "er"
print(pcall(require, other))
print(select("#", require(name)))`,
      "lib.lua": `return { x = 1 }`,
      // other.lua is only ever named at run time: not bundled
      "other.lua": `return "other"`,
    };
    const { dir, ours } = await run(files);
    expect(ours.stdout).toBe(
      "true\nfalse\tmodule 'other' not found:\n\tno field package.preload['other']\n\tno file './other.lua'\n\tno file './other/init.lua'\n1\n",
    );
    // lua5.3 does find other.lua (it reads files at run time): the only difference
    expect(runLua(dir).stdout).toBe("true\ntrue\tother\n1\n");
  });

  test.skipIf(!luaAvailable)("modules share globals with the script and with each other", async () => {
    const files = {
      "main.lua": `${PATH}
shared = "from main"
local a = require("a")
print(a.read(), helper(2), shared)
require("b")
print(from_b, a.read())`,
      "a.lua": `function helper(n) return n * 10 end
local M = {}
function M.read() return shared end
shared = shared .. " and a"
return M`,
      "b.lua": `from_b = helper(5)
shared = "b was here"`,
    };
    const { dir, ours } = await run(files);
    const lua = runLua(dir);
    expect(lua.stdout).toBe("from main and a\t20\tfrom main and a\n50\tb was here\n");
    expect(ours.stdout).toBe(lua.stdout);
  });

  test.skipIf(!luaAvailable)("an uncaught error in a module names the module file, as lua5.3 does", async () => {
    const files = {
      "main.lua": `${PATH}local m = require("sub.mod")
m.go()`,
      "sub/mod.lua": `local M = {}
function M.go()
  local t = nil
  return t.x
end
return M`,
    };
    const { dir, ours } = await run(files);
    const lua = runLua(dir);
    expect(ours.status).toBe(1);
    expect(lua.stderr.split("\n")[0]).toBe("lua5.3: ./sub/mod.lua:4: attempt to index a nil value (local 't')");
    expect(ours.stderr.split("\n")[0]).toBe(lua.stderr.split("\n")[0].replace("lua5.3:", "lua:"));
  });

  test.skipIf(!luaAvailable)("bad arguments and a module run from its own init.lua", async () => {
    const files = {
      "main.lua": `${PATH}print(pcall(require))
print(pcall(require, {}))
print(require("12"), package.loaded["12"])
local pkg = require("pkg")
print(pkg.name, pkg.file)`,
      "12.lua": `return "twelve"`,
      "pkg/init.lua": `local name, file = ...
return { name = name, file = file }`,
    };
    const { dir, ours } = await run(files);
    const lua = runLua(dir);
    expect(lua.stdout).toContain("./pkg/init.lua");
    expect(ours.stdout).toBe(lua.stdout);
  });

  test("a module required in a cycle before it registers itself is an error, not a hang", async () => {
    const { ours } = await run({
      "main.lua": `print(pcall(require, "c1"))`,
      "c1.lua": `return require("c2")`,
      "c2.lua": `return require("c1")`,
    });
    expect(ours.stdout).toBe("false\tloop or previous error loading module 'c1'\n");
  });

  test("a module with the script's own name is a chunk of its own", async () => {
    const { ours } = await run({
      "main.lua": `if ... == "main" then print("as module", ...) return 7 end
print(require("main"))`,
    });
    expect(ours.stdout).toBe("as module\tmain\t./main.lua\n7\n");
  });

  test("the build reports modules it found nowhere, and a syntax error in a module fails the build with its position", async () => {
    const dir = tree({ "main.lua": `local ok = pcall(require, "optional")\nrequire "rapidjson"`, "bad.lua": "local x = = 1" });
    const r = await bundleLua(`local ok = pcall(require, "optional")\nrequire "rapidjson"`, join(dir, "main.lua"));
    expect(r.missingModules).toEqual(["optional"]);
    const err = await bundleLua(`require("bad")`, join(dir, "main.lua")).catch((e) => e);
    expect(err).toBeInstanceOf(LuaSyntaxError);
    expect((err as LuaSyntaxError).message).toMatch(/^\.\/bad\.lua:1:\d+: /);
  });

  test("without Lua modules, globals stay fast module variables; with them, they live in the shared global table", async () => {
    const dir = tree({ "m.lua": "return 1" });
    const [[, plain]] = await compileFileToReadableTs(`local j = require("rapidjson")\ncount = 1\nprint(count)`, join(dir, "main.lua"));
    expect(plain).not.toMatch(/index\(G, "count"\)/);
    const [[, shared], [modPath]] = await compileFileToReadableTs(`local m = require("m")\ncount = 1\nprint(count)`, join(dir, "main.lua"));
    expect(shared).toMatch(/index\(G, "count"\)/);
    expect(shared).toMatch(/import \$mod_m from "\.\/m\.ts";/);
    expect(modPath).toBe("m.ts");
  });
});
