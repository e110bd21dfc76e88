// The runtime's own cost per socket event, without the network: echo.lua (compiled by
// qsys2ts, imported as ./__echo__.ts) and plain-server.mjs's handler each serve CONNS fake
// sockets that emit "data" events carrying one line, and write nothing anywhere. CPU time
// (not wall time) per event, best of ROUNDS: the machine's other load barely moves it,
// unlike the network figures. Bundled and run by run.mjs.
// Usage: node events.mjs [EVENTS=300000] [CONNS=1000] [ROUNDS=7]   prints one JSON line
import { EventEmitter } from "node:events";
import net from "node:net";
import main from "./__echo__.ts";

const EVENTS = Number(process.argv[2] ?? 300_000);
const CONNS = Number(process.argv[3] ?? 1000);
const ROUNDS = Number(process.argv[4] ?? 7);

/** Just enough of net.Socket for both servers: writes are counted, not sent. */
class FakeSocket extends EventEmitter {
  remoteAddress = "127.0.0.1";
  bytesWritten = 0;
  writableLength = 0;
  writable = true;
  setNoDelay(): this {
    return this;
  }
  write(s: string): boolean {
    this.bytesWritten += s.length;
    return true;
  }
  end(): void {}
  destroy(): void {}
  pause(): void {}
  resume(): void {}
}

const lines = Array.from({ length: 64 }, (_, i) => Buffer.from(`c1 m${i} ${"x".repeat(i % 40)}\n`, "latin1"));
const expectedBytes = (n: number): number => {
  let b = 0;
  for (let i = 0; i < n; i++) b += lines[i & 63].length + 5;
  return b;
};

function drive(socks: FakeSocket[]): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < EVENTS; i++) socks[i % socks.length].emit("data", lines[i & 63]);
  const c = process.cpuUsage(c0);
  const written = socks.reduce((a, s) => a + s.bytesWritten, 0);
  if (written !== expectedBytes(EVENTS)) throw new Error(`wrote ${written} bytes, expected ${expectedBytes(EVENTS)}`);
  return ((c.user + c.system) * 1000) / EVENTS;
}

/** plain-server.mjs's connection handler, verbatim. */
function plainConnection(sock: FakeSocket): void {
  let buf = "";
  sock.on("data", (chunk: Buffer) => {
    buf += chunk.toString("latin1");
    let out = "";
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      out += "echo:" + buf.slice(0, i) + "\n";
      buf = buf.slice(i + 1);
    }
    if (out !== "") sock.write(out);
  });
}

function plainRound(): number {
  const socks = Array.from({ length: CONNS }, () => new FakeSocket());
  socks.forEach(plainConnection);
  return drive(socks);
}

// echo.lua's top level runs once; its listener is caught so fake connections can be handed to it.
const createServer = net.createServer;
let listener: net.Server | undefined;
net.createServer = ((...args: Parameters<typeof createServer>) => (listener = createServer(...args))) as typeof createServer;
process.env.QSYS2TS_PORT_MAP = "7000=0";
main();
net.createServer = createServer;
if (listener === undefined) throw new Error("echo.lua opened no listener");
const server = listener;

function qsysRound(): number {
  const socks = Array.from({ length: CONNS }, () => new FakeSocket());
  for (const s of socks) server.emit("connection", s);
  const ns = drive(socks);
  for (const s of socks) s.emit("end");
  return ns;
}

const plain: number[] = [];
const qsys: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  plain.push(plainRound());
  qsys.push(qsysRound());
}
console.log(JSON.stringify({ plainNs: Math.min(...plain), qsysNs: Math.min(...qsys), events: EVENTS, conns: CONNS }));
process.exit(0);
