// SerialPorts (qsys-api.md §2.5) through the `tcp:HOST:PORT` backend: a node:net server on
// 127.0.0.1 plays the serial device server. The table and its constants, Open and its
// events, the receive buffer API over real packets, binary bytes, the link dropping and
// failing, Close. Expectations come from qsys-api.md (§2.1–2.5 and §7 decisions 1–5, 8).
import net from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { NONE } from "../runtime/lua/call.ts";
import { len } from "../runtime/lua/concat.ts";
import { index } from "../runtime/lua/index-ops.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { loadSerialPorts, SerialPorts } from "../runtime/qsys/index.ts";
import { device, freePort, get, m, set, sleep, until, type Peer } from "./qsys-helpers.ts";

const Events = get(SerialPorts, "Events");
const EOL = get(SerialPorts, "EOL");
const servers: net.Server[] = [];

/** Point the ports at `map` (QSYS2TS_SERIAL_PORTS text), reconnecting after 50 ms. */
function mapPorts(map: string): void {
  process.env.QSYS2TS_SERIAL_PORTS = map;
  loadSerialPorts();
}

beforeEach(() => {
  process.env.QSYS2TS_SERIAL_RECONNECT = "0.05";
});
afterEach(() => {
  mapPorts(""); // closes every port of the test
  delete process.env.QSYS2TS_SERIAL_PORTS;
  delete process.env.QSYS2TS_SERIAL_RECONNECT;
  for (const s of servers.splice(0)) s.close();
});

async function dev(on: (p: Peer) => void = () => {}) {
  const d = await device(on);
  servers.push(d.server);
  return d;
}

/** SerialPorts[1] mapped to a device server on `port`, recording "EVENT" / "EVENT:msg". */
function port1(port: number): { p: LuaValue; events: string[] } {
  mapPorts(`1=tcp:127.0.0.1:${port}`);
  const p = index(SerialPorts, 1);
  const events: string[] = [];
  set(p, "EventHandler", (_p: LuaValue, ev: string, msg?: string) => events.push(msg === undefined ? ev : `${ev}:${msg}`));
  return { p, events };
}

describe("the SerialPorts table", () => {
  test("one port per mapped number; other numbers are nil; # counts them", () => {
    mapPorts("1=tcp:127.0.0.1:4001, 2=/dev/ttyUSB0");
    expect(len(SerialPorts)).toBe(2);
    expect(index(SerialPorts, 1)).not.toBe(index(SerialPorts, 2));
    expect(get(index(SerialPorts, 1), "IsOpen")).toBe(false);
    expect(get(index(SerialPorts, 2), "BufferLength")).toBe(0);
    expect(index(SerialPorts, 3)).toBeUndefined();
    expect(index(SerialPorts, 0)).toBeUndefined();
    mapPorts("");
    expect(len(SerialPorts)).toBe(0);
    expect(index(SerialPorts, 1)).toBeUndefined();
  });
  test("Events and EOL carry TcpSocket's names and values (decision 8)", () => {
    const ev = ["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"].map((k) => get(Events, k));
    expect(ev).toEqual(["CONNECTED", "RECONNECT", "DATA", "EOF", "ERROR", "TIMEOUT"]);
    const eol = ["Any", "CrLf", "CrLfStrict", "Lf", "Null", "Custom"].map((k) => get(EOL, k));
    expect(eol).toEqual([0, 1, 2, 3, 4, 5]);
  });
  test("unknown names are errors: on the table, its constants and a port", () => {
    mapPorts("1=tcp:127.0.0.1:4001");
    expect(() => get(SerialPorts, "Event")).toThrow("SerialPorts has no member 'Event'");
    expect(() => get(EOL, "Crlf")).toThrow("SerialPorts.EOL has no member 'Crlf'");
    const p = index(SerialPorts, 1);
    expect(() => get(p, "IsConnected")).toThrow("SerialPort has no member 'IsConnected'");
    expect(() => set(p, "IsOpen", true)).toThrow("SerialPort member 'IsOpen' is read-only");
  });
  test("a malformed map is a Lua error naming the entry, raised where a port is looked up", () => {
    for (const bad of ["1=ttyUSB0", "1=tcp:host", "1=tcp::4001", "x=/dev/ttyS0", "0=/dev/ttyS0", "1=/dev/a,1=/dev/b", "1"]) {
      mapPorts(bad);
      expect(() => index(SerialPorts, 1), bad).toThrow(/^invalid QSYS2TS_SERIAL_PORTS entry '/);
      expect(() => len(SerialPorts), bad).toThrow("invalid QSYS2TS_SERIAL_PORTS entry");
    }
    mapPorts("2=tcp:[::1]:4001");
    expect(index(SerialPorts, 2)).toBeDefined();
  });
});

describe("Open and the events", () => {
  test("Connected, then Data; IsOpen follows; Write before the link is up raises", async () => {
    const d = await dev((p) => p.write("READY\r"));
    const { p, events } = port1(d.port);
    expect(() => m(p, "Write", "x")).toThrow("SerialPort is not open");
    expect(m(p, "Open", 9600)).toBe(NONE); // returns nothing
    expect(() => m(p, "Write", "early")).toThrow("SerialPort is not open");
    await until(() => events.includes("DATA"));
    expect(events).toEqual(["CONNECTED", "DATA"]);
    expect(get(p, "IsOpen")).toBe(true);
    expect(get(p, "BufferLength")).toBe(6);
    expect(m(p, "ReadLine", get(EOL, "Any"))).toBe("READY");
    m(p, "Write", "POWR1   \r");
    await d.peers[0].waitFor("POWR1   \r");
  });
  test("per-event callbacks get their documented arguments; the callback runs before EventHandler", async () => {
    const d = await dev((p) => {
      p.write("x");
      setTimeout(() => p.sock.end(), 30);
    });
    process.env.QSYS2TS_SERIAL_RECONNECT = "0";
    const { p, events } = port1(d.port);
    const calls: LuaValue[][] = [];
    for (const k of ["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"])
      set(p, k, (...args: LuaValue[]) => {
        calls.push([k, args.length, args[0] === p]);
        events.push(`cb ${k}`);
      });
    m(p, "Open", 115200);
    await until(() => calls.length === 3);
    expect(calls).toEqual([
      ["Connected", 1, true],
      ["Data", 1, true],
      ["Closed", 1, true],
    ]);
    expect(events).toEqual(["cb Connected", "CONNECTED", "cb Data", "DATA", "cb Closed", "EOF"]);
  });
  test("Error(port, msg) and EventHandler(port, event, msg) when the device server refuses", async () => {
    const port = await freePort();
    process.env.QSYS2TS_SERIAL_RECONNECT = "0";
    const { p, events } = port1(port);
    const calls: LuaValue[][] = [];
    set(p, "Error", (...args: LuaValue[]) => calls.push([args.length, args[0] === p, args[1]]));
    m(p, "Open", 9600);
    await until(() => events.length === 1);
    const msg = `tcp:127.0.0.1:${port}: connection refused`;
    expect(calls).toEqual([[2, true, msg]]);
    expect(events).toEqual([`ERROR:${msg}`]);
    expect(get(p, "IsOpen")).toBe(false);
  });
  test("a refused link is tried again after the reconnect delay, each attempt announced; Close stops it", async () => {
    const port = await freePort();
    const { p, events } = port1(port);
    m(p, "Open", 9600);
    await until(() => events.length >= 5);
    const err = `ERROR:tcp:127.0.0.1:${port}: connection refused`;
    expect(events.slice(0, 5)).toEqual([err, "RECONNECT", err, "RECONNECT", err]);
    // The device server comes up: the next attempt connects.
    const s = net.createServer();
    servers.push(s);
    await new Promise<void>((r) => s.listen(port, "127.0.0.1", () => r()));
    await until(() => events.includes("CONNECTED"), 3000);
    expect(events.at(-2)).toBe("RECONNECT");
    m(p, "Close");
    const n = events.length;
    await sleep(200);
    expect(events.length).toBe(n);
  });
  test("the device server dropping the link: Closed (buffered bytes still readable), then Reconnect and Connected", async () => {
    let n = 0;
    const d = await dev((peer) => {
      n++;
      peer.write(`session ${n}\n`);
      setTimeout(() => peer.sock.end(), 20);
    });
    const { p, events } = port1(d.port);
    const lines: LuaValue[] = [];
    set(p, "Closed", (x: LuaValue) => lines.push(get(x, "IsOpen"), m(x, "ReadLine", get(EOL, "Lf"))));
    m(p, "Open", 9600);
    await until(() => lines.length === 6, 5000);
    expect(lines).toEqual([false, "session 1", false, "session 2", false, "session 3"]);
    expect(events.slice(0, 8)).toEqual(["CONNECTED", "DATA", "EOF", "RECONNECT", "CONNECTED", "DATA", "EOF", "RECONNECT"]);
  });
  test("Close: no event, no reconnect, written bytes flushed; Write afterwards raises", async () => {
    const d = await dev();
    const { p, events } = port1(d.port);
    set(p, "Connected", (x: LuaValue) => {
      m(x, "Write", "last words");
      m(x, "Close");
    });
    m(p, "Open", 9600);
    await until(() => d.peers.length === 1 && d.peers[0].closed());
    expect(d.peers[0].received()).toBe("last words");
    await sleep(150);
    expect(events).toEqual(["CONNECTED"]);
    expect(d.peers).toHaveLength(1);
    expect(get(p, "IsOpen")).toBe(false);
    expect(() => m(p, "Write", "x")).toThrow("SerialPort is not open");
  });
  test("Open on an open port reopens it without an event", async () => {
    const d = await dev();
    const { p, events } = port1(d.port);
    m(p, "Open", 9600);
    await until(() => events.length === 1);
    m(p, "Open", 19200, 8, "E", 1);
    await until(() => events.length === 2 && d.peers.length === 2 && d.peers[0].closed());
    expect(events).toEqual(["CONNECTED", "CONNECTED"]);
  });
});

/** A port connected to a device server; `send` writes bytes and waits until Data saw them. */
async function linked(onData: (p: LuaValue) => void = () => {}) {
  const d = await dev();
  const { p } = port1(d.port);
  let dataEvents = 0;
  set(p, "Data", (x: LuaValue) => {
    dataEvents++;
    onData(x);
  });
  m(p, "Open", 9600);
  await until(() => get(p, "IsOpen") === true && d.peers.length === 1);
  const peer = d.peers[0];
  return {
    p,
    peer,
    send: async (bytes: string) => {
      const before = dataEvents;
      peer.write(bytes);
      await until(() => dataEvents > before, 3000, `Data after ${JSON.stringify(bytes)}`);
    },
  };
}

describe("the receive buffer over real packets", () => {
  // Lines each mode must yield (qsys-api.md §2.3 EOL table, decision 4), and what stays.
  const cases: { mode: string; custom?: string; text: string; lines: string[]; rest: string }[] = [
    { mode: "Any", text: "a\r\n\r\nb\r", lines: ["a", "b"], rest: "" },
    { mode: "Any", text: "\rPWR=1\rVOL=20\n", lines: ["PWR=1", "VOL=20"], rest: "" },
    { mode: "CrLf", text: "a\r\nb\nc\rd", lines: ["a", "b"], rest: "c\rd" },
    { mode: "CrLfStrict", text: "a\r\nb\nc\r\n", lines: ["a", "b\nc"], rest: "" },
    { mode: "Lf", text: "a\r\nb\n", lines: ["a\r", "b"], rest: "" },
    { mode: "Null", text: "x\0\0y", lines: ["x", ""], rest: "y" },
    { mode: "Custom", custom: "\x03", text: "\x02>PLY\x03\x02>STP\x03", lines: ["\x02>PLY", "\x02>STP"], rest: "" },
    { mode: "Custom", custom: "\r\n\r\n", text: "A: b\r\n\r\nc\r\n\r", lines: ["A: b"], rest: "c\r\n\r" },
  ];
  test("ReadLine in every EOL mode, the bytes split at every position", async () => {
    let mode = 0;
    let custom: string | undefined;
    const lines: string[] = [];
    const { p, send } = await linked((x) => {
      for (let l = m(x, "ReadLine", mode, custom); l !== undefined; l = m(x, "ReadLine", mode, custom)) lines.push(l);
    });
    for (const c of cases) {
      mode = get(EOL, c.mode);
      custom = c.custom;
      const splits: string[][] = [];
      for (let i = 0; i <= c.text.length; i++) splits.push([c.text.slice(0, i), c.text.slice(i)].filter((s) => s !== ""));
      splits.push([...c.text]);
      for (const chunks of splits) {
        lines.length = 0;
        for (const chunk of chunks) await send(chunk);
        let rest = m(p, "Read", get(p, "BufferLength")) ?? "";
        // Any consumes nothing while no line is whole: leading CR/LF of the rest stay.
        if (c.mode === "Any") rest = rest.replace(/^[\r\n]+/, "");
        expect({ chunks, lines: [...lines], rest }).toEqual({ chunks, lines: c.lines, rest: c.rest });
      }
    }
  });
  test("ReadLine returns nil and consumes nothing until the line is whole", async () => {
    const { p, send } = await linked();
    await send("PWR");
    expect(m(p, "ReadLine", get(EOL, "CrLf"))).toBeUndefined();
    expect(m(p, "ReadLine", get(EOL, "Custom"), "\r")).toBeUndefined();
    expect(get(p, "BufferLength")).toBe(3);
    await send("=1\r\n");
    expect(m(p, "ReadLine", get(EOL, "CrLf"))).toBe("PWR=1");
    expect(get(p, "BufferLength")).toBe(0);
  });
  test("Read(n): up to n bytes, nil when the buffer is empty (SerialPorts page)", async () => {
    const { p, send } = await linked();
    expect(m(p, "Read", 5)).toBeUndefined();
    await send("abcdefg");
    expect(m(p, "Read", 5)).toBe("abcde");
    expect(get(p, "BufferLength")).toBe(2);
    expect(m(p, "Read", 5)).toBe("fg");
    expect(m(p, "Read", 5)).toBeUndefined();
  });
  test("Search: 1-based position from start, nil when absent, nothing consumed (the 'all your base' example)", async () => {
    const { p, send } = await linked();
    await send("all your base");
    expect(m(p, "Search", "base")).toBe(10);
    expect(m(p, "Search", "a", 2)).toBe(11);
    expect(m(p, "Search", "your", 6)).toBeUndefined();
    expect(m(p, "Search", "b.se")).toBeUndefined(); // plain bytes, not a pattern
    expect(get(p, "BufferLength")).toBe(13);
  });
  test("all 256 byte values survive both ways", async () => {
    let all = "";
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    const { p, peer, send } = await linked();
    m(p, "Write", all);
    await until(() => peer.received().length === 256);
    expect(Buffer.from(peer.received(), "latin1")).toEqual(Buffer.from(all, "latin1"));
    await send(all);
    while (get(p, "BufferLength") < 256) await sleep(5);
    expect(m(p, "Read", 1000)).toBe(all);
  });
});
