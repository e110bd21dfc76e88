// Equality and order (lvm.c luaV_equalobj, luaV_lessthan, luaV_lessequal).
import { runtimeError } from "./errors.ts";
import { getMetatable, metamethod, typeNameForError, LuaUserdata } from "./meta.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, type LuaValue } from "./value.ts";

const numeric = (v: LuaValue): boolean => typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat;
const unbox = (v: LuaValue): number | bigint => (v instanceof LuaFloat ? v.n : v);

/** JS number/bigint comparisons are exact across the two, which is what Lua's mixed compare needs. */
function numEq(a: number | bigint, b: number | bigint): boolean {
  // eslint-disable-next-line eqeqeq
  return a == b;
}

export function eq(a: LuaValue, b: LuaValue): boolean {
  // the one value not equal to itself: a NaN boxed as a LuaFloat (the "nan" spelling)
  if (a === b) return !(a instanceof LuaFloat) || a.n === a.n;
  if (numeric(a)) return numeric(b) && numEq(unbox(a), unbox(b));
  if ((a instanceof LuaTable && b instanceof LuaTable) || (a instanceof LuaUserdata && b instanceof LuaUserdata)) {
    const h = getMetatable(a)?.getStr("__eq") ?? getMetatable(b)?.getStr("__eq");
    if (h === undefined) return false;
    const r = h(a, b);
    const v = Array.isArray(r) ? r[0] : r;
    return v !== undefined && v !== false;
  }
  return false;
}

export function ne(a: LuaValue, b: LuaValue): boolean {
  return !eq(a, b);
}

export function lt(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") return a < b;
  if (numeric(a) && numeric(b)) return unbox(a) < unbox(b);
  return orderMeta(a, b, "__lt");
}

export function le(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a <= b;
  if (typeof a === "string" && typeof b === "string") return a <= b;
  if (numeric(a) && numeric(b)) return unbox(a) <= unbox(b);
  const h = metamethod(a, "__le") ?? metamethod(b, "__le");
  if (h !== undefined) return truthyResult(h(a, b));
  // 5.3 falls back to not (b < a) when there is no __le
  const h2 = metamethod(b, "__lt") ?? metamethod(a, "__lt");
  if (h2 !== undefined) return !truthyResult(h2(b, a));
  throw compareError(a, b);
}

/** `a > b`: Lua evaluates a then b, then tests b < a. */
export function gt(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a > b;
  return lt(b, a);
}

export function ge(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === "number" && typeof b === "number") return a >= b;
  return le(b, a);
}

function orderMeta(a: LuaValue, b: LuaValue, event: string): boolean {
  const h = metamethod(a, event) ?? metamethod(b, event);
  if (h === undefined) throw compareError(a, b);
  return truthyResult(h(a, b));
}

function truthyResult(r: LuaValue): boolean {
  const v = Array.isArray(r) ? r[0] : r;
  return v !== undefined && v !== false;
}

function compareError(a: LuaValue, b: LuaValue) {
  const t1 = typeNameForError(a);
  const t2 = typeNameForError(b);
  return runtimeError(t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
}
