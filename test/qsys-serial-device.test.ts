// SerialPorts through the device-path backend: a pseudo-terminal made by python3's `pty`
// module plays the serial device (stty works on a pty's slave side like on /dev/ttyUSB0).
// The python process relays the pty master to its stdin/stdout, so the test reads what the
// script wrote and writes what the device answers. Line settings are checked with
// `stty -a` on the slave. The pty starts in the kernel's cooked mode (echo, CR/LF
// translation, signal characters): bytes pass unchanged only if Open made it raw. (Some kernels refuse cs7 and parity on a pty, so the settings
// checked here are speed, stop bits and raw mode.)
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { index } from "../runtime/lua/index-ops.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { loadSerialPorts, SerialPorts } from "../runtime/qsys/index.ts";
import { get, killServices, m, set, sleep, startService, until } from "./qsys-helpers.ts";

const hasPython = spawnSync("python3", ["-c", "import pty"], { timeout: 10000 }).status === 0;

const DEVICE_PY = `
import os, pty, select, sys
master, slave = pty.openpty()
sys.stderr.write(os.ttyname(slave) + "\\n")
sys.stderr.flush()
while True:
    r, _, _ = select.select([master, 0], [], [], 30)
    if not r:
        break
    if master in r:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 65536)
        if not data:
            break
        os.write(master, data)
`;

interface PtyDevice {
  path: string;
  proc: ChildProcess;
  received: () => string;
  write: (s: string) => void;
}

const devices: ChildProcess[] = [];

/** Start a pty device; resolves with the slave's path once python printed it. */
function ptyDevice(): Promise<PtyDevice> {
  const proc = spawn("python3", ["-c", DEVICE_PY], { stdio: ["pipe", "pipe", "pipe"] });
  devices.push(proc);
  let got = "";
  proc.stdout!.on("data", (d: Buffer) => (got += d.toString("latin1")));
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`no pty from python3: ${err}`)), 10000);
    proc.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (!err.includes("\n")) return;
      clearTimeout(timer);
      resolve({
        path: err.split("\n")[0].trim(),
        proc,
        received: () => got,
        write: (s) => void proc.stdin!.write(Buffer.from(s, "latin1")),
      });
    });
  });
}

/** The slave's settings as `stty -a` prints them, as a set of words. */
function settings(path: string): Set<string> {
  const out = execFileSync("sh", ["-c", 'stty -a < "$1"', "sh", path], { timeout: 10000 }).toString();
  return new Set(out.split(/[\s;]+/).concat(out.match(/speed \d+ baud/g) ?? []));
}

function port1(path: string): { p: LuaValue; events: string[] } {
  process.env.QSYS2TS_SERIAL_PORTS = `1=${path}`;
  loadSerialPorts();
  const p = index(SerialPorts, 1);
  const events: string[] = [];
  set(p, "EventHandler", (_p: LuaValue, ev: string, msg?: string) => events.push(msg === undefined ? ev : `${ev}:${msg}`));
  return { p, events };
}

beforeEach(() => {
  process.env.QSYS2TS_SERIAL_RECONNECT = "0.05";
});
afterEach(() => {
  process.env.QSYS2TS_SERIAL_PORTS = "";
  loadSerialPorts();
  delete process.env.QSYS2TS_SERIAL_PORTS;
  delete process.env.QSYS2TS_SERIAL_RECONNECT;
  for (const d of devices.splice(0)) d.kill("SIGKILL");
  killServices();
});

describe.skipIf(!hasPython)("a terminal device (pty)", () => {
  test("Open applies the line settings with stty and is open at once; Connected follows from the loop", async () => {
    const d = await ptyDevice();
    const { p, events } = port1(d.path);
    m(p, "Open", 19200, 8, "N", 2);
    expect(get(p, "IsOpen")).toBe(true);
    expect(events).toEqual([]);
    await until(() => events.length === 1);
    expect(events).toEqual(["CONNECTED"]);
    let s = settings(d.path);
    for (const w of ["speed 19200 baud", "cs8", "-parenb", "cstopb", "-icanon", "-echo", "-isig", "-opost", "-icrnl", "-ixon", "clocal"])
      expect(s.has(w), w).toBe(true);
    // Defaults: 8 data bits, no parity, 1 stop bit.
    m(p, "Open", 9600);
    await until(() => events.length === 2);
    s = settings(d.path);
    for (const w of ["speed 9600 baud", "cs8", "-parenb", "-cstopb"]) expect(s.has(w), w).toBe(true);
  });
  test("bytes both ways: all 256 values, and lines split across reads", async () => {
    const d = await ptyDevice();
    const { p, events } = port1(d.path);
    const lines: string[] = [];
    set(p, "Data", (x: LuaValue) => {
      for (let l = m(x, "ReadLine", get(get(SerialPorts, "EOL"), "CrLf")); l !== undefined; l = m(x, "ReadLine", get(get(SerialPorts, "EOL"), "CrLf")))
        lines.push(l);
    });
    m(p, "Open", 115200);
    let all = "";
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    m(p, "Write", all);
    await until(() => d.received().length === 256);
    expect(Buffer.from(d.received(), "latin1")).toEqual(Buffer.from(all, "latin1"));
    await until(() => events.includes("CONNECTED"));
    d.write("PWR");
    await until(() => events.filter((e) => e === "DATA").length === 1);
    expect(lines).toEqual([]);
    d.write("=1\r\nVOL=2");
    await until(() => lines.length === 1);
    d.write("0\n");
    await until(() => lines.length === 2);
    expect(lines).toEqual(["PWR=1", "VOL=20"]);
    // Bytes that are not text pass unchanged (no CR/LF translation, no XON/XOFF, no signals).
    set(p, "Data", undefined);
    const binary = "\x03\x11\x13\r\x7f\xff\0";
    d.write(binary);
    await until(() => get(p, "BufferLength") === binary.length);
    expect(m(p, "Read", 100)).toBe(binary);
  });
  test("the device hanging up raises Closed; IsOpen turns false", async () => {
    // No reopening: the freed pty number may soon belong to another program's terminal.
    process.env.QSYS2TS_SERIAL_RECONNECT = "0";
    const d = await ptyDevice();
    const { p, events } = port1(d.path);
    m(p, "Open", 9600);
    await until(() => events.length === 1);
    d.proc.kill("SIGKILL");
    await until(() => events.length === 2);
    await sleep(100);
    expect(events).toEqual(["CONNECTED", "EOF"]);
    expect(get(p, "IsOpen")).toBe(false);
  });
  test("Close: the written bytes go out, no event follows", async () => {
    const d = await ptyDevice();
    const { p, events } = port1(d.path);
    set(p, "Connected", (x: LuaValue) => {
      m(x, "Write", "bye\r");
      m(x, "Close");
    });
    m(p, "Open", 9600);
    await until(() => d.received() === "bye\r");
    await sleep(150);
    expect(events).toEqual(["CONNECTED"]);
    expect(get(p, "IsOpen")).toBe(false);
  });
  test("a built service drives the device from its worker thread and stops on SIGTERM", async () => {
    const d = await ptyDevice();
    const s = await startService(
      `local port = SerialPorts[1]
port.EventHandler = function(p, ev)
  if ev == SerialPorts.Events.Connected then
    p:Write("?\\r")
  elseif ev == SerialPorts.Events.Data then
    local line = p:ReadLine(SerialPorts.EOL.Any)
    while line do
      print("got " .. line)
      p:Write(line:upper() .. "\\r")
      line = p:ReadLine(SerialPorts.EOL.Any)
    end
  end
end
port:Open(9600)
print("open", port.IsOpen)
`,
      "device.lua",
      { QSYS2TS_SERIAL_PORTS: `1=${d.path}` },
    );
    await until(() => d.received() === "?\r", 10000, "the first write");
    d.write("ready\r");
    await until(() => d.received() === "?\rREADY\r", 10000, "the answer");
    // the worker's stdout reaches us on its own path: the device may see READY first
    await until(() => s.out().includes("got ready\n"), 10000, "the handler's print");
    expect(s.out()).toBe("open\ttrue\ngot ready\n");
    expect(await s.stop()).toBe(0);
    expect(s.err()).toBe("");
  });
});

describe("a device path that cannot be opened", () => {
  test("raises Error naming the path and what failed; the port stays closed", async () => {
    process.env.QSYS2TS_SERIAL_RECONNECT = "0";
    for (const [path, why] of [
      ["/nonexistent/ttyUSB9", "no such file or directory"],
      ["/dev/null", "not a terminal device"],
    ]) {
      const { p, events } = port1(path);
      m(p, "Open", 9600);
      expect(get(p, "IsOpen")).toBe(false);
      expect(() => m(p, "Write", "x")).toThrow("SerialPort is not open");
      await until(() => events.length === 1);
      expect(events).toEqual([`ERROR:${path}: ${why}`]);
    }
  });
});
