// Shared test helpers: build a Lua program with our compiler and run it as `node out.mjs` would.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";

let dir: string | undefined;

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Compile, bundle and run Lua source (a byte string) in a fresh node process. The script is
 * taken to sit in `luaDir` (where its Lua modules are found; default: a scratch directory).
 */
export async function runOurs(source: string, name = "snippet.lua", env: Record<string, string> = {}, luaDir?: string): Promise<Run> {
  return runBuilt(await buildOurs(source, name, undefined, luaDir), env);
}

/** Compile and bundle Lua source; returns the .mjs file to run with runBuilt. */
export async function buildOurs(source: string, name = "snippet.lua", bundleName = name.replace(/\.lua$/, "") + ".mjs", luaDir?: string): Promise<string> {
  dir ??= mkdtempSync(join(tmpdir(), "qsys2ts-test-"));
  const { code } = await bundleLua(source, join(luaDir ?? dir, name), name);
  const file = join(dir, bundleName);
  writeFileSync(file, code);
  return file;
}

/** Run a bundle built by buildOurs in a fresh node process (cwd: its directory, TZ=UTC by default). */
export function runBuilt(file: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [file], { cwd: dirname(file), encoding: "latin1", timeout: 30000, maxBuffer: 64 << 20, env: { ...process.env, TZ: "UTC", ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/**
 * Run DIR/cases.lua (its modules beside it) and expect exactly DIR/cases.expected, the output
 * of the real thing under lua5.3; compared line by line first, for a readable failure.
 */
export async function expectCasesFileOutput(dir: string): Promise<void> {
  const read = (p: string) => readFileSync(p).toString("latin1");
  const r = await runOurs(read(join(dir, "cases.lua")), "cases.lua", {}, dir);
  expect(r.stderr).toBe("");
  const expected = read(join(dir, "cases.expected")).split("\n");
  const got = r.stdout.split("\n");
  for (let i = 0; i < expected.length; i++) expect(got[i], `line ${i + 1}`).toBe(expected[i]);
  expect(r.stdout).toBe(expected.join("\n"));
}
