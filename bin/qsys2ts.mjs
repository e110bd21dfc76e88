#!/usr/bin/env node
// Entry of the `qsys2ts` command: runs lib/cli.mjs, rebuilding it first when the compiler's
// sources (or the runtime modules it imports, e.g. the design-file checker) are newer (a
// development checkout), so the command never runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "lib", "cli.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ["compiler", "runtime"].map((d) => join(root, d)).filter((d) => existsSync(d));
if (!existsSync(cli) || Math.max(...sources.map(newestSource)) > statSync(cli).mtimeMs) {
  const { buildCli } = await import(pathToFileURL(join(root, "scripts", "build-cli.mjs")).href);
  buildCli();
}
const { main } = await import(pathToFileURL(cli).href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
