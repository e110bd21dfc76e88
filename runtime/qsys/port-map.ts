// Port remapping at start, so a script runs unedited in tests and deployments.
//
//   QSYS2TS_PORT_MAP="1720=41720,8080=41808"      ports given to TcpSocketServer:Listen
//                                                 and UdpSocket:Open
//   QSYS2TS_CONNECT_MAP="14352=41352,10.0.0.5:23=127.0.0.1:2323"
//                                                 targets given to TcpSocket:Connect
//                                                 and UdpSocket:Send
//
// Listen and Connect have separate maps on purpose: a script that listens on 1720 and also
// drives a device on port 1720 elsewhere must not have its device connection redirected.
// A Connect entry is either PORT=PORT (any host) or HOST:PORT=HOST:PORT (that host only;
// wins over a port-only entry). The variables are read when used, so a process can set
// them before the script starts.
import { runtimeError } from "../lua/errors.ts";

interface ConnectMap {
  byPort: Map<number, number>;
  byHostPort: Map<string, [string, number]>;
  /** Target back to what the script named (first entry wins), for UDP packet sources. */
  fromPort: Map<number, number>;
  fromHostPort: Map<string, [string, number]>;
}

let listenText: string | undefined;
let listenMap = new Map<number, number>();
let connectText: string | undefined;
let connectMap: ConnectMap = emptyConnectMap();

function emptyConnectMap(): ConnectMap {
  return { byPort: new Map(), byHostPort: new Map(), fromPort: new Map(), fromHostPort: new Map() };
}

function port(text: string, variable: string, entry: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw runtimeError(`invalid ${variable} entry '${entry}'`);
  return n;
}

function entries(text: string): string[] {
  return text
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
}

/** The port Listen really opens for the port the script asked for. */
export function mapListenPort(p: number): number {
  const text = process.env.QSYS2TS_PORT_MAP ?? "";
  if (text !== listenText) {
    const m = new Map<number, number>();
    for (const e of entries(text)) {
      const [from, to, extra] = e.split("=");
      if (to === undefined || extra !== undefined) throw runtimeError(`invalid QSYS2TS_PORT_MAP entry '${e}'`);
      m.set(port(from.trim(), "QSYS2TS_PORT_MAP", e), port(to.trim(), "QSYS2TS_PORT_MAP", e));
    }
    listenMap = m;
    listenText = text;
  }
  return listenMap.get(p) ?? p;
}

function hostPort(text: string, entry: string): [string, number] {
  const i = text.lastIndexOf(":");
  if (i <= 0) throw runtimeError(`invalid QSYS2TS_CONNECT_MAP entry '${entry}'`);
  return [text.slice(0, i), port(text.slice(i + 1), "QSYS2TS_CONNECT_MAP", entry)];
}

/** The connect map, parsed again when the variable changed. */
function currentConnectMap(): ConnectMap {
  const text = process.env.QSYS2TS_CONNECT_MAP ?? "";
  if (text !== connectText) {
    const m = emptyConnectMap();
    for (const e of entries(text)) {
      const [from, to, extra] = e.split("=").map((x) => x.trim());
      if (to === undefined || extra !== undefined) throw runtimeError(`invalid QSYS2TS_CONNECT_MAP entry '${e}'`);
      if (from.includes(":")) {
        const [h, fp] = hostPort(from, e);
        const target: [string, number] = to.includes(":") ? hostPort(to, e) : [h, port(to, "QSYS2TS_CONNECT_MAP", e)];
        m.byHostPort.set(`${h}:${fp}`, target);
        const back = `${target[0]}:${target[1]}`;
        if (!m.fromHostPort.has(back)) m.fromHostPort.set(back, [h, fp]);
      } else {
        if (to.includes(":")) throw runtimeError(`invalid QSYS2TS_CONNECT_MAP entry '${e}'`);
        const fp = port(from, "QSYS2TS_CONNECT_MAP", e);
        const tp = port(to, "QSYS2TS_CONNECT_MAP", e);
        m.byPort.set(fp, tp);
        if (!m.fromPort.has(tp)) m.fromPort.set(tp, fp);
      }
    }
    connectMap = m;
    connectText = text;
  }
  return connectMap;
}

/** The host and port Connect (or a UDP Send) really uses for the ones the script gave. */
export function mapConnectTarget(host: string, p: number): [string, number] {
  const map = currentConnectMap();
  return lookup(map.byHostPort, map.byPort, host, p);
}

/**
 * The reverse of mapConnectTarget, for the source of a received UDP packet: a reply from a
 * remapped device reads as coming from the address the script sends to, so scripts that
 * check `packet.Address` against their device's IP work unedited.
 */
export function unmapConnectSource(host: string, p: number): [string, number] {
  const map = currentConnectMap();
  return lookup(map.fromHostPort, map.fromPort, host, p);
}

/** A `HOST:PORT` entry wins over a port-only one; unlisted targets stay as they are. */
function lookup(byHostPort: Map<string, [string, number]>, byPort: Map<number, number>, host: string, p: number): [string, number] {
  if (byHostPort.size > 0) {
    const hp = byHostPort.get(`${host}:${p}`);
    if (hp !== undefined) return hp;
  }
  const to = byPort.get(p);
  return to === undefined ? [host, p] : [host, to];
}
