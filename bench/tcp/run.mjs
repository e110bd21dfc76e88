// `npm run bench:tcp`: the same line-echo protocol served by plain node:net
// (plain-server.mjs) and by echo.lua built with qsys2ts, driven by one load generator
// (load.mjs) at 1, 100 and 1000 connections. Reports msgs/s, p50/p99 latency, server CPU
// per message, server memory per connection, and the ratios of the built script to plain
// Node. First, events.ts measures the runtime's own CPU cost per event without the network.
//
// The machine is shared, so one run proves little: every level is measured ROUNDS times,
// alternating which server goes first, and the table shows medians with the spread of the
// per-round ratios (min..max).
// Usage: node bench/tcp/run.mjs [SECONDS per run, default 3] [ROUNDS, default 3]
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = Number(process.argv[3] ?? 3);
const LEVELS = [1, 100, 1000];
const tmp = mkdtempSync(join(tmpdir(), "qsys2ts-bench-"));

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** CPU seconds (user + system, all threads) the process has used so far. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

async function startServer(file, args, env) {
  const proc = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      if (out.includes("ready")) resolve();
    });
    proc.on("exit", () => reject(new Error(`server ${file} exited: ${out}`)));
  });
  return proc;
}

async function measure(kind, conns) {
  const port = await freePort();
  const server = await startServer(kind.file, kind.args(port), kind.env(port));
  await new Promise((r) => setTimeout(r, 200));
  const idle = rssKb(server.pid);
  const cpu0 = cpuSeconds(server.pid);
  let loaded = NaN;
  let opened = NaN;
  const load = fork(join(here, "load.mjs"), [String(port), String(conns), String(SECONDS)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  // Memory is sampled once every connection is open (before any traffic: the cost of a
  // connection itself) and half-way through the load (every connection busy).
  load.on("message", () => {
    opened = rssKb(server.pid);
    setTimeout(() => (loaded = rssKb(server.pid)), (SECONDS * 1000) / 2);
  });
  let out = "";
  load.stdout.on("data", (d) => (out += d));
  await new Promise((r) => load.on("exit", r));
  const cpu = cpuSeconds(server.pid) - cpu0;
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
  const res = JSON.parse(out);
  // Server CPU per message: the runtime's own cost per event, little affected by how busy
  // the machine is (unlike msgs/s, which also measures the load generator and the others).
  return { ...res, kbPerConn: (loaded - idle) / conns, kbPerIdleConn: (opened - idle) / conns, cpuUs: (cpu * 1e6) / res.msgs };
}

// The Q-SYS script, built exactly as a user builds it.
const built = join(tmp, "echo.mjs");
execFileSync(process.execPath, [join(here, "../../bin/qsys2ts.mjs"), "build", join(here, "echo.lua"), "-o", built], { stdio: "inherit" });

// The runtime's own cost per event: compiled echo.lua on fake sockets (events.ts).
execFileSync(process.execPath, [join(here, "../../bin/qsys2ts.mjs"), "compile", join(here, "echo.lua"), "-o", tmp], { stdio: "inherit" });
await build({
  entryPoints: [join(here, "events.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: join(tmp, "events.mjs"),
  alias: { "qsys2ts/runtime": join(here, "../../runtime/index.ts") },
  plugins: [{ name: "echo", setup: (b) => b.onResolve({ filter: /^\.\/__echo__\.ts$/ }, () => ({ path: join(tmp, "echo.ts") })) }],
  logLevel: "error",
});
// (echo.lua prints "ready" too: the figures are the JSON line.)
const ev = JSON.parse(execFileSync(process.execPath, [join(tmp, "events.mjs")], { encoding: "utf8" }).split("\n").find((l) => l.startsWith("{")));
console.log(
  `per-event CPU without the network (${ev.conns} fake sockets, best of 7): node:net handler ${fmt(ev.plainNs)} ns, ` +
    `echo.lua on the runtime ${fmt(ev.qsysNs)} ns (+${fmt(ev.qsysNs - ev.plainNs)} ns per event)\n`,
);

const PLAIN = { name: "node:net", file: join(here, "plain-server.mjs"), args: (p) => [String(p)], env: () => ({}) };
const QSYS = { name: "qsys2ts (echo.lua)", file: built, args: () => [], env: (p) => ({ QSYS2TS_PORT_MAP: `7000=${p}` }) };

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs, d = 2) => `${fmt(median(xs), d)} (${fmt(Math.min(...xs), d)}..${fmt(Math.max(...xs), d)})`;

console.log(`line echo, ping-pong, ${SECONDS} s per run, ${ROUNDS} rounds, Node ${process.version}, load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
const runs = {}; // runs[conns][name] = [result per round]
for (let round = 0; round < ROUNDS; round++) {
  for (const conns of LEVELS) {
    const order = round % 2 === 0 ? [PLAIN, QSYS] : [QSYS, PLAIN];
    for (const k of order) {
      const r = await measure(k, conns);
      ((runs[conns] ??= {})[k.name] ??= []).push(r);
      console.log(`  round ${round + 1} ${k.name.padEnd(20)} ${String(conns).padStart(5)} conns ${fmt(r.rate).padStart(8)} msg/s  p50 ${fmt(r.p50, 3)}  p99 ${fmt(r.p99, 3)} ms  cpu ${fmt(r.cpuUs, 1)} us/msg  bad ${r.bad}`);
    }
  }
}

console.log("\nmedians over the rounds");
console.log("server".padEnd(22) + "conns".padStart(6) + "msgs/s".padStart(10) + "p50 ms".padStart(9) + "p99 ms".padStart(9) + "cpu us/msg".padStart(11) + "KB/conn open".padStart(13) + "KB/conn busy".padStart(13) + "bad".padStart(6));
let lost = 0;
for (const conns of LEVELS) {
  for (const k of [PLAIN, QSYS]) {
    const rs = runs[conns][k.name];
    const bad = rs.reduce((a, r) => a + r.bad, 0);
    if (k === QSYS) lost += bad;
    const kb = conns >= 100 ? fmt(median(rs.map((r) => r.kbPerConn)), 1) : "-";
    const kbOpen = conns >= 100 ? fmt(median(rs.map((r) => r.kbPerIdleConn)), 1) : "-";
    console.log(
      k.name.padEnd(22) +
        String(conns).padStart(6) +
        fmt(median(rs.map((r) => r.rate))).padStart(10) +
        fmt(median(rs.map((r) => r.p50)), 3).padStart(9) +
        fmt(median(rs.map((r) => r.p99)), 3).padStart(9) +
        fmt(median(rs.map((r) => r.cpuUs)), 1).padStart(11) +
        kbOpen.padStart(13) +
        kb.padStart(13) +
        String(bad).padStart(6),
    );
  }
}

console.log("\nratios qsys2ts / node:net, median (min..max) of the per-round ratios");
console.log("(throughput: higher is better; latency, server CPU per message and memory: lower is better; memory only from 100 connections)");
for (const conns of LEVELS) {
  const p = runs[conns][PLAIN.name];
  const q = runs[conns][QSYS.name];
  const ratio = (f) => q.map((r, i) => f(r) / f(p[i]));
  const mem = conns >= 100 ? `  memory/conn open ${spread(ratio((r) => r.kbPerIdleConn))} busy ${spread(ratio((r) => r.kbPerConn))}` : "";
  console.log(
    `  ${String(conns).padStart(4)} conns: throughput ${spread(ratio((r) => r.rate))}  p50 ${spread(ratio((r) => r.p50))}  p99 ${spread(ratio((r) => r.p99))}  cpu/msg ${spread(ratio((r) => r.cpuUs))}${mem}`,
  );
}
console.log(lost === 0 ? "\nbytes lost: none (every reply checked byte for byte)" : `\nBAD REPLIES OR ERRORS: ${lost}`);
rmSync(tmp, { recursive: true, force: true });
