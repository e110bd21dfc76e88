// Port remapping at start, so a script runs unedited in tests and deployments.
//
//   QSYS2TS_PORT_MAP="1720=41720,8080=41808"      ports given to TcpSocketServer:Listen
//   QSYS2TS_CONNECT_MAP="14352=41352,10.0.0.5:23=127.0.0.1:2323"
//                                                 targets given to TcpSocket:Connect
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
}

let listenText: string | undefined;
let listenMap = new Map<number, number>();
let connectText: string | undefined;
let connectMap: ConnectMap = { byPort: new Map(), byHostPort: new Map() };

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

/** The host and port Connect really uses for the ones the script gave. */
export function mapConnectTarget(host: string, p: number): [string, number] {
  const text = process.env.QSYS2TS_CONNECT_MAP ?? "";
  if (text !== connectText) {
    const m: ConnectMap = { byPort: new Map(), byHostPort: new Map() };
    for (const e of entries(text)) {
      const [from, to, extra] = e.split("=").map((x) => x.trim());
      if (to === undefined || extra !== undefined) throw runtimeError(`invalid QSYS2TS_CONNECT_MAP entry '${e}'`);
      if (from.includes(":")) {
        const [h, fp] = hostPort(from, e);
        m.byHostPort.set(`${h}:${fp}`, to.includes(":") ? hostPort(to, e) : [h, port(to, "QSYS2TS_CONNECT_MAP", e)]);
      } else {
        if (to.includes(":")) throw runtimeError(`invalid QSYS2TS_CONNECT_MAP entry '${e}'`);
        m.byPort.set(port(from, "QSYS2TS_CONNECT_MAP", e), port(to, "QSYS2TS_CONNECT_MAP", e));
      }
    }
    connectMap = m;
    connectText = text;
  }
  if (connectMap.byHostPort.size > 0) {
    const hp = connectMap.byHostPort.get(`${host}:${p}`);
    if (hp !== undefined) return hp;
  }
  const to = connectMap.byPort.get(p);
  return to === undefined ? [host, p] : [host, to];
}
