// `npm run bench:tcp`: the same line-echo protocol served by plain node:net and by the
// Q-SYS runtime (echo.lua built by qsys2ts when the compiler maps the Q-SYS globals, else
// qsys-server.ts, which drives the runtime's Lua-visible API as compiled code does), driven
// by one load generator at 1, 100 and 1000 connections. Reports msgs/s, p50/p99 latency,
// server memory per connection, and the runtime's ratios to plain Node.
// Usage: node bench/tcp/run.mjs [SECONDS per run, default 3]
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.argv[2] ?? 3);
const LEVELS = [1, 100, 1000];
const tmp = mkdtempSync(join(tmpdir(), "qsys2ts-bench-"));

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** The runtime server: echo.lua built by `qsys2ts build` if that works, else the TS driver. */
async function qsysServer() {
  try {
    const file = join(tmp, "echo.mjs");
    execFileSync(process.execPath, [join(here, "../../bin/qsys2ts.mjs"), "build", join(here, "echo.lua"), "-o", file], { stdio: "ignore" });
    // Probe: an unwired compiler leaves the Q-SYS globals nil and the script fails at once.
    const probe = await startServer(file, [], { QSYS2TS_PORT_MAP: `7000=${await freePort()}` });
    probe.kill("SIGTERM");
    await new Promise((r) => probe.on("exit", r));
    return { file, label: "qsys2ts (echo.lua built)" };
  } catch {
    const file = join(tmp, "qsys-server.mjs");
    await build({ entryPoints: [join(here, "qsys-server.ts")], bundle: true, platform: "node", format: "esm", outfile: file, logLevel: "silent" });
    return { file, label: "qsys2ts runtime (qsys-server.ts)" };
  }
}

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

async function startServer(file, args, env) {
  const proc = spawn(process.execPath, [file, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "ignore"] });
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
  const server = kind.plain
    ? await startServer(join(here, "plain-server.mjs"), [String(port)], {})
    : await startServer(kind.file, [], { QSYS2TS_PORT_MAP: `7000=${port}` });
  await new Promise((r) => setTimeout(r, 200));
  const idle = rssKb(server.pid);
  let loaded = NaN;
  const load = fork(join(here, "load.mjs"), [String(port), String(conns), String(SECONDS)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  load.on("message", () => setTimeout(() => (loaded = rssKb(server.pid)), (SECONDS * 1000) / 2));
  let out = "";
  load.stdout.on("data", (d) => (out += d));
  await new Promise((r) => load.on("exit", r));
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
  const res = JSON.parse(out);
  return { ...res, kbPerConn: (loaded - idle) / conns };
}

const qsys = await qsysServer();
const kinds = [
  { name: "node:net", plain: true },
  { name: qsys.label, file: qsys.file },
];
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");
console.log(`line echo, ping-pong, ${SECONDS} s per run, Node ${process.version}`);
console.log("server".padEnd(34) + "conns".padStart(6) + "msgs/s".padStart(10) + "p50 ms".padStart(9) + "p99 ms".padStart(9) + "KB/conn".padStart(9) + "bad".padStart(5));
const results = {};
for (const conns of LEVELS) {
  for (const k of kinds) {
    const r = await measure(k, conns);
    (results[conns] ??= {})[k.name] = r;
    console.log(k.name.padEnd(34) + String(conns).padStart(6) + fmt(r.rate).padStart(10) + fmt(r.p50, 3).padStart(9) + fmt(r.p99, 3).padStart(9) + fmt(r.kbPerConn, 1).padStart(9) + String(r.bad).padStart(5));
  }
}
console.log("\nratios qsys2ts / node:net (throughput: higher is better; latency and memory: lower is better)");
for (const conns of LEVELS) {
  const p = results[conns]["node:net"];
  const q = results[conns][qsys.label];
  console.log(`  ${String(conns).padStart(4)} conns: throughput ${fmt(q.rate / p.rate, 2)}  p50 ${fmt(q.p50 / p.p50, 2)}  p99 ${fmt(q.p99 / p.p99, 2)}  memory/conn ${fmt(q.kbPerConn / p.kbPerConn, 2)}`);
}
