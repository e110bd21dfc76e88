// The oracle: the real Lua 5.3 interpreter (Debian's lua5.3), used to produce expected outputs.
// Differential tests run only where it is installed (.ci/run installs it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const LUA = process.env.LUA ?? "lua5.3";

export const luaAvailable: boolean = (() => {
  const r = spawnSync(LUA, ["-v"], { encoding: "latin1" });
  return r.status === 0;
})();

export interface LuaRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

let dir: string | undefined;

/** Run Lua source (a byte string, latin1) with the oracle; stdout/stderr are byte strings. */
export function runOracle(source: string, name = "snippet.lua", env: Record<string, string> = {}): LuaRun {
  dir ??= mkdtempSync(join(tmpdir(), "qsys2ts-oracle-"));
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(source, "latin1"));
  const r = spawnSync(LUA, [name], { cwd: dir, encoding: "latin1", timeout: 20000, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
