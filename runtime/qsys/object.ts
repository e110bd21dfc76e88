// How Q-SYS objects and libraries look to Lua: userdata whose metatable resolves members
// through a closed list, and library tables whose unknown keys are errors.
//
// A Core answers an unknown member with an error, never a silent nil, so typos such as
// `sock:Peek()` or `timer:Running()` fail loudly here too: "TcpSocket has no member 'Peek'".
import { tostring } from "../lua/concat.ts";
import { typeError } from "../lua/args.ts";
import { runtimeError } from "../lua/errors.ts";
import { LuaTable } from "../lua/table.ts";
import { typeNameForError } from "../lua/meta.ts";
import { str2number } from "../lua/number.ts";
import { LuaFloat, toJsNumber, type LuaValue } from "../lua/value.ts";

export type Getter<T> = (o: T) => LuaValue;
export type Setter<T> = (o: T, v: LuaValue) => void;

function keyText(k: LuaValue): string {
  return typeof k === "string" ? k : tostring(k);
}

export function unknownMember(owner: string, k: LuaValue): Error {
  return runtimeError(`${owner} has no member '${keyText(k)}'`);
}

/**
 * The shared metatable of one Q-SYS class. `methods` are returned as function values
 * (so `sock:Write(x)` is `index(sock, "Write")(sock, x)`); `props` are read through
 * getters; `setters` lists the writable members. Writing a readable member that has no
 * setter is a "read-only" error; any other unknown key is a "has no member" error.
 *
 * Methods number their arguments as lauxlib does for C methods: self is #1, so the first
 * explicit argument is #2 (a `sock:Write()` call site reports it as #1). Each method
 * checks its self first: `sock.Write("x")` (a dot for a colon, a common slip) raises
 * "bad argument #1 to 'Write' (TcpSocket expected, got string)" instead of misbehaving.
 */
export function classMetatable<T>(
  name: string,
  isSelf: (o: unknown) => o is T,
  methods: Record<string, (self: T, a?: any, b?: any, c?: any, ...more: any[]) => LuaValue>,
  props: Record<string, Getter<T>>,
  setters: Record<string, Setter<T>>,
): LuaTable {
  const getters = new Map<string, Getter<T>>();
  for (const [k, f] of Object.entries(methods)) {
    // The same arity goes through, so a method can tell a missing argument from nil.
    const checked = function (self: LuaValue, a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
      if (!isSelf(self)) throw typeError(self, 1, k, name, arguments.length === 0);
      const n = arguments.length;
      if (n > 4) return (f as (...args: LuaValue[]) => LuaValue).apply(undefined, arguments as unknown as LuaValue[]);
      return n === 4 ? f(self, a, b, c) : n === 3 ? f(self, a, b) : n === 2 ? f(self, a) : f(self);
    };
    getters.set(k, () => checked);
  }
  for (const [k, g] of Object.entries(props)) getters.set(k, g);
  const writers = new Map<string, Setter<T>>(Object.entries(setters));
  const mt = new LuaTable();
  mt.set("__name", name);
  mt.set("__index", (o: T, k: LuaValue) => {
    const g = typeof k === "string" ? getters.get(k) : undefined;
    if (g === undefined) throw unknownMember(name, k);
    return g(o);
  });
  mt.set("__newindex", (o: T, k: LuaValue, v: LuaValue) => {
    const s = typeof k === "string" ? writers.get(k) : undefined;
    if (s !== undefined) return s(o, v);
    if (typeof k === "string" && getters.has(k)) throw runtimeError(`${name} member '${k}' is read-only`);
    throw unknownMember(name, k);
  });
  return mt;
}

/**
 * lauxlib's "got no value": raise when argument `n` (self counted) was not given at all.
 * Methods call it with their own `arguments.length`.
 */
export function checkGiven(given: number, n: number, fname: string, expected: string): void {
  if (given < n) throw typeError(undefined, n, fname, expected, true);
}

/**
 * A library table (`TcpSocket`, `Timer`, `TcpSocket.EOL`...): the members are raw entries,
 * so lookups of known names never reach the metatable; unknown names raise. Scripts may
 * still add their own keys (a library is a table on a Core too).
 */
export function libraryTable(name: string, members: Record<string, LuaValue>): LuaTable {
  const t = new LuaTable();
  for (const [k, v] of Object.entries(members)) t.set(k, v);
  const mt = new LuaTable();
  mt.set("__index", (_t: LuaTable, k: LuaValue) => {
    throw unknownMember(name, k);
  });
  t.metatable = mt;
  return t;
}

/** A property value in seconds (timeouts): a number (or numeric string), never negative. */
export function secondsValue(owner: string, member: string, v: LuaValue): number {
  let n: number | undefined;
  if (typeof v === "number") n = v;
  else if (v instanceof LuaFloat) n = v.n;
  else if (typeof v === "bigint") n = Number(v);
  else if (typeof v === "string") {
    const x = str2number(v);
    if (x !== undefined) n = toJsNumber(x);
  }
  if (n === undefined || Number.isNaN(n))
    throw runtimeError(`bad value for ${owner}.${member} (number expected, got ${typeNameForError(v)})`);
  return n > 0 ? n : 0;
}
