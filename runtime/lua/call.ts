// The calling convention.
//
// A Lua function is a JS function taking its arguments positionally. It returns one value
// directly, and zero or several values as a JS array (Lua values are never arrays). Calls in
// a one-value position take first(); calls in the last position of an argument list, table
// constructor or return list are expanded with the array as it is.
import { runtimeError } from "./errors.ts";
import { metamethod, stringMeta, typeNameForError } from "./meta.ts";
import { indexVia } from "./index-ops.ts";
import { LuaTable } from "./table.ts";
import type { LuaValue } from "./value.ts";

/** Zero results. Shared and frozen: nobody may push into it. */
export const NONE: LuaValue[] = Object.freeze([]) as unknown as LuaValue[];

/** The first value of a call result (nil for zero results). */
export function first(r: LuaValue): LuaValue {
  return Array.isArray(r) ? r[0] : r;
}

/** Normalise a call result to an array of values (for expansion into lists). */
export function results(r: LuaValue): LuaValue[] {
  return Array.isArray(r) ? r : [r];
}

/** Return several values: a single one travels unwrapped. */
export function ret(...values: LuaValue[]): LuaValue {
  return values.length === 1 ? values[0] : values;
}

/**
 * Call any Lua value: functions directly, other values through __call. Written with fixed
 * parameters and `arguments.length` (not a rest array): most calls pass few arguments, and
 * the count must be kept (a Lua function sees how many it got).
 */
export const call: (f: LuaValue, ...args: LuaValue[]) => LuaValue = callFixed;

function callFixed(f: LuaValue, a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
  if (typeof f === "function") {
    switch (arguments.length) {
      case 1:
        return f();
      case 2:
        return f(a);
      case 3:
        return f(a, b);
      case 4:
        return f(a, b, c);
    }
  }
  return callRest(f, Array.prototype.slice.call(arguments, 1));
}

function callRest(f: LuaValue, args: LuaValue[]): LuaValue {
  if (typeof f === "function") return f(...args);
  return callSlow(f, args, 0);
}

/**
 * `obj:name(args)`: index once, pass obj as the first argument. The call site names its
 * operands [the method, the object]: a failed call names the method, a failed index the object.
 */
export const callMethod: (obj: LuaValue, name: string, ...args: LuaValue[]) => LuaValue = callMethodFixed;

function callMethodFixed(obj: LuaValue, name: string, a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
  let f: LuaValue;
  if (obj instanceof LuaTable) {
    f = obj.getStr(name);
    if (f === undefined && obj.metatable !== undefined) f = indexVia(obj.metatable.metaIndex, obj, name, 1);
  } else {
    const h = typeof obj === "string" ? stringMeta.metaIndex : metamethod(obj, "__index");
    if (h === undefined) throw runtimeError(`attempt to index a ${typeNameForError(obj)} value`, 1);
    f = indexVia(h, obj, name, 1);
  }
  if (typeof f === "function") {
    switch (arguments.length) {
      case 2:
        return f(obj);
      case 3:
        return f(obj, a);
      case 4:
        return f(obj, a, b);
      case 5:
        return f(obj, a, b, c);
    }
  }
  const args = Array.prototype.slice.call(arguments, 2);
  if (typeof f === "function") return f(obj, ...args);
  return callSlow(f, [obj, ...args], 0);
}

/** ldo.c tryfuncTM: one __call, which must be a function (5.3 does not chain them). */
export function callSlow(f: LuaValue, args: LuaValue[], operand: number): LuaValue {
  const h = metamethod(f, "__call");
  if (typeof h !== "function") throw runtimeError(`attempt to call a ${typeNameForError(f)} value`, operand);
  return h(f, ...args);
}

/** Append the values of a trailing multi-result call to fixed leading values. */
export function spread(fixed: LuaValue[], tail: LuaValue): LuaValue[] {
  if (Array.isArray(tail)) {
    for (let i = 0; i < tail.length; i++) fixed.push(tail[i]);
  } else fixed.push(tail);
  return fixed;
}
