// `..`, `#` and tostring: the operations that turn values into text or sizes.
import { call } from "./call.ts";
import { runtimeError } from "./errors.ts";
import { metamethod, getMetatable, typeNameForError } from "./meta.ts";
import { numberToString } from "./number.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, type, type LuaValue } from "./value.ts";

export function concat(a: LuaValue, b: LuaValue): LuaValue {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "string" || ta === "number") && (tb === "string" || tb === "number")) {
    return (ta === "string" ? a : numberToString(a)) + (tb === "string" ? b : numberToString(b));
  }
  return concatSlow(a, b);
}

function concatSlow(a: LuaValue, b: LuaValue): LuaValue {
  const sa = stringish(a);
  const sb = stringish(b);
  if (sa !== undefined && sb !== undefined) return sa + sb;
  const h = metamethod(a, "__concat") ?? metamethod(b, "__concat");
  if (h !== undefined) {
    const r = h(a, b);
    return Array.isArray(r) ? r[0] : r;
  }
  const bad = sa === undefined ? 0 : 1;
  throw runtimeError(`attempt to concatenate a ${typeNameForError(bad === 0 ? a : b)} value`, bad);
}

function stringish(v: LuaValue): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  return undefined;
}

export function len(v: LuaValue): LuaValue {
  if (typeof v === "string") return v.length;
  if (v instanceof LuaTable) {
    if (v.metatable === undefined) return v.length();
    const h = v.metatable.getStr("__len");
    if (h === undefined) return v.length();
    const r = h(v);
    return Array.isArray(r) ? r[0] : r;
  }
  const h = metamethod(v, "__len");
  if (h !== undefined) {
    const r = h(v);
    return Array.isArray(r) ? r[0] : r;
  }
  throw runtimeError(`attempt to get length of a ${typeNameForError(v)} value`, 0);
}

const ids = new WeakMap<object, number>();
let nextId = 0x55a4c03e1000;

/** A stable pseudo address per object, printed as Lua prints pointers. */
export function addressOf(o: object): string {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId += 0x40));
  return "0x" + id.toString(16);
}

export function tostring(v: LuaValue): string {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "bigint":
      return numberToString(v);
    case "undefined":
      return "nil";
    case "boolean":
      return v ? "true" : "false";
  }
  if (v instanceof LuaFloat) return numberToString(v);
  const h = metamethod(v, "__tostring");
  if (h !== undefined) {
    const r = typeof h === "function" ? h(v) : call(h, v);
    const s = Array.isArray(r) ? r[0] : r;
    if (typeof s === "string") return s;
    // luaL_tolstring checks lua_isstring, which numbers pass (converted in place)
    if (typeof s === "number" || typeof s === "bigint" || s instanceof LuaFloat) return numberToString(s);
    throw runtimeError("'__tostring' must return a string");
  }
  const name = getMetatable(v)?.getStr("__name");
  const kind = typeof name === "string" ? name : type(v);
  return `${kind}: ${addressOf(v)}`;
}
