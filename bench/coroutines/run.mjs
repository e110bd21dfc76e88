// `node bench/coroutines/run.mjs [RUNS]`: what coroutine support costs. The same workload
// (work.lua, which never names the coroutine library) is built three ways and timed against
// lua5.3: as it is (no generator twins are emitted), with one unused mention of `coroutine`
// (every function gets a twin, but the code still runs its plain versions), and run inside
// coroutine.wrap (the twins run). Reports the median wall time of RUNS runs and the ratios.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const tmp = mkdtempSync(join(tmpdir(), "qsys2ts-cobench-"));
const work = readFileSync(join(here, "work.lua"), "utf8");
const timed = `local t0 = os.clock() local a, b, c, d = WORK() print(a, b, c, d, string.format("%.0f", (os.clock() - t0) * 1000))\n`;

const variants = {
  "no coroutines (plain build)": work + timed,
  "mentions coroutine (twins built, unused)": "local _ = coroutine\n" + work + timed,
  "runs inside coroutine.wrap (twins run)": work + timed.replace("local a, b, c, d = WORK()", "local a, b, c, d = coroutine.wrap(WORK)()"),
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs a command RUNS times; the workload prints its own CPU milliseconds last. */
function measure(cmd, args) {
  const times = [];
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, QSYS2TS_NO_WORKER: "1" } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
    const fields = r.stdout.trim().split("\t");
    times.push(Number(fields.pop()));
    out = fields.join(" ");
  }
  return { ms: median(times), out };
}

const rows = [];
const plainLua = join(tmp, "plain.lua");
writeFileSync(plainLua, variants["no coroutines (plain build)"]);
const ref = measure("lua5.3", [plainLua]);
rows.push(["lua5.3 (reference)", ref]);
for (const [label, src] of Object.entries(variants)) {
  const lua = join(tmp, label.replace(/\W+/g, "_") + ".lua");
  const mjs = lua.replace(/\.lua$/, ".mjs");
  writeFileSync(lua, src);
  execFileSync(process.execPath, [join(here, "../../bin/qsys2ts.mjs"), "build", lua, "-o", mjs], { stdio: "ignore" });
  rows.push([label, measure(process.execPath, [mjs])]);
}
const base = rows[1][1].ms;
console.log(`median CPU ms of ${RUNS} runs (results: ${rows[0][1].out})`);
for (const [label, r] of rows) {
  if (r.out !== rows[0][1].out) console.log(`  !! ${label} computed ${r.out}`);
  console.log(`${label.padEnd(44)} ${String(r.ms).padStart(6)} ms   x${(r.ms / base).toFixed(2)} of plain build`);
}
