// The base library (lbaselib.c): print, type, tostring, tonumber, pairs, ipairs, next, select,
// raw*, metatables, assert, error, pcall, xpcall, collectgarbage.
import { argError, checkInt, checkTable, checkString, qualifyArgError, typeError } from "./args.ts";
import { call, first, NONE } from "./call.ts";
import { tostring as tostringValue } from "./concat.ts";
import { assertionError, CAUGHT, callMessageHandler, cError, handlingOverflow, isStackOverflow, namedCallBoundary, positionedError, protectedCall, raisedError, runtimeError, takeCaught, toLuaError, tracedCall } from "./errors.ts";
import { index } from "./index-ops.ts";
import { getMetatable, metamethod, typeNameForError } from "./meta.ts";
import { str2number } from "./number.ts";
import { writeStdout } from "./output.ts";
import { LuaTable } from "./table.ts";
import { isNumber, LuaFloat, type as typeOf, mkint, type LuaValue } from "./value.ts";

let timestampPrefix = process.env.QSYS2TS_PRINT_TIMESTAMPS === "1";

/** Prefix each printed line with a Core-style ISO timestamp (Debug Output style). */
export function setPrintTimestamps(on: boolean): void {
  timestampPrefix = on;
}

function isoStamp(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}\t`;
}

/** The global table, for print's lookup of the global tostring (set by env.ts). */
let globals: LuaTable | undefined;
export function setGlobalTable(g: LuaTable): void {
  globals = g;
}

export function print(...args: LuaValue[]): LuaValue {
  // lbaselib.c: print converts with whatever the global tostring is now
  const ts = globals?.getStr("tostring");
  let line = "";
  for (let i = 0; i < args.length; i++) {
    if (i > 0) line += "\t";
    const v = args[i];
    if (ts === tostring) line += typeof v === "string" ? v : tostringValue(v);
    else {
      const s = first(call(ts, v));
      if (typeof s !== "string" && !isNumber(s)) throw cError("'tostring' must return a string to 'print'");
      line += typeof s === "string" ? s : tostringValue(s);
    }
  }
  writeStdout(timestampPrefix ? isoStamp() + line + "\n" : line + "\n");
  return NONE;
}

export function type(v: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "type", "value expected");
  return typeOf(v);
}

export function tostring(v: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "tostring", "value expected");
  return tostringValue(v);
}

export function tonumber(v: LuaValue, base?: LuaValue): LuaValue {
  if (base === undefined) {
    if (arguments.length === 0) throw argError(1, "tonumber", "value expected");
    if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return v;
    if (typeof v === "string") return str2number(v);
    return undefined;
  }
  const b = checkInt(base, 2, "tonumber");
  if (typeof v !== "string") throw typeError(v, 1, "tonumber", "string", arguments.length === 0);
  if (b < 2 || b > 36) throw argError(2, "tonumber", "base out of range");
  const s = v.replace(/^[ \f\n\r\t\v]+|[ \f\n\r\t\v]+$/g, "").toLowerCase();
  let neg = false;
  let i = 0;
  if (s[0] === "-") {
    neg = true;
    i = 1;
  } else if (s[0] === "+") i = 1;
  if (i >= s.length) return undefined;
  let n = 0n;
  const B = BigInt(b);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : 99;
    if (d >= b) return undefined;
    n = n * B + BigInt(d);
  }
  return mkint(neg ? -n : n);
}

export function next(t: LuaValue, k?: LuaValue): LuaValue {
  if (!(t instanceof LuaTable)) throw typeError(t, 1, "next", "table", arguments.length === 0);
  const r = t.next(k);
  return r === undefined ? undefined : r;
}

/** pairs accepts any value (lbaselib.c pairsmeta): next complains when the loop starts. */
export function pairs(t: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "pairs", "value expected");
  const h = metamethod(t, "__pairs");
  if (h !== undefined) {
    const r = call(h, t);
    const a = Array.isArray(r) ? r : [r];
    return [a[0], a[1], a[2]];
  }
  return [next, t, undefined];
}

function ipairsAux(t: LuaValue, i: LuaValue): LuaValue {
  const j = (i as number) + 1;
  // a C function indexing: the error has no position and names no variable
  if (!(t instanceof LuaTable) && metamethod(t, "__index") === undefined) throw cError(`attempt to index a ${typeNameForError(t)} value`);
  const v = index(t, j);
  return v === undefined ? undefined : [j, v];
}

export function ipairs(t: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "ipairs", "value expected");
  // lua5.3 is built with LUA_COMPAT_5_2, which keeps the __ipairs metamethod
  const h = metamethod(t, "__ipairs");
  if (h !== undefined) {
    const r = call(h, t);
    const a = Array.isArray(r) ? r : [r];
    return [a[0], a[1], a[2]];
  }
  return [ipairsAux, t, 0];
}

/** The iterator function ipairs returns; the emitter recognises it for fast loops. */
export const ipairsIterator = ipairsAux;

export function select(n: LuaValue, ...args: LuaValue[]): LuaValue {
  if (n === "#") return args.length;
  if (arguments.length === 0) throw typeError(n, 1, "select", "number", true);
  const i = checkInt(n, 1, "select");
  if (i < 0) {
    if (-i > args.length) throw argError(1, "select", "index out of range");
    return args.slice(args.length + i);
  }
  if (i === 0) throw argError(1, "select", "index out of range");
  return i === 1 ? args : args.slice(i - 1);
}

export function rawget(t: LuaValue, k: LuaValue): LuaValue {
  const table = checkTable(t, 1, "rawget");
  if (arguments.length < 2) throw argError(2, "rawget", "value expected");
  return table.get(k);
}

export function rawset(t: LuaValue, k: LuaValue, v: LuaValue): LuaValue {
  const table = checkTable(t, 1, "rawset");
  if (arguments.length < 3) throw argError(arguments.length + 1, "rawset", "value expected");
  // raised inside the C function: no position
  if (k === undefined) throw cError("table index is nil");
  if (typeof k === "number" && Number.isNaN(k)) throw cError("table index is NaN");
  table.set(k, v);
  return t;
}

export function rawequal(a: LuaValue, b: LuaValue): LuaValue {
  if (arguments.length < 2) throw argError(arguments.length + 1, "rawequal", "value expected");
  if (a === b) return !(a instanceof LuaFloat) || a.n === a.n;
  const na = a instanceof LuaFloat ? a.n : a;
  const nb = b instanceof LuaFloat ? b.n : b;
  // eslint-disable-next-line eqeqeq
  return (typeof na === "number" || typeof na === "bigint") && (typeof nb === "number" || typeof nb === "bigint") && na == nb;
}

export function rawlen(v: LuaValue): LuaValue {
  if (v instanceof LuaTable) return v.length();
  if (typeof v === "string") return v.length;
  throw argError(1, "rawlen", "table or string expected");
}

export function setmetatable(t: LuaValue, mt: LuaValue): LuaValue {
  if (!(t instanceof LuaTable)) throw typeError(t, 1, "setmetatable", "table", arguments.length === 0);
  if ((mt !== undefined || arguments.length < 2) && !(mt instanceof LuaTable)) throw argError(2, "setmetatable", "nil or table expected");
  if (t.metatable?.getStr("__metatable") !== undefined) throw runtimeError("cannot change a protected metatable");
  t.metatable = mt;
  return t;
}

export function getmetatable(v: LuaValue): LuaValue {
  const mt = getMetatable(v);
  if (mt === undefined) return undefined;
  const protectedValue = mt.getStr("__metatable");
  return protectedValue !== undefined ? protectedValue : mt;
}

export function assert(v: LuaValue, message?: LuaValue, ...rest: LuaValue[]): LuaValue {
  if (v !== undefined && v !== false) return arguments.length <= 1 ? v : [v, message, ...rest];
  if (arguments.length === 0) throw argError(1, "assert", "value expected");
  // lbaselib.c: assert calls error with the message, level 1
  throw raisedError(arguments.length < 2 ? "assertion failed!" : message, 1, "assert", assert);
}

/**
 * `assert(v)` and `assert(v, message)` as compiled: a failure is positioned at level 1, which
 * the compiler wrote into the call. `where` comes first: assert's results depend on how many
 * arguments it got.
 */
export function assertAt(where: string, v: LuaValue, message?: LuaValue): LuaValue {
  if (v !== undefined && v !== false) return arguments.length <= 2 ? v : [v, message];
  throw assertionError(arguments.length <= 2 ? "assertion failed!" : message, where, assertAt);
}

export function error(message?: LuaValue, level?: LuaValue): LuaValue {
  const lv = level === undefined ? 1 : checkInt(level, 2, "error");
  throw raisedError(message, lv, "error", error);
}

/** `error(msg)` as compiled: level 1, whose position the compiler wrote into the call. */
export function errorAt(message: LuaValue, where: string): never {
  throw positionedError(message, where, errorAt);
}

const pcallBoundary = namedCallBoundary("pcall", call);
const xpcallBoundary = namedCallBoundary("xpcall", call);

export function pcall(f: LuaValue, ...args: LuaValue[]): LuaValue {
  if (arguments.length === 0) throw argError(1, "pcall", "value expected");
  const r = protectedCall(pcallBoundary, f, args);
  if (r === CAUGHT) return [false, qualifyArgError(f, toLuaError(takeCaught()).value)];
  if (Array.isArray(r)) return [true, ...r];
  return [true, r];
}

/** How often a failing message handler is called again on its own error (ldo.c's C-stack limit). */
const MAX_HANDLER_ERRORS = 200;

export function xpcall(f: LuaValue, handler: LuaValue, ...args: LuaValue[]): LuaValue {
  if (typeof handler !== "function") throw typeError(handler, 2, "xpcall", "function", arguments.length < 2);
  // errors raised inside keep their stack: the handler may show it (debug.traceback)
  const r = tracedCall(xpcallBoundary, f, args);
  if (r !== CAUGHT) return Array.isArray(r) ? [true, ...r] : [true, r];
  // the handler handles its own errors too (luaG_errormsg calls it again), up to a limit
  const e = takeCaught();
  let raised = toLuaError(e);
  let err = qualifyArgError(f, raised.value);
  const overflow = isStackOverflow(e);
  for (let i = 0; i < MAX_HANDLER_ERRORS; i++) {
    try {
      const r = callMessageHandler(raised, () => (overflow ? handlingOverflow(() => handler(err)) : handler(err)));
      return [false, Array.isArray(r) ? r[0] : r];
    } catch (e2) {
      raised = toLuaError(e2);
      err = raised.value;
    }
  }
  return [false, "error in error handling"];
}

export function collectgarbage(opt?: LuaValue, _arg?: LuaValue): LuaValue {
  const o = opt === undefined ? "collect" : checkString(opt, 1, "collectgarbage");
  switch (o) {
    case "count": {
      const kb = process.memoryUsage().heapUsed / 1024;
      return kb;
    }
    case "step":
      return false;
    case "collect":
      return 0;
    case "isrunning":
      return true;
    case "stop":
    case "restart":
    case "setpause":
    case "setstepmul":
      return 0;
  }
  throw argError(1, "collectgarbage", `invalid option '${o}'`);
}

/** unpack over a table's range, shared with table.unpack. */
export function unpackRange(t: LuaValue, i: number, j: number): LuaValue {
  if (i > j) return NONE;
  if (j - i >= 1e7) throw runtimeError("too many results to unpack");
  const out: LuaValue[] = new Array(j - i + 1);
  for (let k = i; k <= j; k++) out[k - i] = index(t, k);
  return out.length === 1 ? out[0] : out;
}

