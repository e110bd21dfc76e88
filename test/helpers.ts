// Shared test helpers: build a Lua program with our compiler and run it as `node out.mjs` would.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleLua } from "../compiler/bundle.ts";

let dir: string | undefined;

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Compile, bundle and run Lua source (a byte string) in a fresh node process. */
export async function runOurs(source: string, name = "snippet.lua", env: Record<string, string> = {}): Promise<Run> {
  dir ??= mkdtempSync(join(tmpdir(), "qsys2ts-test-"));
  const { code } = await bundleLua(source, join(dir, name), name);
  const file = join(dir, name.replace(/\.lua$/, "") + ".mjs");
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: "latin1", timeout: 30000, maxBuffer: 64 << 20, env: { ...process.env, TZ: "UTC", ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
