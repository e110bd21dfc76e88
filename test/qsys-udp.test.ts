// UdpSocket (qsys-api.md §5) against real node:dgram peers on 127.0.0.1: Open with and
// without a port, busy ports and bad addresses, datagrams both ways with Address/Port/Data,
// every byte value, empty and large datagrams, the Send limits, Data and EventHandler
// (decision 2), Close, the port maps, MulticastTtl, multicast and broadcast on the loopback,
// unknown members; and a built script running as a service.
import dgram from "node:dgram";
import { afterEach, describe, expect, test } from "vitest";
import { LuaError } from "../runtime/lua/errors.ts";
import type { LuaTable } from "../runtime/lua/table.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { localPort, UdpSocket, type UdpSocketObject } from "../runtime/qsys/index.ts";
import { runOurs } from "./helpers.ts";
import { captureStderr, get, killServices, m, make, set, sleep, startService, until } from "./qsys-helpers.ts";

/** A node:dgram socket standing in for a device; collects what it receives. */
interface Peer {
  sock: dgram.Socket;
  port: number;
  got: { data: string; address: string; port: number }[];
  send: (port: number, data: string) => Promise<void>;
}

const open: { close: () => void }[] = [];
const sockets: LuaValue[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) m(s, "Close");
  for (const p of open.splice(0)) p.close();
  killServices();
});

async function peer(address = "127.0.0.1"): Promise<Peer> {
  const sock = dgram.createSocket("udp4");
  open.push(sock);
  await new Promise<void>((r) => sock.bind(0, address, () => r()));
  const got: Peer["got"] = [];
  sock.on("message", (b, ri) => got.push({ data: b.toString("latin1"), address: ri.address, port: ri.port }));
  return {
    sock,
    port: sock.address().port,
    got,
    send: (port, data) =>
      new Promise((resolve, reject) => sock.send(Buffer.from(data, "latin1"), port, "127.0.0.1", (e) => (e ? reject(e) : resolve()))),
  };
}

/** A new UdpSocket, closed after the test. */
function udp(): LuaValue {
  const u = make(UdpSocket);
  sockets.push(u);
  return u;
}

/** A UDP port free on 127.0.0.1 right now (bound, read, released). */
async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Record packets handed to Data and EventHandler as [handler, Address, Port, Data]. */
function record(u: LuaValue, which: ("Data" | "EventHandler")[] = ["EventHandler"]): LuaValue[][] {
  const seen: LuaValue[][] = [];
  for (const h of which)
    set(u, h, (sock: LuaValue, p: LuaTable) => {
      expect(sock).toBe(u);
      seen.push([h, p.get("Address"), p.get("Port"), p.get("Data")]);
    });
  return seen;
}

function luaError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LuaError);
    return String((e as LuaError).value);
  }
  return "no error";
}

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

describe("Open", () => {
  test("without a port the system picks one, and datagrams to it arrive", async () => {
    const u = udp();
    const seen = record(u);
    m(u, "Open");
    const port = localPort(u as UdpSocketObject)!;
    expect(port).toBeGreaterThan(0);
    const p = await peer();
    await p.send(port, "hello");
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual(["EventHandler", "127.0.0.1", p.port, "hello"]);
  });
  test("with a local address and a port, it binds there", async () => {
    const port = await freeUdpPort();
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1", port);
    expect(localPort(u as UdpSocketObject)).toBe(port);
    const p = await peer();
    await p.send(port, "to the port");
    await until(() => seen.length === 1);
    expect(seen[0][3]).toBe("to the port");
  });
  test("nil address with a port binds all interfaces on that port", async () => {
    const port = await freeUdpPort();
    const u = udp();
    const seen = record(u);
    m(u, "Open", undefined, port);
    const p = await peer();
    await p.send(port, "x");
    await until(() => seen.length === 1);
    expect(seen[0][2]).toBe(p.port);
  });
  test("a busy port raises before Open returns, and nothing else follows", async () => {
    const busy = await peer();
    const err = captureStderr();
    try {
      const u = udp();
      expect(luaError(() => m(u, "Open", "127.0.0.1", busy.port))).toBe(`Could not bind to 127.0.0.1:${busy.port}: address already in use`);
      expect(luaError(() => m(u, "Open", undefined, busy.port))).toBe(`Could not bind to port ${busy.port}: address already in use`);
      // The socket stayed closed: Send says so.
      expect(luaError(() => m(u, "Send", "127.0.0.1", busy.port, "x"))).toBe("UdpSocket is not open");
      await sleep(30);
      expect(err.text()).toBe("");
    } finally {
      err.restore();
    }
  });
  test("an address of no local interface raises", () => {
    const u = udp();
    // 203.0.113.0/24 is TEST-NET-3: never an address of this machine.
    expect(luaError(() => m(u, "Open", "203.0.113.7", 0))).toBe("Could not bind to 203.0.113.7:0: address not available");
    expect(luaError(() => m(u, "Send", "127.0.0.1", 9, "x"))).toBe("UdpSocket is not open");
  });
  test("Open on an open socket moves it; Close frees the port", async () => {
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    const first = localPort(u as UdpSocketObject)!;
    const second = await freeUdpPort();
    m(u, "Open", "127.0.0.1", second);
    expect(localPort(u as UdpSocketObject)).toBe(second);
    // The first port is free again: another socket can take it.
    const other = udp();
    m(other, "Open", "127.0.0.1", first);
    m(u, "Close");
    m(other, "Open", "127.0.0.1", second);
    expect(localPort(other as UdpSocketObject)).toBe(second);
    expect(seen).toEqual([]);
  });
});

describe("Send and receive", () => {
  test("a datagram each way: the peer sees our port, we see its Address and Port", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    const mine = localPort(u as UdpSocketObject)!;
    m(u, "Send", "127.0.0.1", p.port, "ping");
    await until(() => p.got.length === 1);
    expect(p.got[0]).toEqual({ data: "ping", address: "127.0.0.1", port: mine });
    await p.send(mine, "pong");
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual(["EventHandler", "127.0.0.1", p.port, "pong"]);
  });
  test("all 256 byte values survive both ways", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "127.0.0.1", p.port, ALL_BYTES);
    await until(() => p.got.length === 1);
    expect(p.got[0].data).toBe(ALL_BYTES);
    const reversed = ALL_BYTES.split("").reverse().join("");
    await p.send(localPort(u as UdpSocketObject)!, reversed);
    await until(() => seen.length === 1);
    expect(seen[0][3]).toBe(reversed);
  });
  test("an empty datagram is a datagram, both ways", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "127.0.0.1", p.port, "");
    await until(() => p.got.length === 1);
    expect(p.got[0].data).toBe("");
    await p.send(localPort(u as UdpSocketObject)!, "");
    await until(() => seen.length === 1);
    expect(seen[0][3]).toBe("");
  });
  test("large datagrams arrive whole, one event each", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    // 65507 bytes: the largest UDP payload IPv4 carries.
    const big = ALL_BYTES.repeat(256).slice(0, 65507);
    m(u, "Send", "127.0.0.1", p.port, big);
    m(u, "Send", "127.0.0.1", p.port, "after");
    await until(() => p.got.length === 2);
    expect(p.got.map((g) => g.data.length)).toEqual([65507, 5]);
    expect(p.got[0].data).toBe(big);
    await p.send(localPort(u as UdpSocketObject)!, big);
    await p.send(localPort(u as UdpSocketObject)!, "x");
    await until(() => seen.length === 2);
    expect(seen[0][3]).toBe(big);
    expect(seen[1][3]).toBe("x");
  });
  test("Send raises when the socket is not open (never opened, or closed)", async () => {
    const p = await peer();
    const u = udp();
    expect(luaError(() => m(u, "Send", "127.0.0.1", p.port, "x"))).toBe("UdpSocket is not open");
    m(u, "Open", "127.0.0.1");
    m(u, "Close");
    expect(luaError(() => m(u, "Send", "127.0.0.1", p.port, "x"))).toBe("UdpSocket is not open");
    await sleep(30);
    expect(p.got).toEqual([]);
  });
  test("a host name is resolved, and datagrams still leave in Send order", async () => {
    const p = await peer();
    const u = udp();
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "localhost", p.port, "1");
    m(u, "Send", "127.0.0.1", p.port, "2");
    m(u, "Send", "localhost", p.port, "3");
    await until(() => p.got.length === 3);
    expect(p.got.map((g) => g.data)).toEqual(["1", "2", "3"]);
  });
  test("numbers are sent as their Lua string form", async () => {
    const p = await peer();
    const u = udp();
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "127.0.0.1", p.port, 42);
    await until(() => p.got.length === 1);
    expect(p.got[0].data).toBe("42");
  });
});

describe("handlers", () => {
  test("with Data and EventHandler both set, both run: Data first (decision 2)", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u, ["EventHandler", "Data"]);
    m(u, "Open", "127.0.0.1");
    await p.send(localPort(u as UdpSocketObject)!, "one");
    await p.send(localPort(u as UdpSocketObject)!, "two");
    await until(() => seen.length === 4);
    expect(seen).toEqual([
      ["Data", "127.0.0.1", p.port, "one"],
      ["EventHandler", "127.0.0.1", p.port, "one"],
      ["Data", "127.0.0.1", p.port, "two"],
      ["EventHandler", "127.0.0.1", p.port, "two"],
    ]);
  });
  test("Data alone is enough; handlers read back", async () => {
    const p = await peer();
    const u = udp();
    const seen = record(u, ["Data"]);
    expect(get(u, "EventHandler")).toBeUndefined();
    expect(typeof get(u, "Data")).toBe("function");
    m(u, "Open", "127.0.0.1");
    await p.send(localPort(u as UdpSocketObject)!, "d");
    await until(() => seen.length === 1);
    expect(seen[0][0]).toBe("Data");
  });
  test("an error in a handler is reported and later datagrams still arrive", async () => {
    const p = await peer();
    const u = udp();
    const got: string[] = [];
    set(u, "EventHandler", (_s: LuaValue, pk: LuaTable) => {
      const d = pk.get("Data") as string;
      if (d === "bad") m(u, "NoSuchMethod");
      got.push(d);
    });
    m(u, "Open", "127.0.0.1");
    const err = captureStderr();
    try {
      await p.send(localPort(u as UdpSocketObject)!, "bad");
      await until(() => err.text().includes("UdpSocket has no member 'NoSuchMethod'"));
      await p.send(localPort(u as UdpSocketObject)!, "good");
      await until(() => got.length === 1);
      expect(got).toEqual(["good"]);
    } finally {
      err.restore();
    }
  });
  test("Close stops delivery, also from inside a handler", async () => {
    const p = await peer();
    const u = udp();
    const got: string[] = [];
    set(u, "EventHandler", (_s: LuaValue, pk: LuaTable) => {
      got.push(pk.get("Data") as string);
      if (pk.get("Data") === "last") m(u, "Close");
    });
    m(u, "Open", "127.0.0.1");
    const port = localPort(u as UdpSocketObject)!;
    await p.send(port, "a");
    await p.send(port, "last");
    await until(() => got.length === 2);
    await p.send(port, "not delivered").catch(() => {});
    await sleep(100);
    expect(got).toEqual(["a", "last"]);
    // And after a Close from outside a handler.
    const v = udp();
    const seen = record(v);
    m(v, "Open", "127.0.0.1");
    const vp = localPort(v as UdpSocketObject)!;
    m(v, "Close");
    await p.send(vp, "nobody").catch(() => {});
    await sleep(100);
    expect(seen).toEqual([]);
  });
});

describe("port maps", () => {
  const saved = { port: process.env.QSYS2TS_PORT_MAP, connect: process.env.QSYS2TS_CONNECT_MAP };
  afterEach(() => {
    for (const [k, v] of [["QSYS2TS_PORT_MAP", saved.port], ["QSYS2TS_CONNECT_MAP", saved.connect]] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  test("QSYS2TS_PORT_MAP moves the port Open binds", async () => {
    const real = await freeUdpPort();
    process.env.QSYS2TS_PORT_MAP = `1720=${real}`;
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1", 1720);
    expect(localPort(u as UdpSocketObject)).toBe(real);
    const p = await peer();
    await p.send(real, "mapped");
    await until(() => seen.length === 1);
    expect(seen[0][3]).toBe("mapped");
  });
  test("QSYS2TS_CONNECT_MAP moves Send targets; replies read as from the named device", async () => {
    const dev = await peer();
    // 192.0.2.0/24 is TEST-NET-1: the script names a device that is really the local peer.
    process.env.QSYS2TS_CONNECT_MAP = `192.0.2.77:4352=127.0.0.1:${dev.port}`;
    const u = udp();
    const seen = record(u);
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "192.0.2.77", 4352, "%1POWR ?\r");
    await until(() => dev.got.length === 1);
    expect(dev.got[0].data).toBe("%1POWR ?\r");
    await dev.send(localPort(u as UdpSocketObject)!, "%1POWR=1\r");
    await until(() => seen.length === 1);
    expect(seen[0]).toEqual(["EventHandler", "192.0.2.77", 4352, "%1POWR=1\r"]);
  });
  test("a port-only connect map entry applies to any host", async () => {
    const dev = await peer();
    process.env.QSYS2TS_CONNECT_MAP = `9=${dev.port}`;
    const u = udp();
    m(u, "Open", "127.0.0.1");
    m(u, "Send", "127.0.0.1", 9, "magic");
    await until(() => dev.got.length === 1);
    expect(dev.got[0].data).toBe("magic");
  });
});

describe("multicast and broadcast", () => {
  test("MulticastTtl: default 1, 0 to 255, settable before and after Open", () => {
    const u = udp();
    expect(get(u, "MulticastTtl")).toBe(1);
    set(u, "MulticastTtl", 0);
    expect(get(u, "MulticastTtl")).toBe(0);
    m(u, "Open", "127.0.0.1");
    set(u, "MulticastTtl", 255);
    expect(get(u, "MulticastTtl")).toBe(255);
    set(u, "MulticastTtl", "16");
    expect(get(u, "MulticastTtl")).toBe(16);
    for (const bad of [256, -1])
      expect(luaError(() => set(u, "MulticastTtl", bad))).toBe(
        `bad value for UdpSocket.MulticastTtl (integer from 0 to 255 expected, got ${bad})`,
      );
    expect(luaError(() => set(u, "MulticastTtl", "many"))).toBe("bad value for UdpSocket.MulticastTtl (number expected, got string)");
    expect(luaError(() => set(u, "MulticastTtl", undefined))).toBe("bad value for UdpSocket.MulticastTtl (number expected, got nil)");
    expect(get(u, "MulticastTtl")).toBe(16);
  });
  test("JoinMulticast on the loopback: a group datagram arrives", async () => {
    const port = await freeUdpPort();
    const rx = udp();
    const seen = record(rx);
    // Joined before Open: remembered, joined when the socket opens.
    m(rx, "JoinMulticast", "239.255.77.1", "127.0.0.1");
    m(rx, "Open", undefined, port);
    m(rx, "JoinMulticast", "239.255.77.2", "127.0.0.1");
    const tx = udp();
    // Bound to 127.0.0.1, group datagrams leave through the loopback.
    m(tx, "Open", "127.0.0.1");
    m(tx, "Send", "239.255.77.1", port, "group one");
    m(tx, "Send", "239.255.77.2", port, "group two");
    await until(() => seen.length === 2);
    expect(seen.map((s) => s[3]).sort()).toEqual(["group one", "group two"]);
    expect(seen[0][1]).toBe("127.0.0.1");
  });
  test("a Wake-on-LAN magic packet to 255.255.255.255 goes out (broadcast allowed)", async () => {
    // Broadcasts reach sockets bound to all interfaces; the sender is bound to 127.0.0.1,
    // so the datagram stays on the loopback.
    const rx = await peer("0.0.0.0");
    const u = udp();
    m(u, "Open", "127.0.0.1");
    const mac = "\x00\x11\x22\x33\x44\x55";
    const magic = "\xff".repeat(6) + mac.repeat(16);
    m(u, "Send", "255.255.255.255", rx.port, magic);
    await until(() => rx.got.length === 1);
    expect(rx.got[0].data).toBe(magic);
    expect(rx.got[0].data.length).toBe(102);
  });
});

describe("errors at Lua call sites", () => {
  // Argument numbers follow lauxlib's rule for methods (a colon call counts from the first
  // explicit argument), as the TcpSocket errors do (qsys-script.test.ts).
  test("bad addresses, ports, sizes, self and unknown members name the line", async () => {
    const r = await runOurs(
      `local function e(f) print(select(2, pcall(f))) end
local u = UdpSocket.New()
e(function() u:Open("1.2.3") end)
e(function() u:Open("300.1.1.1", 5000) end)
e(function() u:Open("::1") end)
e(function() u:Open("127.0.0.1", 65536) end)
e(function() u:Open("127.0.0.1", "x") end)
e(function() u:Send("127.0.0.1", 9, "x") end)
u:Open("127.0.0.1")
e(function() u:Send("127.0.0.1", 9, string.rep("x", 65536)) end)
e(function() u:Send("999.1.1.1", 9, "x") end)
e(function() u:Send("", 9, "x") end)
e(function() u:Send("127.0.0.1", 0, "x") end)
e(function() u:Send("127.0.0.1", 65536, "x") end)
e(function() u:Send("127.0.0.1", 9) end)
e(function() u:Send("127.0.0.1") end)
e(function() u:Send("127.0.0.1", 9, {}) end)
e(function() u.Send("127.0.0.1", 9, "x") end)
e(function() u:JoinMulticast("10.0.0.1") end)
e(function() u:JoinMulticast("240.0.0.1") end)
e(function() u:JoinMulticast() end)
e(function() u:JoinMulticast("239.1.1.1", "x") end)
e(function() return u.IsConnected end)
e(function() u.Timeout = 1 end)
e(function() u:Write("x") end)
e(function() return UdpSocket.Open end)
e(function() u.MulticastTtl = 256 end)
e(function() u.MulticastTtl = 1.5 end)
e(function() u.MulticastTtl = "many" end)
print(tostring(u):match("^UdpSocket: ") ~= nil, type(UdpSocket:New()), u.MulticastTtl)
u:Close()
`,
      "udpargs.lua",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "udpargs.lua:3: bad argument #1 to 'Open' (invalid IP address '1.2.3')",
        "udpargs.lua:4: bad argument #1 to 'Open' (invalid IP address '300.1.1.1')",
        "udpargs.lua:5: bad argument #1 to 'Open' (invalid IP address '::1')",
        "udpargs.lua:6: bad argument #2 to 'Open' (port out of range)",
        "udpargs.lua:7: bad argument #2 to 'Open' (number expected, got string)",
        "udpargs.lua:8: UdpSocket is not open",
        "udpargs.lua:10: bad argument #3 to 'Send' (data too long (65536 bytes, at most 65535))",
        "udpargs.lua:11: bad argument #1 to 'Send' (invalid IP address '999.1.1.1')",
        "udpargs.lua:12: bad argument #1 to 'Send' (IP address expected, got empty string)",
        "udpargs.lua:13: bad argument #2 to 'Send' (port out of range)",
        "udpargs.lua:14: bad argument #2 to 'Send' (port out of range)",
        "udpargs.lua:15: bad argument #3 to 'Send' (string expected, got no value)",
        "udpargs.lua:16: bad argument #2 to 'Send' (number expected, got no value)",
        "udpargs.lua:17: bad argument #3 to 'Send' (string expected, got table)",
        "udpargs.lua:18: bad argument #1 to 'Send' (UdpSocket expected, got string)",
        "udpargs.lua:19: bad argument #1 to 'JoinMulticast' (multicast address expected, got '10.0.0.1')",
        "udpargs.lua:20: bad argument #1 to 'JoinMulticast' (multicast address expected, got '240.0.0.1')",
        "udpargs.lua:21: bad argument #1 to 'JoinMulticast' (string expected, got no value)",
        "udpargs.lua:22: bad argument #2 to 'JoinMulticast' (invalid IP address 'x')",
        "udpargs.lua:23: UdpSocket has no member 'IsConnected'",
        "udpargs.lua:24: UdpSocket has no member 'Timeout'",
        "udpargs.lua:25: UdpSocket has no member 'Write'",
        "udpargs.lua:26: UdpSocket has no member 'Open'",
        "udpargs.lua:27: bad value for UdpSocket.MulticastTtl (integer from 0 to 255 expected, got 256)",
        "udpargs.lua:28: bad value for UdpSocket.MulticastTtl (integer from 0 to 255 expected, got 1.5)",
        "udpargs.lua:29: bad value for UdpSocket.MulticastTtl (number expected, got string)",
        "true\tuserdata\t1",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });
});

describe("a built script as a service", () => {
  test("an open socket keeps the script running; once closed, the process ends by itself", async () => {
    const port = await freeUdpPort();
    const r = await runOurs(
      `rx = UdpSocket.New()
rx:Open("127.0.0.1", 1720)
tx = UdpSocket.New()
tx:Open("127.0.0.1")
rx.Data = function(sock, packet)
  print("got", #packet.Data, packet.Data:byte(1), packet.Data:byte(-1), packet.Address)
  sock:Close()
  tx:Close()
end
Timer.CallAfter(function() tx:Send("127.0.0.1", 1720, "\\0 ok \\255") end, 0.05)
print("top level done")
`,
      "selfclose.lua",
      { QSYS2TS_PORT_MAP: `1720=${port}`, QSYS2TS_CONNECT_MAP: `1720=${port}` },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("top level done\ngot\t6\t0\t255\t127.0.0.1\n");
    expect(r.status).toBe(0);
  });

  const SCRIPT = [
    "udp = UdpSocket.New()",
    "udp.Data = function(sock, packet)",
    '  if packet.Data == "crash" then local t = nil; return t.x end',
    '  if packet.Data == "big" then sock:Send(packet.Address, packet.Port, string.rep("b", 65535)) return end',
    '  sock:Send(packet.Address, packet.Port, "echo:" .. packet.Data .. ":" .. packet.Port)',
    "end",
    "udp:Open(nil, 1720)",
    'print("open")',
  ].join("\n");

  test("keeps running on the mapped port through a handler error; SIGTERM exits 0", async () => {
    const port = await freeUdpPort();
    const svc = await startService(SCRIPT, "udp.lua", { QSYS2TS_PORT_MAP: `1720=${port}` });
    await until(() => svc.out().includes("open\n"), 10000, "open");
    const p = await peer();
    await p.send(port, "a");
    await until(() => p.got.length === 1, 5000, "echo a");
    expect(p.got[0].data).toBe(`echo:a:${p.port}`);
    await p.send(port, "crash");
    await until(() => svc.err().includes("udp.lua:3: attempt to index a nil value (local 't')"), 5000, "error report");
    // 65535 bytes pass Send's check but exceed what IPv4 carries: reported, not fatal.
    await p.send(port, "big");
    await until(() => svc.err().includes("message too long"), 5000, "send failure report");
    await p.send(port, "b");
    await until(() => p.got.length === 2, 5000, "echo b");
    expect(p.got[1].data).toBe(`echo:b:${p.port}`);
    expect(await svc.stop()).toBe(0);
  });
});
