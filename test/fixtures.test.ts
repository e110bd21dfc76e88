// Golden fixtures: fixtures/NAME.lua must compile to exactly out/NAME.ts, and running it must
// print exactly fixtures/NAME.expected — the stdout of the real lua5.3 (see scripts/expected.mjs).
// A fixture that fails in lua5.3 also has NAME.stderr: its exit status and first stderr line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { compileFileToReadableTs } from "../compiler/compile.ts";
import { runOurs } from "./helpers.ts";

const root = join(import.meta.dirname, "..");
const fixtures = readdirSync(join(root, "fixtures"))
  .filter((f) => f.endsWith(".lua"))
  .map((f) => f.slice(0, -4))
  .sort();

const read = (p: string) => readFileSync(p).toString("latin1");

describe.concurrent("fixtures", () => {
  for (const name of fixtures) {
    const source = read(join(root, "fixtures", name + ".lua"));
    test(`${name}: compiles to out/${name}.ts`, async () => {
      // with the Lua modules it requires (fixtures/modules/x.lua -> out/modules/x.ts)
      for (const [tsPath, ts] of await compileFileToReadableTs(source, join(root, "fixtures", name + ".lua"))) {
        expect(ts, tsPath).toBe(read(join(root, "out", tsPath)));
      }
    });
    test(`${name}: prints what lua5.3 prints`, async () => {
      const r = await runOurs(source, name + ".lua", {}, join(root, "fixtures"));
      expect(r.stdout).toBe(read(join(root, "fixtures", name + ".expected")));
      const errFile = join(root, "fixtures", name + ".stderr");
      if (existsSync(errFile)) {
        const [status, first] = read(errFile).split("\n");
        expect(`exit ${r.status}`).toBe(status);
        expect(r.stderr.split("\n")[0]).toBe(first);
      } else {
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
      }
    });
  }
});
