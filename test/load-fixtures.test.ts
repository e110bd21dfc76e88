// The golden fixtures through `load`: one program reads each fixtures/NAME.lua and runs it as
// a loaded chunk (named "@NAME.lua", so its messages name NAME.lua as the compiled fixture's
// do), which exercises the plain-JavaScript emitter mode over everything the fixtures use.
// Each must print fixtures/NAME.expected, the stdout of lua5.3. A fixture that uses _G or
// _ENV runs in the global table; the others in a fresh environment, so that their globals do
// not meet. Not here: require.lua (its modules are files, which require reads at build time).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { buildOurs, runBuilt, type Run } from "./helpers.ts";

const root = join(import.meta.dirname, "..");
const read = (p: string) => readFileSync(p).toString("latin1");
const fixtures = readdirSync(join(root, "fixtures"))
  .filter((f) => f.endsWith(".lua") && f !== "require.lua")
  .map((f) => f.slice(0, -4))
  .sort();

const DRIVER = `
for entry in os.getenv("FIXTURES"):gmatch("%S+") do
  local name, where = entry:match("^(.-):(%a+)$")
  io.write("\\1", name, "\\1\\n")
  local f = assert(io.open(name .. ".lua", "rb"))
  local src = f:read("a")
  f:close()
  local env = where == "G" and _G or setmetatable({}, {__index = _G})
  local ok, e = pcall(assert(load(src, "@" .. name .. ".lua", "t", env)))
  if not ok then io.stderr:write(name, ": ", tostring(e), "\\n") end
end
`;

describe("fixtures through load", () => {
  let run: Run;
  beforeAll(async () => {
    const entries = fixtures.map((n) => `${n}:${/\b(_G|_ENV)\b/.test(read(join(root, "fixtures", n + ".lua"))) ? "G" : "fresh"}`);
    const file = await buildOurs(DRIVER, "load-fixtures.lua");
    run = runBuilt(file, { FIXTURES: entries.join(" "), QSYS2TS_DATA_DIR: join(root, "fixtures") });
  }, 60000);

  test("the driver ran every fixture", () => {
    expect(run.status).toBe(0);
    // only the fixture that is meant to fail raises an error
    expect(run.stderr).toBe("uncaught: uncaught.lua:4: attempt to index a nil value (field 'missing')\n");
  });

  for (const name of fixtures) {
    test(`${name} prints what lua5.3 prints`, () => {
      const parts = run.stdout.split(/\u0001(\w+)\u0001\n/);
      const at = parts.indexOf(name);
      expect(at, "the fixture's output").toBeGreaterThan(0);
      expect(parts[at + 1]).toBe(read(join(root, "fixtures", name + ".expected")));
    });
  }
});
