// Lua errors: a JS exception carrying a Lua value, and the `chunk.lua:LINE:` positions.
//
// Generated code carries no line numbers. A built bundle registers a table that maps its
// own JS positions back to Lua lines (see compiler/bundle), and positions are recovered
// from the V8 stack only when an error is raised: the fast path pays nothing.
import type { LuaValue } from "./value.ts";

export class LuaError extends Error {
  /** Lua traceback text, filled when the error is raised, printed for uncaught errors. */
  luaTraceback: string | undefined;
  constructor(
    public value: LuaValue,
    traceback?: string,
  ) {
    super(typeof value === "string" ? value : "(error object is not a string)");
    this.luaTraceback = traceback;
  }
}

/** Debug info a bundle registers: positions and operand names of one compiled chunk. */
export interface ChunkInfo {
  /** The chunk name used in messages, e.g. "room.lua". */
  chunk: string;
  /** The file V8 reports for the bundle's frames (import.meta.url or a path). */
  file: string;
  /** lines[jsLine - 1] = flat [jsCol, luaLine, luaCol, ...] sorted by jsCol (0-based cols). */
  lines: number[][];
  /** "luaLine:luaCol" of an operation -> descriptions of its operands ("local 't'"). */
  names: Record<string, string[]>;
  /** "luaLine:luaCol" of a function definition -> its name for tracebacks. */
  functions?: Record<string, string>;
}

const chunks: ChunkInfo[] = [];

export function registerChunk(info: ChunkInfo): void {
  chunks.push(info);
}

export interface LuaPosition {
  chunk: string;
  line: number;
  col: number;
  info: ChunkInfo;
}

function mapFrame(file: string | null | undefined, line: number | null, col: number | null): LuaPosition | undefined {
  if (!file || line == null || col == null) return undefined;
  for (const info of chunks) {
    if (info.file !== file) continue;
    const segs = info.lines[line - 1];
    if (!segs) return undefined;
    // Greatest segment starting at or before the reported column.
    let found = -1;
    for (let i = 0; i < segs.length; i += 3) {
      if (segs[i] <= col - 1) found = i;
      else break;
    }
    if (found < 0) return undefined;
    return { chunk: info.chunk, line: segs[found + 1], col: segs[found + 2], info };
  }
  return undefined;
}

function callSites(limit: number, from: Function): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const stackLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, sites) => sites;
  Error.stackTraceLimit = limit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, from);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = stackLimit;
  return sites;
}

/**
 * Library functions that call Lua functions (pcall, xpcall) run this marker function around
 * the call, so the stack shows where a C function stands between two Lua levels: an error
 * raised by a library function called directly from pcall has no Lua position, as in Lua.
 */
export function cFunctionBoundary<T>(body: () => T): T {
  return body();
}

/**
 * The Lua levels on the current stack, innermost first: a position for each Lua frame,
 * undefined for a C boundary (see cFunctionBoundary).
 */
export function luaLevels(limit = 200, from: Function = luaLevels): (LuaPosition | undefined)[] {
  if (chunks.length === 0) return [];
  const out: (LuaPosition | undefined)[] = [];
  for (const site of callSites(limit, from)) {
    const p = mapFrame(site.getFileName(), site.getLineNumber(), site.getColumnNumber());
    if (p) out.push(p);
    else if (site.getFunctionName() === "cFunctionBoundary") out.push(undefined);
  }
  return out;
}

/** The Lua positions on the current stack, innermost first. */
export function luaStack(limit = 200, from: Function = luaStack): LuaPosition[] {
  return luaLevels(limit, from).filter((p): p is LuaPosition => p !== undefined);
}

/** "chunk:line:" for the function at `level` (1 = the innermost), or "" for a C function. */
export function where(level: number): string {
  const p = luaLevels(level + 8, where)[level - 1];
  return p ? `${p.chunk}:${p.line}: ` : "";
}

/** Positions read from an already captured JS stack text (e.g. a RangeError's). */
export function luaStackFromText(stack: string | undefined): LuaPosition[] {
  if (!stack || chunks.length === 0) return [];
  const out: LuaPosition[] = [];
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/gm)) {
    const p = mapFrame(m[1], Number(m[2]), Number(m[3]));
    if (p) out.push(p);
  }
  return out;
}

/**
 * A runtime fault in Lua code ("attempt to index a nil value (local 't')"), positioned. The
 * operand's name goes where the message has `%v` (as ldebug.c's varinfo), else at its end.
 */
export function runtimeError(message: string, operand = -1): LuaError {
  const levels = luaLevels(64, runtimeError);
  const p = levels[0];
  const desc = p && operand >= 0 ? operandName(p, operand) : undefined;
  const info = desc ? ` (${desc})` : "";
  message = message.includes("%v") ? message.replace("%v", info) : message + info;
  return positioned(message, levels);
}

/** An error raised by a C function itself (luaG_runerror outside Lua code): no position. */
export function cError(message: string): LuaError {
  const err = new LuaError(message);
  err.luaTraceback = formatTraceback(luaStack(64, cError));
  return err;
}

/**
 * lauxlib's luaL_argerror: "bad argument #n to 'name' (msg)", where the name is how the
 * calling Lua code named the function (a local `f` is 'f'); a method call does not count
 * self, so its arguments are numbered from the first explicit one.
 */
export function argumentError(n: number, fname: string, msg: string): LuaError {
  const levels = luaLevels(64, argumentError);
  const p = levels[0];
  const name = p && operandName(p, 0);
  if (name === "for iterator") fname = name;
  const callee = name && /^(global|local|upvalue|method|field) '(.*)'$/.exec(name);
  if (callee) {
    fname = callee[2];
    if (callee[1] === "method" && --n === 0) return positioned(`calling '${fname}' on bad self (${msg})`, levels);
  }
  return positioned(`bad argument #${n} to '${fname}' (${msg})`, levels);
}

function operandName(p: LuaPosition, operand: number): string | undefined {
  return p.info.names[`${p.line}:${p.col}`]?.[operand] || undefined;
}

function positioned(message: string, levels: (LuaPosition | undefined)[]): LuaError {
  const p = levels[0];
  const err = new LuaError(p ? `${p.chunk}:${p.line}: ${message}` : message);
  err.luaTraceback = formatTraceback(levels.filter((l): l is LuaPosition => l !== undefined));
  return err;
}

export function formatTraceback(stack: LuaPosition[]): string {
  const lines = ["stack traceback:"];
  for (const p of stack) {
    const fn = functionNameAt(p);
    lines.push(`\t${p.chunk}:${p.line}: in ${fn}`);
  }
  return lines.join("\n");
}

function functionNameAt(p: LuaPosition): string {
  return p.info.functions?.[`${p.line}:${p.col}`] ?? "function <" + p.chunk + ">";
}

/** Turn anything thrown (Lua errors, JS stack overflows, runtime bugs) into a Lua error. */
export function toLuaError(e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    const p = luaStackFromText(e.stack)[0];
    return new LuaError(p ? `${p.chunk}:${p.line}: stack overflow` : "stack overflow");
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new LuaError(msg);
}
