// The two ways a SerialPorts[n] reaches its device: a raw TCP connection to a serial device
// server, or a local terminal device (/dev/ttyUSB0). Both come back as a net.Socket (a
// tty.ReadStream is one), so serial-port.ts drives them alike.
//
// A terminal is opened non-blocking and read through a tty stream: libuv polls it like a
// socket. (fs streams read a terminal with blocking reads on the thread pool: a port with no
// traffic would hold a pool thread, and closing it would wait for the next byte.) Line
// settings are applied with `stty` on the open descriptor (stty's stdin), which works the same
// on Linux and macOS and needs no native module.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import tty from "node:tty";
import type { SerialTarget } from "./serial-map.ts";

export interface LineSettings {
  baud: number;
  dataBits: number;
  /** "N", "E", "O", "M" (mark) or "S" (space). */
  parity: string;
  stopBits: number;
}

/** stty arguments for raw 8-bit-clean transfer with the given line settings. */
export function sttyArgs(s: LineSettings): string[] {
  const parity: Record<string, string[]> = {
    N: ["-parenb"],
    E: ["parenb", "-parodd"],
    O: ["parenb", "parodd"],
    M: ["parenb", "parodd", "cmspar"],
    S: ["parenb", "-parodd", "cmspar"],
  };
  return [
    String(s.baud),
    `cs${s.dataBits}`,
    ...parity[s.parity],
    s.stopBits === 2 ? "cstopb" : "-cstopb",
    // No line editing, echo, signals, flow control or CR/LF translation; ignore modem lines.
    "raw",
    "-echo",
    "-ixon",
    "-ixoff",
    "clocal",
    "cread",
  ];
}

/** How long stty may take before the open counts as failed. */
const STTY_TIMEOUT_MS = 5000;

/** Start a TCP connection to a device server ('connect' follows, or 'error'). */
export function connectTcp(t: Extract<SerialTarget, { kind: "tcp" }>): net.Socket {
  return net.connect({ host: t.host, port: t.port, noDelay: true });
}

/**
 * Open a terminal device and apply the line settings, synchronously (both are local and
 * quick). Throws an Error whose message says what failed; nothing stays open then.
 */
export function openDevice(path: string, settings: LineSettings): net.Socket {
  const c = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(path, c.O_RDWR | c.O_NOCTTY | c.O_NONBLOCK);
  } catch (e) {
    throw new Error(`${path}: ${systemText(e)}`);
  }
  try {
    if (!tty.isatty(fd)) throw new Error(`${path}: not a terminal device`);
    try {
      execFileSync("stty", sttyArgs(settings), { stdio: [fd, "ignore", "pipe"], timeout: STTY_TIMEOUT_MS });
    } catch (e) {
      const err = e as { stderr?: Buffer; message?: string };
      const text = err.stderr?.toString("utf8").trim() || err.message || String(e);
      throw new Error(`${path}: ${text.replace(/^stty: (standard input: )?/, "stty: ")}`);
    }
    return new tty.ReadStream(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
}

const STRERROR: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EBUSY: "device or resource busy",
  EIO: "input/output error",
  ENXIO: "no such device or address",
  ENODEV: "no such device",
  ENOTTY: "inappropriate ioctl for device",
  EISDIR: "is a directory",
};

/** The system's text for a failed call, in lower case as a Core prints socket errors. */
export function systemText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return (err.code !== undefined ? STRERROR[err.code] : undefined) ?? err.message ?? String(e);
}
