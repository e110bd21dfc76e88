// The global environment: the global table G with the base library, the standard library
// tables, and _G/_VERSION. Generated code imports these bindings by their Lua names.
import { nameLibraryFunction } from "./args.ts";
import { registerFunctionName } from "./errors.ts";
import * as base from "./base.ts";
import { LuaTable } from "./table.ts";
import { stringMeta } from "./meta.ts";
import type { LuaFunction, LuaValue } from "./value.ts";

/** The global table (_G). */
export const G = new LuaTable();

export const _VERSION = "Lua 5.3";

/**
 * A library table: a real LuaTable for Lua code (pairs, indexing, mutation), whose functions are
 * also plain JS properties, so generated code can call `string.format(...)` directly when the
 * program never modifies the library.
 */
/** Library members as generated code sees them: functions callable with any Lua arguments. */
export type LibraryMembers<T> = { [K in keyof T]: T[K] extends (...args: any[]) => any ? LuaFunction : T[K] };

export function libTable<T extends Record<string, LuaValue>>(name: string, members: T): LuaTable & LibraryMembers<T> {
  const t = new LuaTable() as LuaTable & LibraryMembers<T>;
  for (const k of Object.keys(members)) {
    if (typeof members[k] === "function") nameLibraryFunction(members[k], `${name}.${k}`);
    t.set(k, members[k]);
    (t as Record<string, LuaValue>)[k] = members[k];
  }
  G.set(name, t);
  return t;
}

// The base functions, typed as callable with any Lua arguments, as Lua code calls them.
export const assert: LuaFunction = base.assert;
export const collectgarbage: LuaFunction = base.collectgarbage;
export const error: LuaFunction = base.error;
export const getmetatable: LuaFunction = base.getmetatable;
export const ipairs: LuaFunction = base.ipairs;
export const next: LuaFunction = base.next;
export const pairs: LuaFunction = base.pairs;
export const pcall: LuaFunction = base.pcall;
export const print: LuaFunction = base.print;
export const rawequal: LuaFunction = base.rawequal;
export const rawget: LuaFunction = base.rawget;
export const rawlen: LuaFunction = base.rawlen;
export const rawset: LuaFunction = base.rawset;
export const select: LuaFunction = base.select;
export const setmetatable: LuaFunction = base.setmetatable;
export const tonumber: LuaFunction = base.tonumber;
export const tostring: LuaFunction = base.tostring;
export const type: LuaFunction = base.type;
export const xpcall: LuaFunction = base.xpcall;
const baseFunctions = { assert, collectgarbage, error, getmetatable, ipairs, next, pairs, pcall, print, rawequal, rawget, rawlen, rawset, select, setmetatable, tonumber, tostring, type, xpcall };
for (const [name, f] of Object.entries(baseFunctions)) {
  G.set(name, f);
  registerFunctionName(name, name);
}
G.set("_G", G);
base.setGlobalTable(G);
G.set("_VERSION", _VERSION);

/** Strings index the string library: ("x"):rep(3). */
export function setStringLibrary(lib: LuaTable): void {
  stringMeta.set("__index", lib);
}
