// Argument checks for library functions, with lauxlib's messages:
// "bad argument #1 to 'sub' (number expected, got nil)".
import { argumentError, registerFunctionName, type LuaError } from "./errors.ts";
import { typeNameForError } from "./meta.ts";
import { numberToString, str2number } from "./number.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, type LuaValue } from "./value.ts";
import { toInt64 } from "./bitwise.ts";

export function argError(n: number, fname: string, msg: string): LuaError {
  return argumentError(n, fname, msg);
}

/** Library functions by their global names ("string.rep"), as lauxlib's pushglobalfuncname finds them. */
const globalNames = new WeakMap<Function, string>();

export function nameLibraryFunction(f: Function, qualified: string): void {
  globalNames.set(f, qualified);
  registerFunctionName(qualified.slice(qualified.lastIndexOf(".") + 1), qualified);
}

/**
 * A library function called straight from pcall has no call-site name, so lauxlib names it
 * by its global name: `pcall(string.rep)` fails with "bad argument #1 to 'string.rep'".
 */
export function qualifyArgError(f: LuaValue, message: LuaValue): LuaValue {
  const qualified = typeof f === "function" ? globalNames.get(f) : undefined;
  if (qualified === undefined || typeof message !== "string") return message;
  const short = qualified.slice(qualified.lastIndexOf(".") + 1);
  const m = /^bad argument #\d+ to '([^']*)'/.exec(message);
  return m && m[1] === short ? message.replace(`'${short}'`, `'${qualified}'`) : message;
}

/** "X expected, got Y"; pass absent=true when the argument was not given at all ("no value"). */
export function typeError(v: LuaValue, n: number, fname: string, expected: string, absent = false): LuaError {
  const got = absent ? "no value" : typeNameForError(v);
  return argError(n, fname, `${expected} expected, got ${got}`);
}

/** A Lua integer (number or bigint) from an integer, an integral float or a numeric string. */
export function checkInteger(v: LuaValue, n: number, fname: string): number | bigint {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint") return v;
  let x: number | bigint | LuaFloat | undefined = v;
  if (typeof v === "string") x = str2number(v);
  if (typeof x === "number" || x instanceof LuaFloat || typeof x === "bigint") {
    const i = toInt64(x);
    if (i === undefined) throw argError(n, fname, "number has no integer representation");
    return i >= -9007199254740991n && i <= 9007199254740991n ? Number(i) : i;
  }
  throw typeError(v, n, fname, "number");
}

/** An integer argument as a JS number (bigints beyond 2^53 are clamped: fine for sizes and positions). */
export function checkInt(v: LuaValue, n: number, fname: string): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  const i = checkInteger(v, n, fname);
  return typeof i === "number" ? i : i > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

export function optInt(v: LuaValue, n: number, fname: string, def: number): number {
  return v === undefined ? def : checkInt(v, n, fname);
}

/** A number argument as a JS double (integers converted), for math-like functions. */
export function checkNumber(v: LuaValue, n: number, fname: string): number {
  if (typeof v === "number") return v;
  if (v instanceof LuaFloat) return v.n;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    const x = str2number(v);
    if (x !== undefined) return typeof x === "number" ? x : typeof x === "bigint" ? Number(x) : x.n;
  }
  throw typeError(v, n, fname, "number");
}

/** A number argument kept as a Lua number (subtype preserved). */
export function checkLuaNumber(v: LuaValue, n: number, fname: string): number | bigint | LuaFloat {
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return v;
  if (typeof v === "string") {
    const x = str2number(v);
    if (x !== undefined) return x;
  }
  throw typeError(v, n, fname, "number");
}

/** A string argument; numbers are converted as Lua does. */
export function checkString(v: LuaValue, n: number, fname: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  throw typeError(v, n, fname, "string");
}

export function optString(v: LuaValue, n: number, fname: string, def: string): string {
  return v === undefined ? def : checkString(v, n, fname);
}

export function checkTable(v: LuaValue, n: number, fname: string): LuaTable {
  if (v instanceof LuaTable) return v;
  throw typeError(v, n, fname, "table");
}
