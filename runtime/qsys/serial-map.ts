// Where each SerialPorts[n] really goes, read from the environment (README "Serial ports").
//
//   QSYS2TS_SERIAL_PORTS="1=/dev/ttyUSB0,2=tcp:10.0.0.9:4001"
//   QSYS2TS_SERIAL_RECONNECT=5        seconds between attempts to reopen a lost port (0: never)
//
// A target is a terminal device path (absolute) or `tcp:HOST:PORT`, the raw TCP port of a
// serial device server (ser2net, Moxa NPort, Global Caché...). HOST may be an IPv6 address
// in brackets. Port numbers are positive integers; a script sees SerialPorts[n] only for
// the numbers the map names. Malformed text throws a plain Error; the Lua layer raises it.
export type SerialTarget = { kind: "tcp"; host: string; port: number } | { kind: "device"; path: string };

/** How long a lost port waits before it is opened again when the variable is unset. */
const DEFAULT_RECONNECT_S = 5;

function invalid(entry: string): Error {
  return new Error(`invalid QSYS2TS_SERIAL_PORTS entry '${entry}'`);
}

function target(text: string, entry: string): SerialTarget {
  if (text.startsWith("tcp:")) {
    const hp = text.slice(4);
    const i = hp.lastIndexOf(":");
    let host = hp.slice(0, i);
    const portText = hp.slice(i + 1);
    if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (i <= 0 || host === "" || !(port >= 1 && port <= 65535)) throw invalid(entry);
    return { kind: "tcp", host, port };
  }
  if (!text.startsWith("/")) throw invalid(entry);
  return { kind: "device", path: text };
}

/** The targets by port number (1-based), in the order the variable lists them. */
export function parseSerialMap(text: string): Map<number, SerialTarget> {
  const map = new Map<number, SerialTarget>();
  for (const raw of text.split(",")) {
    const e = raw.trim();
    if (e === "") continue;
    const eq = e.indexOf("=");
    if (eq < 0) throw invalid(e);
    const n = e.slice(0, eq).trim();
    if (!/^[1-9]\d{0,5}$/.test(n) || map.has(Number(n))) throw invalid(e);
    map.set(Number(n), target(e.slice(eq + 1).trim(), e));
  }
  return map;
}

/** Seconds a lost port waits before the next attempt to open it again (0: no reconnect). */
export function serialReconnectSeconds(): number {
  const text = process.env.QSYS2TS_SERIAL_RECONNECT;
  if (text === undefined || text.trim() === "") return DEFAULT_RECONNECT_S;
  const s = Number(text);
  if (!(s >= 0) || !Number.isFinite(s)) throw new Error(`invalid QSYS2TS_SERIAL_RECONNECT value '${text}'`);
  return s;
}

/** Text naming a target in error messages and logs. */
export function targetText(t: SerialTarget): string {
  return t.kind === "tcp" ? `tcp:${t.host.includes(":") ? `[${t.host}]` : t.host}:${t.port}` : t.path;
}
