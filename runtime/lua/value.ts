// The Lua 5.3 value model on JS values.
//
//   nil      -> undefined
//   boolean  -> boolean
//   integer  -> number when a safe integer, bigint otherwise (always within int64)
//   float    -> number when not integral (incl. NaN, ±inf); LuaFloat box when integral (incl. -0)
//   string   -> JS string of bytes (char codes 0..255)
//   table    -> LuaTable
//   function -> JS function (see call.ts for the calling convention)
//   userdata -> any other object (Q-SYS objects); their Lua-visible members come from a metatable
//
// Each Lua value has exactly one representation, so `===` is Lua's raw equality for every
// type but float/integer pairs with the same numeric value (1 == 1.0), which eq() handles.
import type { LuaTable } from "./table.ts";

/** A float whose value is integral (5.0, -0.0, 2^70): boxed so it stays a float. */
export class LuaFloat {
  constructor(readonly n: number) {}
}

export type LuaFunction = (...args: any[]) => any;
export type LuaValue = any;

/** Several (or zero) results of a call. Lua values are never JS arrays, so any array returned is one. */
export type LuaMulti = LuaValue[];

export const MAXINT = 0x7fffffffffffffffn;
export const MININT = -0x8000000000000000n;

/** Boxes of the small integral floats, shared (a LuaFloat never changes). */
const SMALL_FLOATS: LuaFloat[] = [];
for (let i = -256; i <= 1024; i++) SMALL_FLOATS.push(new LuaFloat(i));

/** A float result: box it when integral so it keeps the float subtype. */
export function mkfloat(n: number): number | LuaFloat {
  return Number.isInteger(n) ? float(n) : n;
}

/** An int64 result in canonical form: a safe number, else bigint. */
export function mkint(b: bigint): number | bigint {
  const w = BigInt.asIntN(64, b);
  return w >= -9007199254740991n && w <= 9007199254740991n ? Number(w) : w;
}

export function isFloat(v: LuaValue): boolean {
  return (typeof v === "number" && !Number.isInteger(v)) || v instanceof LuaFloat;
}

export function isInteger(v: LuaValue): boolean {
  return (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint";
}

export function isNumber(v: LuaValue): boolean {
  return typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat;
}

/** The JS number nearest to a Lua number (exact for floats). */
export function toJsNumber(v: number | bigint | LuaFloat): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.n;
}

/** A float with an integral value (`1.0`), boxed; small ones come from a shared set. */
export function float(n: number): LuaFloat {
  if (n >= -256 && n <= 1024 && (n !== 0 || 1 / n > 0)) return SMALL_FLOATS[n + 256];
  return new LuaFloat(n);
}

/** `a or b` is `notFalse(a) ?? b`: nil and false both select b. */
export function notFalse(v: LuaValue): LuaValue {
  return v === false ? undefined : v;
}

export function truthy(v: LuaValue): boolean {
  return v !== undefined && v !== false;
}

let tableClass: { prototype: object } | undefined;
/** table.ts registers itself here so type() needs no import cycle. */
export function registerTableClass(c: { prototype: object }): void {
  tableClass = c;
}

export function type(v: LuaValue): string {
  switch (typeof v) {
    case "undefined":
      return "nil";
    case "boolean":
      return "boolean";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
    case "function":
      return "function";
  }
  if (v instanceof LuaFloat) return "number";
  if (tableClass && v instanceof (tableClass as any)) return "table";
  if (v instanceof Coroutine) return "thread";
  return "userdata";
}

/** Marker base for coroutine objects (runtime/lua/coroutine.ts), so type() can name them. */
export class Coroutine {}

export type { LuaTable };
