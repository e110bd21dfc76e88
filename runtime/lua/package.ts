// require and the package library (loadlib.c), over the modules a build bundled.
//
// A program cannot load Lua files at run time (the runtime holds no compiler): the compiler
// finds the modules a script requires, compiles each into the bundle, and each compiled chunk
// registers the modules it imports under their file name ("./util.lua"). require then runs
// Lua 5.3's steps: package.loaded, then the searchers — package.preload (where the built-in
// modules such as rapidjson live), then package.path over the bundled files.
import { checkString, nameLibraryFunction, optString, typeError } from "./args.ts";
import { call, first } from "./call.ts";
import { G } from "./env.ts";
import { cError, cFunctionBoundary, LuaError } from "./errors.ts";
import { index } from "./index-ops.ts";
import { coroutine, debug, io, math, os, string, table, utf8 } from "./stdlib.ts";
import { LuaTable } from "./table.ts";
import { truthy, type LuaFunction, type LuaValue } from "./value.ts";

/** A compiled chunk's main function: called with the module name and the file name. */
export type ModuleChunk = (...args: LuaValue[]) => LuaValue;

/** Bundled Lua files by normalised file name ("./a/b.lua"). */
const bundled = new Map<string, ModuleChunk>();

/** The path templates the compiler searched when it bundled modules. */
export const DEFAULT_PATH = "./?.lua;./?/init.lua";

/** Called by compiled chunks for each module they import (at module load, before main runs). */
export function registerModule(file: string, chunk: ModuleChunk): void {
  bundled.set(normalisePath(file), chunk);
}

/** "a/b.lua" and "./a/b.lua" name the same bundled file. */
function normalisePath(p: string): string {
  return p.startsWith("./") || p.startsWith("../") || p.startsWith("/") ? p : "./" + p;
}

function lib(members: Record<string, LuaValue>): LuaTable {
  const t = new LuaTable();
  for (const [k, v] of Object.entries(members)) t.set(k, v);
  return t;
}

/**
 * A module's table (not a global): its functions are named "name.member" for argument errors
 * raised when one is called straight from pcall, as lauxlib finds them in package.loaded.
 */
export function moduleTable(name: string, members: Record<string, LuaValue>): LuaTable {
  for (const [k, v] of Object.entries(members)) if (typeof v === "function") nameLibraryFunction(v, `${name}.${k}`);
  return lib(members);
}

const loaded = lib({ _G: G, string, table, math, os, io, utf8, coroutine, debug });
const preload = new LuaTable();

/** A built-in module (rapidjson, json...): created on first require, as a preloaded C module. */
export function registerBuiltinModule(name: string, open: () => LuaValue): void {
  preload.set(name, (() => open()) as LuaFunction);
}

/** package.searchpath over the bundled files: the first template that names one. */
function searchpath(name: LuaValue, path: LuaValue, sep?: LuaValue, rep?: LuaValue): LuaValue {
  let n = checkString(name, 1, "searchpath");
  const p = checkString(path, 2, "searchpath");
  const s = optString(sep, 3, "searchpath", ".");
  const r = optString(rep, 4, "searchpath", "/");
  if (s !== "") n = n.split(s).join(r);
  let tried = "";
  for (const template of p.split(";")) {
    if (template === "") continue;
    const file = template.split("?").join(n);
    if (bundled.has(normalisePath(file))) return file;
    tried += `\n\tno file '${file}'`;
  }
  return [undefined, tried];
}

function searcherPreload(name: LuaValue): LuaValue {
  const n = checkString(name, 1, "searcher_preload");
  const pre = index(packageLib, "preload");
  if (!(pre instanceof LuaTable)) throw new LuaError("'package.preload' must be a table");
  const loader = pre.get(n);
  return loader === undefined ? `\n\tno field package.preload['${n}']` : loader;
}

function searcherLua(name: LuaValue): LuaValue {
  const n = checkString(name, 1, "searcher_Lua");
  const path = index(packageLib, "path");
  if (typeof path !== "string") throw new LuaError("'package.path' must be a string");
  const found = searchpath(n, path);
  if (Array.isArray(found)) return found[1];
  const chunk = bundled.get(normalisePath(found))!;
  return [chunk, found];
}

export const packageLib = lib({
  config: "/\n;\n?\n!\n-\n",
  cpath: "",
  path: DEFAULT_PATH,
  loaded,
  preload,
  searchers: lib({}),
  searchpath,
});
(packageLib.get("searchers") as LuaTable).set(1, searcherPreload);
(packageLib.get("searchers") as LuaTable).set(2, searcherLua);
loaded.set("package", packageLib);

/** Modules whose loader is running: requiring one again is a loop. */
const loading = new Set<string>();


function findLoader(name: string): [LuaValue, LuaValue] {
  const searchers = index(packageLib, "searchers");
  if (!(searchers instanceof LuaTable)) throw cError("'package.searchers' must be a table");
  let msg = "";
  for (let i = 1; ; i++) {
    const searcher = searchers.get(i);
    if (searcher === undefined) throw cError(`module '${name}' not found:${msg}`);
    const r = call(searcher, name);
    const loader = first(r);
    if (typeof loader === "function") return [loader, Array.isArray(r) ? r[1] : undefined];
    if (typeof loader === "string") msg += loader;
  }
}

export function require(name: LuaValue): LuaValue {
  if (arguments.length === 0) throw typeError(name, 1, "require", "string", true);
  const n = checkString(name, 1, "require");
  const done = loaded.get(n);
  if (truthy(done)) return done;
  if (loading.has(n)) throw cError(`loop or previous error loading module '${n}'`);
  const [loader, extra] = findLoader(n);
  loading.add(n);
  let result: LuaValue;
  try {
    result = first(cFunctionBoundary(() => call(loader, n, extra)));
  } finally {
    loading.delete(n);
  }
  if (result !== undefined) loaded.set(n, result);
  const value = loaded.get(n);
  if (value !== undefined) return value;
  loaded.set(n, true);
  return true;
}

G.set("require", require);
G.set("package", packageLib);
