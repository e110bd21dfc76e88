// Coroutines. When a program uses the coroutine library, the compiler gives every Lua
// function a generator twin (withCo) whose calls go through callCo, so a coroutine runs the
// twins and can yield from any depth of Lua calls (and across pcall, as Lua 5.3 allows).
// Programs that never touch coroutines get no twins and pay nothing.
import { argError, typeError } from "./args.ts";
import { call, first, NONE, results } from "./call.ts";
import { callMessageHandler, COROUTINE_BASE, keepingStacks, LuaError, namedBoundary, protectedDepth, runtimeError, toLuaError, where } from "./errors.ts";
import { indexCo, pendingCo, PENDING } from "./coroutine-ops.ts";
import { metamethod } from "./meta.ts";
import { next as nextBuiltin, ipairsIterator, pcall, xpcall } from "./base.ts";
import { forIn, type GenericFor } from "./loops.ts";
import { Coroutine, type LuaValue } from "./value.ts";

/** The generator twin of a Lua function, stored on the function object. */
export const CO: unique symbol = Symbol("qsys2ts.coroutineTwin");

type Twin = (...args: LuaValue[]) => Generator<LuaValue, LuaValue, LuaValue>;

/** Attach a generator twin to a function; returns the function. */
export function withCo<F extends (...args: any[]) => any>(f: F, twin: Twin): F {
  (f as unknown as { [CO]: Twin })[CO] = twin;
  return f;
}

type Status = "suspended" | "running" | "normal" | "dead";

export class LuaCoroutine extends Coroutine {
  status: Status = "suspended";
  /** How this coroutine is resuming another one right now (see resumeValues). */
  resumingViaWrap = false;
  gen: Generator<LuaValue, LuaValue, LuaValue> | undefined = undefined;
  constructor(readonly fn: LuaValue) {
    super();
  }
}

const mainCoroutine = new LuaCoroutine(undefined);
mainCoroutine.status = "running";
let current: LuaCoroutine | undefined = undefined;

/** A call made from a generator twin: Lua functions run their twins; yield suspends. */
export function* callCo(f: LuaValue, ...args: LuaValue[]): Generator<LuaValue, LuaValue, LuaValue> {
  if (typeof f === "function") {
    const twin = (f as { [CO]?: Twin })[CO];
    if (twin !== undefined) return yield* twin(...args);
    if (f === yieldFn) {
      if (current === undefined) throw new LuaError("attempt to yield from outside a coroutine");
      return yield args;
    }
    if (f === isyieldable) return current !== undefined;
    if (f === pcall) return yield* pcallCo(args);
    if (f === xpcall) return yield* xpcallCo(args);
    return f(...args);
  }
  // a callable table: its __call handler is a Lua call, which may yield
  const h = metamethod(f, "__call");
  if (h !== undefined) return yield* callCo(h, f, ...args);
  return call(f, ...args); // raises "attempt to call"
}

/**
 * What a twin calls for `f(args)`: f's own twin when it is a Lua function (one generator per
 * call, no rest-argument copies), else a generator function that goes through callCo.
 */
export function twinOf(f: LuaValue): Twin {
  if (typeof f === "function") {
    const twin = (f as { [CO]?: Twin })[CO];
    if (twin !== undefined) return twin;
  }
  return (...args: LuaValue[]) => callCo(f, ...args);
}

export function* callMethodCo(obj: LuaValue, name: string, ...args: LuaValue[]): Generator<LuaValue, LuaValue, LuaValue> {
  let f = indexCo(obj, name); // an __index function may yield too
  if (f === PENDING) f = yield* pendingCo();
  return yield* callCo(f, obj, ...args);
}

/** A Lua function with a generator twin (a metamethod the twin may run itself). */
export function hasTwin(f: LuaValue): boolean {
  return typeof f === "function" && (f as { [CO]?: Twin })[CO] !== undefined;
}

/**
 * A generic for inside a generator twin: the iterator function is called through callCo, so
 * it may yield the coroutine; pairs/ipairs over tables take forIn's direct walk.
 */
export class ForInCo {
  private readonly f: LuaValue;
  private readonly s: LuaValue;
  private control: LuaValue;
  private readonly walk: GenericFor | undefined;

  constructor(explist: LuaValue) {
    const [f, s, c] = Array.isArray(explist) ? explist : [explist];
    this.f = f;
    this.s = s;
    this.control = c;
    if ((f === nextBuiltin && c === undefined) || (f === ipairsIterator && c === 0)) this.walk = forIn(explist);
  }

  /** The next step's values, or undefined when the loop ends. */
  *step(): Generator<LuaValue, LuaValue[] | undefined, LuaValue> {
    if (this.walk !== undefined) return this.walk.next() ? [this.walk.a, this.walk.b] : undefined;
    const r = yield* callCo(this.f, this.s, this.control);
    const values: LuaValue[] = Array.isArray(r) ? r : [r];
    this.control = values[0];
    return this.control === undefined ? undefined : values;
  }
}

export function forInCo(explist: LuaValue): ForInCo {
  return new ForInCo(explist);
}

function* pcallCo(args: LuaValue[]): Generator<LuaValue, LuaValue, LuaValue> {
  if (args.length === 0) throw argError(1, "pcall", "value expected");
  try {
    const r = yield* callCo(args[0], ...args.slice(1));
    return [true, ...results(r)];
  } catch (e) {
    return [false, toLuaError(e).value];
  }
}

function* xpcallCo(args: LuaValue[]): Generator<LuaValue, LuaValue, LuaValue> {
  try {
    const r = yield* callCo(args[0], ...args.slice(2));
    return [true, ...results(r)];
  } catch (e) {
    const raised = toLuaError(e);
    const handler = args[1];
    // a library handler (debug.traceback) sees the error's stack; a Lua one may yield
    if (typeof handler === "function" && (handler as { [CO]?: Twin })[CO] === undefined) return [false, first(callMessageHandler(raised, () => handler(raised.value)))];
    return [false, first(yield* callCo(handler, raised.value))];
  }
}

/** The bottom of a coroutine's stack: debug.getinfo and debug.traceback stop there. */
const coroutineBase = namedBoundary(COROUTINE_BASE);

export function create(f: LuaValue): LuaValue {
  if (typeof f !== "function") throw typeError(f, 1, "create", "function", arguments.length === 0);
  return new LuaCoroutine(f);
}

function checkCo(co: LuaValue, fname: string): LuaCoroutine {
  if (co instanceof LuaCoroutine) return co;
  throw argError(1, fname, "thread expected");
}

/** Resumes running now, one inside the other. */
let resumeDepth = 0;

/**
 * ldo.c lua_resume fails with "C stack overflow" when the resumer's C calls reach
 * LUAI_MAXCCALLS (200): lua.c runs the main chunk at 2, and each running pcall and resume
 * adds one (so a coroutine resuming a new one of itself fails after 197 levels).
 */
function cCallsOverflow(): boolean {
  return 2 + protectedDepth() + resumeDepth + 1 >= 200;
}

const DEAD = "cannot resume dead coroutine";
const NOT_SUSPENDED = "cannot resume non-suspended coroutine";

/**
 * Resume a coroutine: [true, values...] or [false, error]. Resuming a coroutine that is not
 * suspended fails as lcorolib's auxresume decides: "dead" when the target's C stack holds no
 * value (lua_gettop(co) == 0), which is the case of a running coroutine calling its own wrap
 * function without arguments, or of one that is itself resuming through a wrap function.
 */
function resumeValues(co: LuaCoroutine, args: LuaValue[], viaWrap: boolean): [boolean, ...LuaValue[]] {
  if (co.status === "dead") return [false, DEAD];
  const resumer = current ?? mainCoroutine;
  if (co === resumer) return [false, (viaWrap ? args.length : args.length + 1) === 0 ? DEAD : NOT_SUSPENDED];
  if (co.status !== "suspended") return [false, co.resumingViaWrap ? DEAD : NOT_SUSPENDED];
  if (cCallsOverflow()) return [false, "C stack overflow"];
  resumer.resumingViaWrap = viaWrap;
  resumeDepth++;
  const prev = current;
  if (prev) prev.status = "normal";
  co.status = "running";
  current = co;
  try {
    let r: IteratorResult<LuaValue, LuaValue>;
    if (co.gen === undefined) {
      // callCo runs a Lua function's twin; a library function body runs as a call (yield
      // itself suspends: coroutine.wrap(coroutine.yield) is legal)
      co.gen = callCo(co.fn, ...args);
      r = keepingStacks(() => coroutineBase(() => co.gen!.next()));
    } else r = keepingStacks(() => coroutineBase(() => co.gen!.next(args)));
    if (r.done) {
      co.status = "dead";
      return [true, ...results(r.value)];
    }
    co.status = "suspended";
    return [true, ...(r.value as LuaValue[])];
  } catch (e) {
    co.status = "dead";
    return [false, toLuaError(e).value];
  } finally {
    resumeDepth--;
    current = prev;
    if (prev) prev.status = "running";
  }
}

export function resume(co: LuaValue, ...args: LuaValue[]): LuaValue {
  return resumeValues(checkCo(co, "resume"), args, false);
}

/** Called outside a twin (from a library function or the main chunk): it cannot suspend. */
export function yieldFn(..._values: LuaValue[]): LuaValue {
  // raised in C (lua_yieldk): no position
  if (current === undefined) throw new LuaError("attempt to yield from outside a coroutine");
  throw new LuaError("attempt to yield across a C-call boundary");
}

export function status(co: LuaValue): LuaValue {
  const c = checkCo(co, "status");
  return c === mainCoroutine ? (current === undefined ? "running" : "normal") : c.status;
}

export function running(): LuaValue {
  return current === undefined ? [mainCoroutine, true] : [current, false];
}

/**
 * Called directly, isyieldable runs outside any twin: in the main chunk or under a library
 * function (a C call in Lua terms), where nothing can yield. Twins reach it through callCo.
 */
export function isyieldable(): LuaValue {
  return false;
}

export function wrap(f: LuaValue): LuaValue {
  if (typeof f !== "function") throw typeError(f, 1, "wrap", "function", arguments.length === 0);
  const co = new LuaCoroutine(f);
  return function (...args: LuaValue[]): LuaValue {
    const [ok, ...rest] = resumeValues(co, args, true);
    if (!ok) {
      const err = rest[0];
      throw new LuaError(typeof err === "string" ? where(1) + err : err);
    }
    return rest.length === 1 ? rest[0] : rest.length === 0 ? NONE : rest;
  };
}

export const coroutineLib = { create, isyieldable, resume, running, status, wrap, yield: yieldFn };
