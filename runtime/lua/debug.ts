// The debug library (ldblib.c), as far as compiled code can answer it honestly.
//
// Positions come from the JS stack mapped back to Lua (runtime/lua/errors.ts), so traceback
// and getinfo see what an error sees: chunk, current line, where a function was defined and
// how its caller named it. What compiled code does not keep is refused with an error rather
// than invented: locals and upvalues (getlocal, setupvalue...), the registry, user values,
// and the stacks of coroutines other than the running one. Hooks are accepted and kept for
// gethook, but never called: compiled code has no instruction or line events.
import { argError, checkInt, checkString, optInt, typeError } from "./args.ts";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  calledAs, COROUTINE_BASE, formatLevels, handledError, HANDLER_BOUNDARY, levelsOf, mapFrame, registeredFiles, runtimeError,
  qualifiedName, stackSites, type ChunkInfo, type LuaLevel, type LuaPosition, type StackLevel,
} from "./errors.ts";
import { LuaUserdata, getMetatable, stringMeta } from "./meta.ts";
import { numberToString } from "./number.ts";
import { LuaTable } from "./table.ts";
import { Coroutine, LuaFloat, type LuaFunction, type LuaValue } from "./value.ts";
import { NONE } from "./call.ts";
import { LuaCoroutine, running } from "./coroutine.ts";
import { loadedMainFile } from "./load.ts";

/** JS frames looked at for one traceback or getinfo: enough for the deepest Lua stacks tracebacks show. */
const FRAMES = 400;

/**
 * The levels of the running coroutine, innermost first, starting with the caller of `from`
 * (level 1). Inside an xpcall message handler, the handler's own levels are followed by the
 * stack of the error being handled, as in Lua where the handler runs on top of it. The main
 * coroutine's stack ends with the C host that ran the main chunk; another coroutine's ends
 * with its body.
 */
function currentLevels(from: Function): StackLevel[] {
  const sites = stackSites(FRAMES, from);
  const handler = handledError === undefined ? -1 : sites.findIndex((s) => s.getFunctionName() === HANDLER_BOUNDARY);
  let levels: StackLevel[];
  if (handler >= 0) {
    levels = levelsOf(sites.slice(0, handler));
    const err = handledError!;
    if (err.sites !== undefined) {
      if (err.cFunction !== undefined) levels.push({ cName: qualifiedName(err.cFunction) });
      levels.push(...levelsOf(err.sites));
    } else levels.push({ cName: "xpcall" }, ...levelsOf(sites.slice(handler + 1)));
  } else levels = levelsOf(sites);
  const base = levels.findIndex((l) => l.pos === undefined && l.cName === COROUTINE_BASE);
  if (base >= 0) return levels.slice(0, base);
  levels.push({ cName: undefined });
  return levels;
}

/** The thread argument of a debug function: [thread is another coroutine, index of the next argument]. */
function threadArg(args: LuaValue[]): [LuaCoroutine | undefined, number] {
  if (!(args[0] instanceof Coroutine)) return [undefined, 0];
  const co = args[0] as LuaCoroutine;
  const [current] = running() as LuaValue[];
  return [co === current ? undefined : co, 1];
}

export function traceback(...args: LuaValue[]): LuaValue {
  const [other, a] = threadArg(args);
  const msg = args[a];
  if (msg !== undefined && typeof msg !== "string" && typeof msg !== "number" && typeof msg !== "bigint" && !(msg instanceof LuaFloat)) return msg;
  const text = msg === undefined ? "" : (typeof msg === "string" ? msg : numberToString(msg)) + "\n";
  if (other !== undefined) {
    // another coroutine's frames are generator states JS does not show: only where it stopped
    const stopped = other.status === "suspended" && other.gen !== undefined ? "\n\t[C]: in function 'coroutine.yield'" : "";
    return `${text}stack traceback:${stopped}`;
  }
  const level = optInt(args[a + 1], a + 2, "traceback", 1);
  const levels = currentLevels(traceback);
  const shown = level === 0 ? [{ cName: "debug.traceback" }, ...levels] : levels.slice(Math.max(0, level - 1));
  return text + formatLevels(shown);
}

const OPTIONS = "SlnutfL";

export function getinfo(...args: LuaValue[]): LuaValue {
  const [other, a] = threadArg(args);
  const target = args[a];
  let what = args[a + 1] === undefined ? "flnStu" : checkString(args[a + 1], a + 2, "getinfo");
  if (typeof target === "function") what = ">" + what;
  else if (typeof target !== "number" && typeof target !== "bigint" && !(target instanceof LuaFloat) && typeof target !== "string") {
    throw typeError(target, a + 1, "getinfo", "number", target === undefined && args.length <= a);
  }
  const options = what.startsWith(">") ? what.slice(1) : what;
  for (const c of options) if (!OPTIONS.includes(c)) throw argError(a + 2, "getinfo", "invalid option");
  if (typeof target === "function") return functionInfo(target, options);
  const level = checkInt(target, a + 1, "getinfo");
  if (other !== undefined) throw unsupported("getinfo", "a level of another coroutine");
  if (level < 0) return undefined;
  const levels: StackLevel[] = [{ cName: "getinfo" }, ...currentLevels(getinfo)];
  const at = levels[level];
  if (at === undefined) return undefined;
  return levelInfo(at, levels[level + 1], options);
}

/** getinfo for a stack level: what the mapped JS frame tells (no function object, locals or upvalue counts). */
function levelInfo(l: StackLevel, caller: StackLevel | undefined, options: string): LuaTable {
  const t = new LuaTable();
  if (l.pos === undefined) {
    cInfo(t, options);
  } else {
    luaInfo(t, options, l.pos.info, l.defined);
    if (options.includes("l")) t.set("currentline", l.pos.line);
  }
  if (options.includes("n")) {
    const name = caller?.pos !== undefined ? calledAs(caller as LuaLevel) : undefined;
    t.set("namewhat", name ? name[0] : "");
    if (name) t.set("name", name[1]);
  }
  if (options.includes("t")) t.set("istailcall", false);
  return t;
}

function cInfo(t: LuaTable, options: string): void {
  if (options.includes("S")) {
    t.set("source", "=[C]");
    t.set("short_src", "[C]");
    t.set("what", "C");
    t.set("linedefined", -1);
    t.set("lastlinedefined", -1);
  }
  if (options.includes("l")) t.set("currentline", -1);
  if (options.includes("u")) {
    t.set("nups", 0);
    t.set("nparams", 0);
    t.set("isvararg", true);
  }
}

/** The S and u fields of a Lua function defined at `defined` (undefined: a main chunk; null: not known). */
function luaInfo(t: LuaTable, options: string, info: ChunkInfo, defined: { line: number; col: number } | undefined | null): void {
  const main = defined === undefined;
  const facts = defined ? info.definitions?.[`${defined.line}:${defined.col}`] : main ? [0, 0, 1, 1] : undefined;
  if (options.includes("S")) {
    t.set("source", info.source ?? "@" + info.chunk);
    t.set("short_src", info.chunk);
    t.set("what", main ? "main" : "Lua");
    if (defined !== null) t.set("linedefined", main ? 0 : defined.line);
    if (facts) t.set("lastlinedefined", facts[0]);
  }
  if (options.includes("u") && facts) {
    t.set("nups", facts[3]);
    t.set("nparams", facts[1]);
    t.set("isvararg", facts[2] === 1);
  }
}

/** getinfo for a function: a Lua function is found by its text in the code of the chunks. */
function functionInfo(f: LuaFunction, options: string): LuaTable {
  const t = new LuaTable();
  const found = findFunction(f);
  if (found === undefined) cInfo(t, options);
  else {
    luaInfo(t, options, found.info, found.defined);
    if (options.includes("l")) t.set("currentline", -1);
  }
  if (options.includes("n")) t.set("namewhat", "");
  if (options.includes("t")) t.set("istailcall", false);
  if (options.includes("f")) t.set("func", f);
  return t;
}

/** The code of each file holding chunks (read once; a bundle's own file, or a loaded chunk's text). */
const fileText = new Map<string, string | null>();

function codeOf(file: string, infos: readonly ChunkInfo[]): string | null {
  let text = fileText.get(file);
  if (text === undefined) {
    text = infos.find((i) => i.code !== undefined)?.code ?? null;
    if (text === null) {
      try {
        text = readFileSync(file.startsWith("file:") ? fileURLToPath(file) : file, "utf8");
      } catch {
        text = null;
      }
    }
    fileText.set(file, text);
  }
  return text;
}

/**
 * Where a Lua function is: its chunk, and its definition (undefined: the chunk's main
 * function; null: the same text is defined at several places). A compiled Lua function is
 * found by its text, which starts where the emitter mapped its `function` keyword.
 */
function findFunction(f: LuaFunction): { info: ChunkInfo; defined: LuaPosition | undefined | null } | undefined {
  const file = loadedMainFile(f);
  if (file !== undefined) {
    const info = registeredFiles().get(file)?.[0];
    return info && { info, defined: undefined };
  }
  const text = Function.prototype.toString.call(f);
  if (text.includes("[native code]")) return undefined;
  const found: LuaPosition[] = [];
  for (const [file, infos] of registeredFiles()) {
    const code = codeOf(file, infos);
    if (code === null) continue;
    // loaded chunks are evaluated inside `new Function`: V8 numbers their lines from 3
    const offset = infos[0].code !== undefined ? 2 : 0;
    for (let at = code.indexOf(text); at >= 0; at = code.indexOf(text, at + 1)) {
      const before = code.slice(0, at);
      const pos = mapFrame(file, before.split("\n").length + offset, at - before.lastIndexOf("\n"));
      if (pos !== undefined) found.push(pos);
    }
  }
  if (found.length === 0) return undefined;
  // with coroutines a nested function is written twice (in its parent and in the parent's twin)
  const same = found.every((p) => p.info === found[0].info && p.line === found[0].line && p.col === found[0].col);
  return { info: found[0].info, defined: same ? found[0] : null };
}

function unsupported(name: string, what: string): Error {
  return runtimeError(`debug.${name}: ${what} is not available in compiled code (qsys2ts)`);
}

/** The hook sethook set: function, mask ("c", "r", "l" as lua_sethook keeps them) and count. */
let hook: [LuaValue, string, number] | undefined;

/** Kept for gethook; never called (compiled code raises no call, line or count events). */
export function sethook(...args: LuaValue[]): LuaValue {
  const [, a] = threadArg(args);
  const f = args[a];
  if (f === undefined) {
    hook = undefined;
    return NONE;
  }
  const smask = checkString(args[a + 1], a + 2, "sethook");
  if (typeof f !== "function") throw typeError(f, a + 1, "sethook", "function");
  const count = optInt(args[a + 2], a + 3, "sethook", 0);
  const mask = ["c", "r", "l"].filter((c) => smask.includes(c)).join("");
  hook = mask === "" && count <= 0 ? undefined : [f, mask, Math.max(count, 0)];
  return NONE;
}

export function gethook(): LuaValue {
  return hook === undefined ? [undefined, "", 0] : hook;
}

export function getmetatable(v: LuaValue): LuaValue {
  if (arguments.length === 0) throw argError(1, "getmetatable", "value expected");
  return getMetatable(v);
}

export function setmetatable(v: LuaValue, mt: LuaValue): LuaValue {
  if (mt !== undefined && !(mt instanceof LuaTable)) throw typeError(mt, 2, "setmetatable", "nil or table");
  if (v instanceof LuaTable || v instanceof LuaUserdata) v.metatable = mt;
  else if (!(typeof v === "string" && mt === stringMeta)) throw unsupported("setmetatable", `a metatable for ${typeof v === "string" ? "strings" : "this type"}`);
  return v;
}

/** Functions that would need what compiled code does not keep: an error, never a made-up answer. */
function refused(name: string, what: string): LuaFunction {
  return () => {
    throw unsupported(name, what);
  };
}

export const debugLib = {
  traceback,
  getinfo,
  sethook,
  gethook,
  getmetatable,
  setmetatable,
  getlocal: refused("getlocal", "a local variable"),
  setlocal: refused("setlocal", "a local variable"),
  getupvalue: refused("getupvalue", "an upvalue"),
  setupvalue: refused("setupvalue", "an upvalue"),
  upvalueid: refused("upvalueid", "an upvalue"),
  upvaluejoin: refused("upvaluejoin", "an upvalue"),
  getuservalue: refused("getuservalue", "a user value"),
  setuservalue: refused("setuservalue", "a user value"),
  getregistry: refused("getregistry", "the registry"),
  debug: refused("debug", "an interactive prompt"),
};
