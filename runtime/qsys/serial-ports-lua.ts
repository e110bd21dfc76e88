// What Lua sees of SerialPorts (qsys-api.md §2.5): the table of ports with its Events and EOL
// constants (TcpSocket's names and values), and the members of one port. The state machine
// is serial-port.ts; where each port goes is QSYS2TS_SERIAL_PORTS (serial-map.ts).
//
// SerialPorts[n] exists for each n the map names (a Core has one per wired serial pin);
// any other number reads as nil, so `#SerialPorts` counts the ports when they are numbered
// 1..N. Unknown names (`SerialPorts.Event`) are errors, as on every Q-SYS library table.
import { argError, checkInt, checkString, optInt, typeError } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { runtimeError } from "../lua/errors.ts";
import { LuaTable } from "../lua/table.ts";
import type { LuaValue } from "../lua/value.ts";
import { EOL } from "./buffer.ts";
import { readLineFrom, searchIn } from "./buffer-methods.ts";
import { checkGiven, classMetatable, libraryTable, unknownMember, type Getter, type Setter } from "./object.ts";
import { parseSerialMap, serialReconnectSeconds } from "./serial-map.ts";
import { SerialPortObject } from "./serial-port.ts";
import { EVENT_NAMES } from "./tcp-socket.ts";

type P = SerialPortObject;

/** The highest rate a Core's serial port takes (qsys-api.md §2.5). */
const MAX_BAUD = 230400;

/**
 * `port:Open(baud [, dataBits [, parity [, stopBits]]])`. Not a classMetatable method (those
 * take at most two arguments): a property whose value checks its own self.
 */
function Open(self: LuaValue, baud?: LuaValue, dataBits?: LuaValue, parity?: LuaValue, stopBits?: LuaValue): LuaValue {
  if (!(self instanceof SerialPortObject)) throw typeError(self, 1, "Open", "SerialPort", arguments.length === 0);
  checkGiven(arguments.length, 2, "Open", "number");
  const b = checkInt(baud, 2, "Open");
  if (b < 1 || b > MAX_BAUD) throw argError(2, "Open", `baud rate must be 1 to ${MAX_BAUD}`);
  const d = optInt(dataBits, 3, "Open", 8);
  if (d < 5 || d > 8) throw argError(3, "Open", "data bits must be 5 to 8");
  const p = parity === undefined ? "N" : checkString(parity, 4, "Open").toUpperCase();
  if (!/^[NEOMS]$/.test(p)) throw argError(4, "Open", "parity must be 'N', 'E', 'O', 'M' or 'S'");
  const s = optInt(stopBits, 5, "Open", 1);
  if (s !== 1 && s !== 2) throw argError(5, "Open", "stop bits must be 1 or 2");
  let reconnect: number;
  try {
    reconnect = serialReconnectSeconds();
  } catch (e) {
    throw runtimeError((e as Error).message);
  }
  self.open({ baud: b, dataBits: d, parity: p, stopBits: s }, reconnect);
  return NONE;
}

function Close(self: P): LuaValue {
  self.close();
  return NONE;
}

function Write(self: P, data: LuaValue): LuaValue {
  if (typeof data !== "string") checkGiven(arguments.length, 2, "Write", "string");
  const s = typeof data === "string" ? data : checkString(data, 2, "Write");
  if (!self.isOpen) throw runtimeError("SerialPort is not open");
  self.write(s);
  return NONE;
}

/** Up to n bytes; nil when the buffer is empty (the SerialPorts page, unlike TcpSocket's ""). */
function Read(self: P, n: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Read", "number");
  const k = checkInt(n, 2, "Read");
  if (self.buf.length === 0) return undefined;
  const s = self.buf.read(k);
  if (self.paused) self.drained();
  return s;
}

function ReadLine(self: P, eol: LuaValue, custom: LuaValue): LuaValue {
  const line = readLineFrom(self.buf, arguments.length, eol, custom);
  if (self.paused) self.drained();
  return line;
}

function Search(self: P, str: LuaValue, start: LuaValue): LuaValue {
  return searchIn(self.buf, arguments.length, str, start);
}

const CALLBACKS = ["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"];

const props: Record<string, Getter<P>> = {
  Open: () => Open,
  IsOpen: (o) => o.isOpen,
  BufferLength: (o) => o.buf.length,
  EventHandler: (o) => o.eventHandler,
};
const setters: Record<string, Setter<P>> = {
  EventHandler: (o, f) => {
    o.eventHandler = f;
  },
};
CALLBACKS.forEach((name, kind) => {
  props[name] = (o) => o.callbacks[kind];
  setters[name] = (o, f) => {
    o.callbacks[kind] = f;
  };
});

const portMetatable = classMetatable<P>(
  "SerialPort",
  (o: unknown): o is P => o instanceof SerialPortObject,
  { Close, Write, Read, ReadLine, Search },
  props,
  setters,
);

const Events = libraryTable("SerialPorts.Events", Object.fromEntries(CALLBACKS.map((k, i) => [k, EVENT_NAMES[i]])));

/** The Lua global `SerialPorts`. */
export const SerialPorts = new LuaTable();
SerialPorts.set("Events", Events);
SerialPorts.set("EOL", libraryTable("SerialPorts.EOL", { ...EOL }));

/** A malformed QSYS2TS_SERIAL_PORTS: raised where the script first looks for a port. */
let mapError: string | undefined;

const meta = new LuaTable();
meta.set("__index", (_t: LuaTable, k: LuaValue) => {
  if (typeof k === "string") throw unknownMember("SerialPorts", k);
  if (mapError !== undefined) throw runtimeError(mapError);
  return undefined;
});
meta.set("__len", (t: LuaTable) => {
  if (mapError !== undefined) throw runtimeError(mapError);
  return t.length();
});
SerialPorts.metatable = meta;

/**
 * (Re)build the ports from QSYS2TS_SERIAL_PORTS: done once when the runtime loads; tests call
 * it again after changing the variable. Ports of the previous map are closed.
 */
export function loadSerialPorts(): void {
  const numbers: LuaValue[] = [];
  for (let e = SerialPorts.next(undefined); e !== undefined; e = SerialPorts.next(e[0])) if (typeof e[0] === "number") numbers.push(e[0]);
  for (const n of numbers) {
    const p = SerialPorts.get(n);
    if (p instanceof SerialPortObject) p.close();
    SerialPorts.set(n, undefined);
  }
  mapError = undefined;
  let map;
  try {
    map = parseSerialMap(process.env.QSYS2TS_SERIAL_PORTS ?? "");
  } catch (e) {
    mapError = (e as Error).message;
    return;
  }
  for (const [n, target] of map) SerialPorts.set(n, new SerialPortObject(portMetatable, target));
}
loadSerialPorts();
