// Lua errors: a JS exception carrying a Lua value, and the `chunk.lua:LINE:` positions.
//
// Generated code carries no line numbers. A built bundle registers a table that maps its
// own JS positions back to Lua lines (see compiler/bundle), and positions are recovered
// from the V8 stack only when an error is raised: the fast path pays nothing.
//
// Capturing a V8 stack costs about a microsecond per frame, so an error captures only the
// few frames its position needs, and the whole stack (for a traceback) only when no pcall
// is there to catch it.
import type { LuaValue } from "./value.ts";

/**
 * A Lua error. It is an Error to the rest of the program (instanceof, message) but is built
 * as a plain object: constructing a real Error costs about half a microsecond even without
 * a stack, and Lua code that uses error/pcall as control flow raises many.
 */
export interface LuaError extends Error {}
export class LuaError {
  value: LuaValue;
  /** The JS call sites where the error was raised: its Lua traceback, formatted when needed. */
  sites: NodeJS.CallSite[] | undefined = undefined;
  /** The C function that raised it ("error"), shown first in the traceback. */
  cFunction: string | undefined = undefined;
  private tracebackText: string | undefined;
  constructor(value: LuaValue, traceback?: string) {
    this.value = value;
    this.tracebackText = traceback;
  }

  get message(): string {
    return typeof this.value === "string" ? this.value : "(error object is not a string)";
  }

  /** The JS stack of a Lua error is never shown: only the line a real Error would start with. */
  get stack(): string {
    return this.jsStack ?? `Error: ${this.message}`;
  }

  /** Tools (test runners) may rewrite an error's stack. */
  set stack(text: string) {
    this.jsStack = text;
  }
  private jsStack: string | undefined = undefined;

  /** Lua traceback text ("stack traceback:\n\t..."), printed for uncaught errors. */
  get luaTraceback(): string | undefined {
    if (this.tracebackText === undefined && this.sites !== undefined) this.tracebackText = formatTraceback(levelsOf(this.sites), this.cFunction);
    return this.tracebackText;
  }

  set luaTraceback(text: string | undefined) {
    this.tracebackText = text;
  }
}
Object.setPrototypeOf(LuaError.prototype, Error.prototype);

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
  /** The chunk name as Lua's debug.getinfo gives `source` ("@room.lua", "=stdin", the loaded text); default "@" + chunk. */
  source?: string;
  /** "luaLine:luaCol" of a function definition -> [lastlinedefined, nparams, isvararg (1/0), nups]. */
  definitions?: Record<string, number[]>;
  /** The JavaScript text of `file`, when it is not a file to read (chunks compiled by load). */
  code?: string;
}

/** The chunks each file holds (a bundle holds the script and its modules; load adds one file per chunk). */
const chunksByFile = new Map<string, ChunkInfo[]>();
/** How many chunks are registered: with none, no position can be mapped (tests, tools). */
let registered = 0;

export function registerChunk(info: ChunkInfo): void {
  registered++;
  const inFile = chunksByFile.get(info.file);
  if (inFile) inFile.push(info);
  else chunksByFile.set(info.file, [info]);
}

/** Forget the chunks of a file whose code can no longer run (see runtime/lua/load.ts). */
export function forgetChunk(file: string): void {
  const inFile = chunksByFile.get(file);
  if (!inFile) return;
  chunksByFile.delete(file);
  registered -= inFile.length;
}

/** The registered chunks, grouped by file (for debug.getinfo). */
export function registeredFiles(): ReadonlyMap<string, readonly ChunkInfo[]> {
  return chunksByFile;
}

export interface LuaPosition {
  chunk: string;
  line: number;
  col: number;
  info: ChunkInfo;
}

export function mapFrame(file: string | null | undefined, line: number | null, col: number | null): LuaPosition | undefined {
  if (!file || line == null || col == null) return undefined;
  const inFile = chunksByFile.get(file);
  if (inFile === undefined) return undefined;
  // A bundle registers one entry per chunk (the script and each Lua module), each mapping
  // only the bundle lines its chunk occupies.
  for (const info of inFile) {
    const segs = info.lines[line - 1];
    if (!segs || segs.length === 0) continue;
    // Greatest segment starting at or before the reported column.
    let found = -1;
    for (let i = 0; i < segs.length; i += 3) {
      if (segs[i] <= col - 1) found = i;
      else break;
    }
    if (found < 0) continue;
    return { chunk: info.chunk, line: segs[found + 1], col: segs[found + 2], info };
  }
  return undefined;
}

/**
 * The Lua position of a call site, as mapFrame(file, line, col) but asking V8 for the line
 * and column only when the file holds Lua chunks and the line holds Lua code (each CallSite
 * question costs a call into V8; runtime frames need no column).
 */
function mapSite(site: NodeJS.CallSite): LuaPosition | undefined {
  const file = fileOf(site);
  if (!file) return undefined;
  const inFile = chunksByFile.get(file);
  if (inFile === undefined) return undefined;
  const line = site.getLineNumber();
  if (line == null) return undefined;
  for (const info of inFile) {
    const segs = info.lines[line - 1];
    if (segs && segs.length > 0) return mapFrame(file, line, site.getColumnNumber());
  }
  return undefined;
}

/** The file a frame runs in: a script's path or URL, or the `//# sourceURL` of code made by `new Function` (load). */
function fileOf(site: NodeJS.CallSite): string | undefined {
  return site.getFileName() ?? site.getScriptNameOrSourceURL() ?? undefined;
}

const keepSites = (_e: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

function callSites(limit: number, from: Function): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const stackLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = keepSites;
  Error.stackTraceLimit = limit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  Error.captureStackTrace(holder, from);
  const sites = holder.stack ?? [];
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = stackLimit;
  return sites;
}

/** How many JS frames an error keeps for its traceback. */
const TRACE_FRAMES = 48;

/** pcalls running now: an error raised inside one needs no traceback. */
let protectedCalls = 0;

/** How many protected calls are running (each is a C call level in Lua: see coroutine.ts). */
export function protectedDepth(): number {
  return protectedCalls;
}

/** A C function's call of a Lua function: `boundary(f, args)` (see namedCallBoundary). */
export type CallBoundary = (f: LuaValue, args: LuaValue[]) => LuaValue;

/**
 * The innermost protected call is a pcall: an error raised inside is only a value, its stack
 * is never looked at (an xpcall's message handler may look at it, see debug.ts).
 */
let pcallCatches = false;

/** A protected call's result when it caught an exception: takeCaught() gives the exception. */
export const CAUGHT: unique symbol = Symbol("qsys2ts.caught");
let caught: unknown = undefined;

/** The exception the last protected call caught (see CAUGHT). */
export function takeCaught(): unknown {
  const e = caught;
  caught = undefined;
  return e;
}

/**
 * Run a protected call (pcall): errors raised inside skip their traceback. It catches
 * instead of cleaning up in a `finally`, which would throw the error a second time.
 */
export function protectedCall(boundary: CallBoundary, f: LuaValue, args: LuaValue[]): LuaValue | typeof CAUGHT {
  return guarded(boundary, f, args, protectedCalls + 1, true);
}

/** The program names debug.traceback: xpcall's message handlers may show an error's stack. */
let handlersSeeStacks = false;

/** Called by a program that names debug.traceback, before it runs (compiler/bundle.ts). */
export function keepStacksForHandlers(): void {
  handlersSeeStacks = true;
}

/**
 * Run xpcall's call. Where the program names debug.traceback, errors raised inside keep
 * their stack for the message handler (capturing it costs ~25 µs per error); otherwise this
 * is a protected call like pcall's, but its errors reach the handler.
 */
export function tracedCall(boundary: CallBoundary, f: LuaValue, args: LuaValue[]): LuaValue | typeof CAUGHT {
  return guarded(boundary, f, args, handlersSeeStacks ? 0 : protectedCalls + 1, false);
}

/** Call `boundary(f, args)` with the protected-call state given, restored after. */
function guarded(boundary: CallBoundary, f: LuaValue, args: LuaValue[], calls: number, catches: boolean): LuaValue | typeof CAUGHT {
  const outerCalls = protectedCalls;
  const outerCatches = pcallCatches;
  protectedCalls = calls;
  pcallCatches = catches;
  let r: LuaValue;
  try {
    r = boundary(f, args);
  } catch (e) {
    protectedCalls = outerCalls;
    pcallCatches = outerCatches;
    caught = e;
    return CAUGHT;
  }
  protectedCalls = outerCalls;
  pcallCatches = outerCatches;
  return r;
}

const NO_SITES: NodeJS.CallSite[] = [];

/**
 * Run a coroutine's step: inside it, an xpcall (coroutine.ts xpcallCo) may catch an error
 * for its handler, so errors keep their stack as under an xpcall.
 */
export function keepingStacks<T>(body: () => T): T {
  const outer = pcallCatches;
  pcallCatches = false;
  try {
    return body();
  } finally {
    pcallCatches = outer;
  }
}

/** The call sites an error keeps, and the position of the level its message names. */
interface Capture {
  sites: NodeJS.CallSite[];
  /** Lua level `level`'s position: undefined for level 0, a C function, or a level the stack does not reach. */
  at: LuaPosition | undefined;
}

const NOTHING_CAPTURED: Capture = { sites: NO_SITES, at: undefined };

/**
 * The call sites an error needs: enough frames to reach Lua level `level` (1 = innermost),
 * or the whole stack when no pcall will catch the error (its traceback is printed). One
 * walk over the sites finds the level's position too.
 *
 * `depth` is how many runtime frames usually stand between `from` and the Lua code that
 * raised the error (0 for error(), 2 for an index helper). V8 pays for every frame it
 * describes, most for the frame of a big optimised function (a main chunk's loop), so the
 * first capture asks for just as many frames as the level should need, and only a miss
 * (deeper runtime frames, tail calls) asks for more. The sites of an error a pcall catches
 * are dropped, so how far they reach changes nothing but the time spent.
 */
function errorCapture(level: number, from: Function, depth: number): Capture {
  if (registered === 0) return NOTHING_CAPTURED;
  if (protectedCalls === 0) {
    const all = callSites(TRACE_FRAMES, from);
    return { sites: all, at: level > 0 ? levelAt(all, level) ?? undefined : undefined };
  }
  if (level === 0) {
    // no position to find, and the pcall that catches the error drops its stack
    if (pcallCatches) return NOTHING_CAPTURED;
    return { sites: callSites(3, from), at: undefined };
  }
  // under an xpcall its handler may look at the sites (debug.getinfo): they reach as far as ever
  // (captured right here: every JS frame above `from` costs V8 time too)
  let limit = pcallCatches ? level + depth : level + 3;
  for (;;) {
    const sites = callSites(limit, from);
    const at = levelAt(sites, level);
    if (at !== null || sites.length < limit || limit === level + 64) return { sites, at: at ?? undefined };
    limit = pcallCatches && limit === level + depth ? level + depth + 3 : level + 64;
  }
}

/**
 * Library functions that call Lua functions (pcall, xpcall) run this marker function around
 * the call, so the stack shows where a C function stands between two Lua levels: an error
 * raised by a library function called directly from pcall has no Lua position, as in Lua.
 */
export function cFunctionBoundary<T>(body: () => T): T {
  return body();
}

const BOUNDARY = "cFunctionBoundary";
/** The boundary a coroutine's body runs inside: the bottom of the coroutine's own stack. */
export const COROUTINE_BASE = "(coroutine)";
const namedBoundaries = new Map<string, <T>(body: () => T) => T>();

/**
 * A boundary marker for a C function that tracebacks name ("[C]: in function 'xpcall'"):
 * a function whose own name carries the C function's.
 */
export function namedBoundary(name: string): <T>(body: () => T) => T {
  let b = namedBoundaries.get(name);
  if (b === undefined) {
    const key = `${BOUNDARY} ${name}`;
    b = { [key]: <T>(body: () => T): T => body() }[key];
    namedBoundaries.set(name, b);
  }
  return b;
}

/**
 * A named boundary that calls `call(f, ...args)` itself: pcall and xpcall use it so that a
 * protected call allocates no closures.
 */
export function namedCallBoundary(name: string, call: (f: LuaValue, ...args: LuaValue[]) => LuaValue): CallBoundary {
  const key = `${BOUNDARY} ${name}`;
  return { [key]: (f: LuaValue, args: LuaValue[]): LuaValue => call(f, ...args) }[key];
}

/** The same boundary for a library function calling a Lua function with arguments (gsub's replacement). */
export function cFunctionCall(f: (...args: LuaValue[]) => LuaValue, args: LuaValue[]): LuaValue {
  return f(...args);
}

function isBoundary(site: NodeJS.CallSite): boolean {
  const name = site.getFunctionName();
  return name?.startsWith(BOUNDARY) === true || name === "cFunctionCall";
}

/** The C function a boundary stands for, when it has a name (see namedBoundary). */
function boundaryName(site: NodeJS.CallSite): string | undefined {
  const name = site.getFunctionName() ?? "";
  return name.startsWith(BOUNDARY) ? name.slice(BOUNDARY.length + 1) || undefined : undefined;
}

/** Runtime frames between a call and the function it calls (call helpers, tail call entries). */
const CALL_PLUMBING = new Set(["callFixed", "callRest", "callMethodFixed", "callSlow", "tailcallFixed", "tailMethodFixed", "entry"]);

/**
 * Site i is a Lua function making a tail call (`return f(x)`, marked by the compiler, see
 * compiler/emit/tailcalls.ts) to a Lua function: Lua has replaced its frame by the callee's,
 * so it is no level. A tail call to a library function keeps it (lvm.c OP_TAILCALL calls C
 * functions plainly).
 */
function tailCalling(sites: NodeJS.CallSite[], i: number, pos: LuaPosition): boolean {
  if (!pos.info.names[`${pos.line}:${pos.col}!tail`]) return false;
  for (let j = i - 1; j >= 0; j--) {
    const s = sites[j];
    if (mapSite(s)) return true;
    if (!CALL_PLUMBING.has(s.getFunctionName() ?? "")) return false;
  }
  return false;
}

/** A Lua level: where it is, and where its function was defined (undefined: the main chunk). */
export interface LuaLevel {
  pos: LuaPosition;
  defined: LuaPosition | undefined;
  /** Reached by tail calls (tracebacks show "(...tail calls...)" after it). */
  tail?: boolean;
}

/** A C function between Lua levels (see cFunctionBoundary): its name when known. */
export interface CLevel {
  pos?: undefined;
  cName: string | undefined;
}

export type StackLevel = LuaLevel | CLevel;

/** The levels of captured call sites, innermost first. */
export function levelsOf(sites: NodeJS.CallSite[]): StackLevel[] {
  const out: StackLevel[] = [];
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    const pos = mapSite(site);
    if (pos && tailCalling(sites, i, pos)) {
      const callee = out[out.length - 1];
      if (callee?.pos) callee.tail = true;
    } else if (pos) out.push({ pos, defined: mapFrame(fileOf(site), site.getEnclosingLineNumber(), site.getEnclosingColumnNumber()) });
    else if (isBoundary(site)) out.push({ cName: boundaryName(site) });
  }
  return out;
}

/** The JS call sites above `from` (at most `limit`), for debug.traceback and debug.getinfo. */
export function stackSites(limit: number, from: Function): NodeJS.CallSite[] {
  return registered === 0 ? [] : callSites(limit, from);
}

/** The error an xpcall message handler is handling now: debug.traceback shows its stack. */
export let handledError: LuaError | undefined = undefined;

/** Marks where a message handler is called on the stack (the handler's levels sit above it). */
function errorHandlerBoundary<T>(body: () => T): T {
  return body();
}

export const HANDLER_BOUNDARY = "errorHandlerBoundary";

/** Call an xpcall message handler for `err`. */
export function callMessageHandler<T>(err: LuaError, body: () => T): T {
  const outer = handledError;
  const outerCatches = pcallCatches;
  handledError = err;
  // the handler's own errors are handled by it again (see base.ts xpcall): they keep their stack
  pcallCatches = false;
  try {
    return errorHandlerBoundary(body);
  } finally {
    handledError = outer;
    pcallCatches = outerCatches;
  }
}

/**
 * The Lua levels on the current stack, innermost first: a position for each Lua frame,
 * undefined for a C boundary (see cFunctionBoundary).
 */
export function luaLevels(limit = 200, from: Function = luaLevels): (LuaPosition | undefined)[] {
  if (registered === 0) return [];
  return levelsOf(callSites(limit, from)).map((l) => l.pos);
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

/** error(message) called by Lua code where the compiler knew the position ("chunk:line: "). */
export function positionedError(value: LuaValue, where: string, from: Function): LuaError {
  const err = new LuaError(typeof value === "string" ? where + value : value);
  if (protectedCalls === 0 && registered > 0) {
    err.sites = callSites(TRACE_FRAMES, from);
    err.cFunction = "error";
  }
  return err;
}

/**
 * assert(v, message) failing where the compiler knew the position ("chunk:line: "): under a
 * pcall the error is only its value, so the written position serves; elsewhere a message
 * handler or a traceback may look at its stack, captured as assert's own failure captures it.
 */
export function assertionError(value: LuaValue, where: string, from: Function): LuaError {
  if (pcallCatches) return new LuaError(typeof value === "string" ? where + value : value);
  return raisedError(value, 1, "assert", from);
}

/**
 * error(): the value, with "chunk:line:" of `level` when it is a string, and the stack for
 * its traceback. One stack capture serves both.
 */
export function raisedError(value: LuaValue, level: number, cFunction: string, from: Function): LuaError {
  const positioned = typeof value === "string" && level > 0;
  const { sites, at } = errorCapture(positioned ? level : 0, from, 0);
  if (at) value = `${at.chunk}:${at.line}: ${value}`;
  const err = new LuaError(value);
  err.sites = sites;
  err.cFunction = cFunction;
  return err;
}

/** Positions read from an already captured JS stack text (e.g. a RangeError's). */
export function luaStackFromText(stack: string | undefined): LuaPosition[] {
  if (!stack || registered === 0) return [];
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
  const { sites, at: p } = errorCapture(1, runtimeError, 2);
  const desc = p && operand >= 0 ? operandName(p, operand) : undefined;
  const info = desc ? ` (${desc})` : "";
  message = message.includes("%v") ? message.replace("%v", info) : message + info;
  return positioned(message, p, sites);
}

/** An error raised by a C function itself (luaG_runerror outside Lua code): no position. */
export function cError(message: string): LuaError {
  const err = new LuaError(message);
  err.sites = errorCapture(0, cError, 0).sites;
  return err;
}

/**
 * lauxlib's luaL_argerror: "bad argument #n to 'name' (msg)", where the name is how the
 * calling Lua code named the function (a local `f` is 'f'); a method call does not count
 * self, so its arguments are numbered from the first explicit one.
 */
export function argumentError(n: number, fname: string, msg: string): LuaError {
  const { sites, at: p } = errorCapture(1, argumentError, 3);
  const name = p && operandName(p, 0);
  const cFunction = fname;
  if (name === "for iterator") fname = name;
  const callee = name && /^(global|local|upvalue|method|field) '(.*)'$/.exec(name);
  if (callee) {
    fname = callee[2];
    if (callee[1] === "method" && --n === 0) return positioned(`calling '${fname}' on bad self (${msg})`, p, sites, cFunction);
  } else if (name !== "for iterator") {
    // called from a library function, or by an expression that names nothing (`(f or g)()`):
    // lauxlib's pushglobalfuncname names it by its global name, "table.sort"
    // (a short name two libraries share, as utf8.char and string.char, stays short: pcall
    // qualifies it by the function itself, see args.ts qualifyArgError)
    if (!sharedShortNames.has(fname)) fname = qualifiedNames.get(fname) ?? fname;
  }
  return positioned(`bad argument #${n} to '${fname}' (${msg})`, p, sites, cFunction);
}

/**
 * The position of Lua level `level` (1 = innermost) in captured sites: undefined for a C
 * function, null when the sites end before that level.
 */
function levelAt(sites: NodeJS.CallSite[], level: number): LuaPosition | undefined | null {
  let n = 0;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i];
    const pos = mapSite(site);
    if (pos && tailCalling(sites, i, pos)) continue;
    const c = !pos && isBoundary(site);
    if ((pos || c) && ++n === level) return pos;
  }
  return null;
}

function operandName(p: LuaPosition, operand: number): string | undefined {
  return p.info.names[`${p.line}:${p.col}`]?.[operand] || undefined;
}

function positioned(message: string, p: LuaPosition | undefined, sites: NodeJS.CallSite[], cFunction?: string): LuaError {
  const err = new LuaError(p ? `${p.chunk}:${p.line}: ${message}` : message);
  err.sites = sites;
  err.cFunction = cFunction;
  return err;
}

/** Short names of library functions -> the names tracebacks use ("rep" -> "string.rep"). */
const qualifiedNames = new Map<string, string>();
/** Short names of more than one library function ("char": string.char, utf8.char). */
const sharedShortNames = new Set<string>();

/** How tracebacks name a library function given by its short name ("rep" -> "string.rep"). */
export function qualifiedName(short: string): string {
  return qualifiedNames.get(short) ?? short;
}

/** The first registration of a short name wins (base functions register first). */
export function registerFunctionName(short: string, qualified: string): void {
  const known = qualifiedNames.get(short);
  if (known === undefined) qualifiedNames.set(short, qualified);
  else if (known !== qualified) sharedShortNames.add(short);
}

/** lauxlib's luaL_traceback: the first 10 and the last 11 levels when there are more. */
export function formatTraceback(levels: StackLevel[], cFunction?: string): string {
  const all: StackLevel[] = cFunction ? [{ cName: qualifiedNames.get(cFunction) ?? cFunction }, ...levels] : [...levels];
  all.push({ cName: undefined }); // the host that ran the main chunk
  return formatLevels(all);
}

/** "stack traceback:" and one line per level, as luaL_traceback writes them. */
export function formatLevels(levels: StackLevel[]): string {
  const lines = levels.flatMap((l, i) => {
    if (!l.pos) return [l.cName && l.cName !== COROUTINE_BASE ? `[C]: in function '${l.cName}'` : "[C]: in ?"];
    const next = levels[i + 1];
    const line = `${l.pos.chunk}:${l.pos.line}: in ${functionName(l, next?.pos ? next : undefined)}`;
    return l.tail ? [line, "(...tail calls...)"] : [line];
  });
  const shown = lines.length > 22 ? [...lines.slice(0, 10), "...", ...lines.slice(-11)] : lines;
  return ["stack traceback:", ...shown].join("\n\t");
}

/** How the caller named the function at a level: ["local", "f"], ["global", "g"]..., or undefined. */
export function calledAs(caller: LuaLevel | undefined): [string, string] | undefined {
  const desc = caller && operandName(caller.pos, 0);
  const m = desc && /^(global|local|upvalue|method|field|for iterator) '?(.*?)'?$/.exec(desc);
  return m ? [m[1], m[1] === "for iterator" ? "for iterator" : m[2]] : undefined;
}

/** lauxlib's pushfuncname: the name the caller used, else main chunk or function <file:line>. */
function functionName(level: LuaLevel, caller: LuaLevel | undefined): string {
  // a function reached by a tail call has no name its caller gave it
  const named = level.tail ? undefined : calledAs(caller);
  if (named) return named[0] === "global" ? `function '${named[1]}'` : `${named[0]} '${named[1]}'`;
  if (!level.defined) return "main chunk";
  return `function <${level.defined.chunk}:${level.defined.line}>`;
}

/** A JS stack overflow (Lua's "stack overflow"). */
export function isStackOverflow(e: unknown): e is RangeError {
  return e instanceof RangeError && /call stack/.test(e.message);
}

/** Message handlers running for a stack overflow (see handlingOverflow). */
let overflowHandlers = 0;

/**
 * Run xpcall's message handler for a stack overflow. Lua runs it on top of the full stack,
 * so an overflow inside it is "error in error handling" (ldo.c LUA_ERRERR).
 */
export function handlingOverflow<T>(body: () => T): T {
  overflowHandlers++;
  try {
    return body();
  } finally {
    overflowHandlers--;
  }
}

/** Turn anything thrown (Lua errors, JS stack overflows, runtime bugs) into a Lua error. */
export function toLuaError(e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  if (isStackOverflow(e) && overflowHandlers > 0) return new LuaError("error in error handling");
  if (isStackOverflow(e)) {
    // V8 kept only the innermost frames: the traceback ends with "..."
    const positions = luaStackFromText(e.stack);
    const p = positions[0];
    const err = new LuaError(p ? `${p.chunk}:${p.line}: stack overflow` : "stack overflow");
    err.luaTraceback = formatTraceback(positions.map((pos) => ({ pos, defined: pos }))).replace(/\n\t\[C\]: in \?$/, "\n\t...");
    return err;
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new LuaError(msg);
}
