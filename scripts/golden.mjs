// Regenerates out/NAME.ts, the compiler's readable output for fixtures/NAME.lua.
// Review the diff before committing: golden files guard the shape of generated code.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const only = process.argv.slice(2);
const files = readdirSync(join(root, "fixtures"))
  .filter((f) => f.endsWith(".lua") && (!only.length || only.includes(f.slice(0, -4))))
  .map((f) => join("fixtures", f));
execFileSync(process.execPath, [join(root, "bin", "qsys2ts.mjs"), "compile", ...files, "-o", "out"], { cwd: root, stdio: "inherit" });
