// The global environment: the global table G with the base library, the standard library
// tables, and _G/_VERSION. Generated code imports these bindings by their Lua names.
import * as base from "./base.ts";
import { LuaTable } from "./table.ts";
import { stringMeta } from "./meta.ts";
import type { LuaValue } from "./value.ts";

/** The global table (_G). */
export const G = new LuaTable();

export const _VERSION = "Lua 5.3";

/**
 * A library table: a real LuaTable for Lua code (pairs, indexing, mutation), whose functions are
 * also plain JS properties, so generated code can call `string.format(...)` directly when the
 * program never modifies the library.
 */
export function libTable<T extends Record<string, LuaValue>>(name: string, members: T): LuaTable & T {
  const t = new LuaTable() as LuaTable & T;
  for (const k of Object.keys(members)) {
    t.set(k, members[k]);
    (t as Record<string, LuaValue>)[k] = members[k];
  }
  G.set(name, t);
  return t;
}

for (const name of ["assert", "collectgarbage", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall"] as const) {
  G.set(name, base[name]);
}
G.set("_G", G);
G.set("_VERSION", _VERSION);

/** Strings index the string library: ("x"):rep(3). */
export function setStringLibrary(lib: LuaTable): void {
  stringMeta.set("__index", lib);
}
