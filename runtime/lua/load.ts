// load, loadfile and dofile (lbaselib.c): Lua source compiled while the program runs.
//
// The runtime holds no compiler (DESIGN.md: it never imports the compiler). A program whose
// source names `load` (or loadfile, dofile) is bundled with the compiler, which registers
// itself here through setChunkCompiler before the script starts (compiler/bundle.ts,
// compiler/load-chunk.ts). Other programs get functions that say so. Binary (precompiled)
// chunks cannot be loaded: there is no Lua bytecode here. Files are read as io reads them,
// under the data directory (runtime/lua/io.ts sandboxPath); stdin when no name is given.
import { readFileSync } from "node:fs";
import { checkString, optString, typeError } from "./args.ts";
import { call, first } from "./call.ts";
import { G } from "./env.ts";
import { forgetChunk, LuaError, namedBoundary, registerFunctionName, runtimeError, toLuaError } from "./errors.ts";
import { fileResult, sandboxPath } from "./io.ts";
import { LuaFloat, type LuaFunction, type LuaValue } from "./value.ts";

/** A compiled chunk: its main function for a given _ENV. */
export interface LoadedChunk {
  instantiate(env: LuaValue): LuaFunction;
  /** The file name its positions are registered under (runtime/lua/errors.ts). */
  file: string;
  /** The chunk defines functions: its code may run after its main function is gone. */
  closures: boolean;
}

/**
 * Compiles Lua source (a byte string) named `shortSrc` in messages (`[string "..."]`),
 * `source` being the chunk name as given to load. Returns the chunk, or the syntax error's
 * message (`[string "x = "]:1: unexpected symbol near <eof>`).
 */
export type ChunkCompiler = (text: string, shortSrc: string, source: string) => LoadedChunk | string;

let compiler: ChunkCompiler | undefined;

export function setChunkCompiler(c: ChunkCompiler): void {
  compiler = c;
}

const LUA_IDSIZE = 60;

/** luaO_chunkid: how a chunk name appears in messages. */
export function chunkId(source: string): string {
  const nul = source.indexOf("\0");
  if (nul >= 0) source = source.slice(0, nul); // C strings end there
  if (source.startsWith("=")) return source.slice(1, LUA_IDSIZE);
  if (source.startsWith("@")) {
    return source.length <= LUA_IDSIZE ? source.slice(1) : "..." + source.slice(source.length - (LUA_IDSIZE - 4));
  }
  // [string "source"]: the first line, cut to fit
  const room = LUA_IDSIZE - '[string "..."]'.length - 1;
  const nl = source.indexOf("\n");
  if (source.length < room && nl < 0) return `[string "${source}"]`;
  let line = nl >= 0 ? source.slice(0, nl) : source;
  if (line.length > room) line = line.slice(0, room);
  return `[string "${line}..."]`;
}

/** The main functions load returned, by the file their chunk is registered under (debug.getinfo). */
const loadedMains = new WeakMap<Function, string>();

export function loadedMainFile(f: Function): string | undefined {
  return loadedMains.get(f);
}

/** Chunks without functions of their own are forgotten once their main function is collected. */
const finalizer = new FinalizationRegistry<string>((file) => forgetChunk(file));

export function load(chunk: LuaValue, chunkname?: LuaValue, mode?: LuaValue, env?: LuaValue): LuaValue {
  const hasEnv = arguments.length >= 4;
  let text: string;
  let name: string;
  let read: (() => LuaValue) | undefined;
  if (typeof chunk === "string" || typeof chunk === "number" || typeof chunk === "bigint" || chunk instanceof LuaFloat) {
    text = checkString(chunk, 1, "load");
    name = optString(chunkname, 2, "load", text);
  } else {
    if (typeof chunk !== "function") throw typeError(chunk, 1, "load", "function", arguments.length === 0);
    name = optString(chunkname, 2, "load", "=(load)");
    // generic_reader: pieces until nil or ""; the first one decides text or binary
    const reader = chunk;
    const piece = (): string | undefined => {
      const v = first(call(reader));
      if (v === undefined || v === "") return undefined;
      if (typeof v === "string") return v;
      if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return checkString(v, 1, "load");
      throw new ReaderError();
    };
    read = piece;
    text = "";
  }
  const m = optString(mode, 3, "load", "bt");
  return loadChunk(text, read, name, m, hasEnv ? env : G);
}

/** lua_load: the chunk's text (or its reader), checked against the mode, compiled with _ENV = env. */
function loadChunk(text: string, read: (() => string | undefined) | undefined, name: string, m: string, env: LuaValue): LuaValue {
  try {
    if (read !== undefined) text = read() ?? "";
    const binary = text.startsWith("\x1b");
    if (!m.includes(binary ? "b" : "t")) return [undefined, `attempt to load a ${binary ? "binary" : "text"} chunk (mode is '${m}')`];
    if (binary) return [undefined, `${undumpName(name)}: bad binary format (qsys2ts cannot load precompiled chunks)`];
    if (read !== undefined && text !== "") {
      const pieces = [text];
      for (let p = read(); p !== undefined; p = read()) pieces.push(p);
      text = pieces.join("");
    }
  } catch (e) {
    // luaL_error in the reader: positioned at load's caller
    if (e instanceof ReaderError) return [undefined, runtimeError("reader function must return a string").value];
    return [undefined, toLuaError(e).value];
  }
  if (compiler === undefined) return [undefined, "load: this program was built without the Lua compiler (its source never names 'load')"];
  const compiled = compiler(text, chunkId(name), name);
  if (typeof compiled === "string") return [undefined, compiled];
  const main = compiled.instantiate(env);
  loadedMains.set(main, compiled.file);
  if (!compiled.closures) finalizer.register(main, compiled.file);
  return main;
}

class ReaderError extends Error {}

/** luaL_loadfilex: a file's text (its "#" first line and UTF-8 BOM skipped), named "@name". */
export function loadfile(filename?: LuaValue, mode?: LuaValue, env?: LuaValue): LuaValue {
  const name = filename === undefined ? undefined : checkString(filename, 1, "loadfile");
  const m = optString(mode, 2, "loadfile", "bt");
  return loadFileChunk(name, m, arguments.length >= 3 ? env : G);
}

function loadFileChunk(name: string | undefined, m: string, env: LuaValue): LuaValue {
  let text: string;
  try {
    if (name === undefined) text = readFileSync(0).toString("latin1");
    else {
      const path = sandboxPath(name);
      if (typeof path !== "string") throw path;
      text = readFileSync(path).toString("latin1");
    }
  } catch (e) {
    return [undefined, `cannot ${name === undefined ? "read" : "open"} ${name ?? "stdin"}: ${fileResult(e, undefined)[1]}`];
  }
  if (text.startsWith("\xef\xbb\xbf")) text = text.slice(3);
  // a first line starting with # is skipped, its newline kept so line numbers stay right
  if (text.startsWith("#")) text = text.replace(/^[^\n]*/, "");
  return loadChunk(text, undefined, name === undefined ? "=stdin" : "@" + name, m, env);
}

const dofileBoundary = namedBoundary("dofile");

/** dofile: run a file's chunk, passing on all its results; a load failure is raised as is. */
export function dofile(filename?: LuaValue): LuaValue {
  const name = filename === undefined ? undefined : checkString(filename, 1, "dofile");
  const r = loadFileChunk(name, "bt", G);
  if (typeof r !== "function") throw new LuaError((r as LuaValue[])[1]);
  return dofileBoundary(() => call(r));
}

/** The name lundump.c gives a chunk in its messages. */
function undumpName(name: string): string {
  if (name.startsWith("@") || name.startsWith("=")) return name.slice(1);
  if (name.startsWith("\x1b")) return "binary string";
  return name;
}

for (const [name, f] of Object.entries({ load, loadfile, dofile })) {
  G.set(name, f as LuaFunction);
  registerFunctionName(name, name);
}
