// Client TcpSockets against real node:net "devices" on 127.0.0.1: Connect and its events,
// reconnect cycles, failures, timeouts, Disconnect, and the connect map.
import net from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { NONE } from "../runtime/lua/call.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { TcpSocket } from "../runtime/qsys/index.ts";
import { device, freePort, get, m, make, set, sleep, until } from "./qsys-helpers.ts";

const Lf = get(get(TcpSocket, "EOL"), "Lf");
const open: LuaValue[] = [];
const servers: net.Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) m(s, "Disconnect");
  for (const s of servers.splice(0)) s.close();
});

/** A client socket recording "EVENT" or "EVENT:err" for each EventHandler call. */
function client(setup?: (s: LuaValue) => void): { sock: LuaValue; events: string[] } {
  const sock = make(TcpSocket);
  open.push(sock);
  const events: string[] = [];
  set(sock, "EventHandler", (_s: LuaValue, ev: string, err?: string) => events.push(err === undefined ? ev : `${ev}:${err}`));
  setup?.(sock);
  return { sock, events };
}

async function dev(on: Parameters<typeof device>[0] = () => {}) {
  const d = await device(on);
  servers.push(d.server);
  return d;
}

describe("connect", () => {
  test("Connected, then Data; writes reach the device; IsConnected follows", async () => {
    const d = await dev((p) => p.write("hello\n"));
    const { sock, events } = client();
    expect(m(sock, "Connect", "127.0.0.1", d.port)).toBe(NONE); // returns nothing
    expect(get(sock, "IsConnected")).toBe(false);
    expect(() => m(sock, "Write", "early")).toThrow("TcpSocket is not connected");
    await until(() => events.includes("DATA"));
    expect(events).toEqual(["CONNECTED", "DATA"]);
    expect(get(sock, "IsConnected")).toBe(true);
    expect(get(sock, "PeerAddress")).toBe("");
    expect(m(sock, "ReadLine", Lf)).toBe("hello");
    m(sock, "Write", "answer\r\n");
    await d.peers[0].waitFor("answer\r\n");
  });
  test("per-event callbacks get their documented arguments", async () => {
    const d = await dev((p) => {
      p.write("x");
      setTimeout(() => p.sock.end(), 30);
    });
    const calls: LuaValue[][] = [];
    const sock = make(TcpSocket);
    open.push(sock);
    set(sock, "ReconnectTimeout", 0);
    for (const k of ["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"])
      set(sock, k, (...args: LuaValue[]) => calls.push([k, args.length, args[0] === sock]));
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => calls.length === 3);
    expect(calls).toEqual([
      ["Connected", 1, true],
      ["Data", 1, true],
      ["Closed", 1, true],
    ]);
  });
  test("Error and Timeout callbacks: Error(sock, err), Timeout(sock)", async () => {
    const port = await freePort();
    const calls: LuaValue[][] = [];
    const record = (k: string) => (...args: LuaValue[]) => calls.push([k, args.length, args[0] === sock, ...args.slice(1)]);
    const sock = make(TcpSocket);
    open.push(sock);
    set(sock, "ReconnectTimeout", 0);
    set(sock, "Error", record("Error"));
    set(sock, "Timeout", record("Timeout"));
    m(sock, "Connect", "127.0.0.1", port);
    await until(() => calls.length === 1);
    const d = await dev();
    set(sock, "ReadTimeout", 0.05);
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => calls.length === 2);
    expect(calls).toEqual([
      ["Error", 2, true, ""],
      ["Timeout", 1, true],
    ]);
  });
  test("ReconnectTimeout defaults to 5 s: the first retry comes 5 s after a failure", async () => {
    const port = await freePort();
    // Only the runtime's own timers are faked; the socket I/O stays real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { sock, events } = client();
      m(sock, "Connect", "127.0.0.1", port);
      for (let i = 0; i < 100000 && events.length === 0; i++) await new Promise((r) => setImmediate(r));
      expect(events).toEqual(["ERROR:"]);
      vi.advanceTimersByTime(4990);
      expect(events).toEqual(["ERROR:"]);
      vi.advanceTimersByTime(10);
      expect(events).toEqual(["ERROR:", "RECONNECT"]);
      m(sock, "Disconnect");
    } finally {
      vi.useRealTimers();
    }
  });
  test("Disconnect during the reconnect wait stops the retries", async () => {
    const port = await freePort();
    const { sock, events } = client((s) => set(s, "ReconnectTimeout", 0.05));
    m(sock, "Connect", "127.0.0.1", port);
    await until(() => events.length === 1);
    m(sock, "Disconnect");
    await sleep(200);
    expect(events).toEqual(["ERROR:"]);
  });
  test("a refused connect raises Error with an empty text, then reconnects every ReconnectTimeout", async () => {
    const port = await freePort();
    const { sock, events } = client((s) => set(s, "ReconnectTimeout", 0.05));
    m(sock, "Connect", "127.0.0.1", port);
    await until(() => events.length >= 5);
    expect(events.slice(0, 5)).toEqual(["ERROR:", "RECONNECT", "ERROR:", "RECONNECT", "ERROR:"]);
    // Bring the device up: the next attempt connects.
    const d = net.createServer();
    servers.push(d);
    await new Promise<void>((r) => d.listen(port, "127.0.0.1", () => r()));
    await until(() => events.includes("CONNECTED"), 2000);
    expect(events.at(-2)).toBe("RECONNECT");
    expect(get(sock, "IsConnected")).toBe(true);
  });
  test("an unknown host name gives the getaddrinfo text", async () => {
    const { sock, events } = client((s) => set(s, "ReconnectTimeout", 0));
    m(sock, "Connect", "nonexistent.invalid", 80);
    await until(() => events.length === 1, 10000);
    expect(events).toEqual(["ERROR:nodename nor servname provided, or not known"]);
  });
  test("reconnect cycles: device closes, client gets Closed, Reconnect, Connected again", async () => {
    let n = 0;
    const d = await dev((p) => {
      n++;
      p.write(`session ${n}\n`);
      setTimeout(() => p.sock.end(), 20);
    });
    const lines: string[] = [];
    const { sock, events } = client((s) => {
      set(s, "ReconnectTimeout", 0.03);
      set(s, "Data", (x: LuaValue) => lines.push(m(x, "ReadLine", Lf)));
    });
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => lines.length === 3, 3000);
    expect(lines).toEqual(["session 1", "session 2", "session 3"]);
    const cycle = ["CONNECTED", "DATA", "EOF", "RECONNECT"];
    expect(events.slice(0, 8)).toEqual([...cycle, ...cycle]);
  });
  test("ReconnectTimeout 0 disables reconnecting", async () => {
    const d = await dev((p) => p.sock.end());
    const { sock, events } = client((s) => set(s, "ReconnectTimeout", 0));
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.includes("EOF"));
    await sleep(100);
    expect(events).toEqual(["CONNECTED", "EOF"]);
    expect(d.peers).toHaveLength(1);
  });
  test("Disconnect: no event, no reconnect, pending writes flushed", async () => {
    const d = await dev();
    const { sock, events } = client((s) => set(s, "ReconnectTimeout", 0.02));
    set(sock, "Connected", (s: LuaValue) => {
      m(s, "Write", "last words");
      m(s, "Disconnect");
    });
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => d.peers.length === 1 && d.peers[0].closed());
    expect(d.peers[0].received()).toBe("last words");
    await sleep(100);
    expect(events).toEqual(["CONNECTED"]);
    expect(d.peers).toHaveLength(1);
    expect(get(sock, "IsConnected")).toBe(false);
  });
  test("Connect on a connected socket replaces the connection silently", async () => {
    const d = await dev();
    const { sock, events } = client();
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.length === 1);
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.length === 2 && d.peers.length === 2 && d.peers[0].closed());
    expect(events).toEqual(["CONNECTED", "CONNECTED"]);
  });
});

describe("timeouts", () => {
  test("ReadTimeout: a silent device gives Timeout (no Closed), then the client reconnects", async () => {
    const d = await dev();
    const { sock, events } = client((s) => {
      set(s, "ReadTimeout", 0.1);
      set(s, "ReconnectTimeout", 0.05);
    });
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.filter((e) => e === "CONNECTED").length === 2, 3000);
    expect(events.slice(0, 4)).toEqual(["CONNECTED", "TIMEOUT", "RECONNECT", "CONNECTED"]);
    await until(() => d.peers[0].closed());
  });
  test("WriteTimeout: a device that stops reading gives Timeout", async () => {
    const d = await dev((p) => p.sock.pause());
    const { sock, events } = client((s) => {
      set(s, "WriteTimeout", 0.15);
      set(s, "ReconnectTimeout", 0);
    });
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.length === 1);
    const chunk = "w".repeat(1 << 20);
    // Far more than the socket buffers of both ends hold.
    for (let i = 0; i < 64; i++) m(sock, "Write", chunk);
    await until(() => events.length === 2, 3000);
    expect(events).toEqual(["CONNECTED", "TIMEOUT"]);
    expect(get(sock, "IsConnected")).toBe(false);
  });
  test("WriteTimeout does not fire while writes complete", async () => {
    const d = await dev((p) => p.sock.on("data", () => {}));
    const { sock, events } = client((s) => set(s, "WriteTimeout", 0.05));
    m(sock, "Connect", "127.0.0.1", d.port);
    await until(() => events.length === 1);
    for (let i = 0; i < 10; i++) {
      m(sock, "Write", "tick\n");
      await sleep(20);
    }
    await sleep(100);
    expect(events).toEqual(["CONNECTED"]);
  });
});

describe("connect map", () => {
  test("QSYS2TS_CONNECT_MAP redirects by port and by host:port", async () => {
    const a = await dev((p) => p.write("A"));
    const b = await dev((p) => p.write("B"));
    process.env.QSYS2TS_CONNECT_MAP = `14352=${a.port}, 10.1.2.3:23=127.0.0.1:${b.port}`;
    try {
      const got: string[] = [];
      const onData = (s: LuaValue) => got.push(m(s, "Read", 10));
      const c1 = client((s) => set(s, "Data", onData));
      const c2 = client((s) => set(s, "Data", onData));
      m(c1.sock, "Connect", "127.0.0.1", 14352);
      m(c2.sock, "Connect", "10.1.2.3", 23);
      await until(() => got.length === 2);
      expect(got.sort()).toEqual(["A", "B"]);
    } finally {
      delete process.env.QSYS2TS_CONNECT_MAP;
    }
  });
});
