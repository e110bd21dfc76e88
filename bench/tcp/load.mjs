// Load generator: CONNS connections, each sending a line and waiting for its echo
// (ping-pong), for SECONDS. Checks every byte of every reply. Prints one JSON line:
// { msgs, rate, p50, p99, bad } with latencies in milliseconds.
// Usage: node load.mjs PORT CONNS SECONDS
import net from "node:net";

const [port, conns, seconds] = process.argv.slice(2).map(Number);
const lat = [];
let msgs = 0;
let bad = 0;
let running = true;
let connected = 0;

function client(id) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: "127.0.0.1", noDelay: true });
    let seq = 0;
    let sent = 0;
    let expect = "";
    let buf = "";
    const send = () => {
      expect = `echo:c${id} m${seq} ${"x".repeat(seq % 40)}\n`;
      sent = performance.now();
      s.write(expect.slice(5));
    };
    s.on("connect", () => {
      connected++;
      resolve(s);
    });
    s.on("data", (d) => {
      buf += d.toString("latin1");
      if (buf.length < expect.length) return;
      if (buf !== expect) bad++;
      buf = "";
      lat.push(performance.now() - sent);
      msgs++;
      seq++;
      if (running) send();
    });
    s.on("error", () => bad++);
    s.start = send;
  });
}

const socks = [];
for (let i = 0; i < conns; i++) socks.push(await client(i));
process.send?.({ connected });
const t0 = performance.now();
for (const s of socks) s.start();
setTimeout(() => {
  running = false;
  const dt = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  console.log(JSON.stringify({ msgs, rate: msgs / dt, p50: q(0.5), p99: q(0.99), bad }));
  for (const s of socks) s.destroy();
  process.exit(0);
}, seconds * 1000);
