// `npm run bench`: CPU benchmarks written in Lua (bench/lua/*.lua), each run by lua5.3 and by
// our build of it in the same session, alternately; prints the best wall time of each and
// the ratio ours / lua5.3 (below 1 means faster than PUC Lua). Outputs must be identical.
// Usage: npm run bench [-- [--runs N] [NAME...]]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "..", "bin", "qsys2ts.mjs");
const lua = process.env.LUA ?? "lua5.3";
const args = process.argv.slice(2);
let runs = 3;
const runsAt = args.indexOf("--runs");
if (runsAt >= 0) {
  runs = Number(args[runsAt + 1]);
  args.splice(runsAt, 2);
}
const only = new Set(args);
const tmp = mkdtempSync(join(tmpdir(), "qsys2ts-bench-lua-"));

/** Run a command once: its stdout and wall time in ms. */
function timed(cmd, cmdArgs) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { cwd: here, encoding: "latin1", timeout: 300000, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, ms };
}

const benches = readdirSync(here)
  .filter((f) => f.endsWith(".lua") && (only.size === 0 || only.has(basename(f, ".lua"))))
  .sort();
const rows = [];
let failed = false;
for (const file of benches) {
  const name = basename(file, ".lua");
  const built = join(tmp, name + ".mjs");
  execFileSync(process.execPath, [bin, "build", join(here, file), "-o", built], { stdio: "inherit" });
  let bestLua = Infinity;
  let bestOurs = Infinity;
  let same = true;
  for (let i = 0; i < runs; i++) {
    const a = timed(lua, [file]);
    const b = timed(process.execPath, [built]);
    bestLua = Math.min(bestLua, a.ms);
    bestOurs = Math.min(bestOurs, b.ms);
    if (a.stdout !== b.stdout) same = false;
  }
  if (!same) failed = true;
  rows.push({ name, lua: bestLua, ours: bestOurs, same });
  console.log(`${name.padEnd(12)} lua5.3 ${bestLua.toFixed(0).padStart(6)} ms   ours ${bestOurs.toFixed(0).padStart(6)} ms   ratio ${(bestOurs / bestLua).toFixed(2)}${same ? "" : "   OUTPUT DIFFERS"}`);
}
const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ours / r.lua), 0) / rows.length);
console.log(`geometric mean of ratios (ours / lua5.3): ${geo.toFixed(2)}  (best of ${runs} runs each)`);
if (failed) process.exitCode = 1;
