// Loop support: numeric for (lvm.c forprep: integer loops when start and step are integers,
// float loops otherwise; the limit is clipped, so an integer loop never overflows) and
// generic for (tables walked directly for pairs/ipairs, iterator functions called otherwise).
import { runtimeError } from "./errors.ts";
import { index } from "./index-ops.ts";
import { callSlow } from "./call.ts";
import { str2number } from "./number.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, MAXINT, MININT, mkint, toJsNumber, type LuaValue } from "./value.ts";
import { next as nextBuiltin, ipairsIterator } from "./base.ts";

const MAXSAFE = Number.MAX_SAFE_INTEGER;

function forNumber(v: LuaValue, what: string): number | bigint | LuaFloat {
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return v;
  if (typeof v === "string") {
    const n = str2number(v);
    if (n !== undefined) return n;
  }
  throw runtimeError(`'for' ${what} must be a number`);
}

/** An integer loop's limit as a JS number: floats floor/ceil toward the loop, huge values clipped. */
export function forLimit(limit: LuaValue, step: number): number {
  if (typeof limit === "number" && Number.isInteger(limit)) return limit;
  const l = intLimit(limit, step);
  if (l === undefined) return step > 0 ? -Infinity : Infinity; // the loop does not run
  return typeof l === "bigint" ? (l > 0n ? MAXSAFE : -MAXSAFE) : l;
}

/**
 * lvm.c forlimit: the limit of an integer loop as an integer (floats rounded toward the loop,
 * out-of-range values clipped to the int64 range); undefined when the loop must not run.
 */
function intLimit(limit: LuaValue, step: number | bigint): number | bigint | undefined {
  const l = forNumber(limit, "limit");
  if (typeof l === "number" && Number.isInteger(l)) return l;
  if (typeof l === "bigint") return l;
  const f = typeof l === "number" ? l : l.n;
  const r = step < 0 ? Math.ceil(f) : Math.floor(f);
  if (r >= -(2 ** 63) && r < 2 ** 63) return Number.isSafeInteger(r) ? r : BigInt(r);
  if (f > 0) return step < 0 ? undefined : MAXINT;
  return step >= 0 ? undefined : MININT; // also NaN, as in C
}

/**
 * A numeric for loop over any start/limit/step, as Lua 5.3 runs it (lvm.c OP_FORPREP and
 * OP_FORLOOP): an integer loop when start and step are integers (the counter wraps around
 * like C's, exactly as 5.3 does), a float loop otherwise. A zero step is no error in 5.3: the
 * loop runs (forever) only when the limit is not above the start. A float loop starts from
 * (start - step) + step, which is not always start.
 */
export class NumericFor {
  private i: number | bigint = 0;
  private limit: number | bigint = 0;
  private step: number | bigint = 0;
  private isFloat = false;
  private started = false;
  /** forlimit's "stop now": the limit lies beyond the int64 range on the wrong side. */
  private done = false;
  value: LuaValue = undefined;

  constructor(start: LuaValue, limit: LuaValue, step: LuaValue) {
    // lvm.c: only a start and step of integer *type* make an integer loop (strings do not)
    const isInt = (v: LuaValue) => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
    if (isInt(start) && isInt(step)) {
      const l = intLimit(limit, step);
      if (l === undefined) {
        this.done = true;
        return;
      }
      this.i = start;
      this.limit = l;
      this.step = step;
      // bigint arithmetic only where a number could leave the safe range
      if (typeof start === "bigint" || typeof l === "bigint" || typeof step === "bigint" || !Number.isSafeInteger(Math.abs(l) + Math.abs(step))) {
        this.i = BigInt(start);
        this.limit = BigInt(l);
        this.step = BigInt(step);
      }
      return;
    }
    const l = toJsNumber(forNumber(limit, "limit"));
    const st = toJsNumber(forNumber(step, "step"));
    const s0 = toJsNumber(forNumber(start, "initial value"));
    this.isFloat = true;
    this.i = s0 - st + st;
    this.limit = l;
    this.step = st;
  }

  next(): boolean {
    if (this.done) return false;
    if (typeof this.i === "number") {
      if (this.started) this.i += this.step as number;
      else this.started = true;
      const i = this.i;
      if ((this.step as number) > 0 ? !(i <= (this.limit as number)) : !(i >= (this.limit as number))) return false;
      this.value = this.isFloat && Number.isInteger(i) ? new LuaFloat(i) : i;
      return true;
    }
    if (this.started) this.i = BigInt.asIntN(64, this.i + (this.step as bigint));
    else this.started = true;
    const i = this.i;
    if ((this.step as bigint) > 0n ? i > (this.limit as bigint) : i < (this.limit as bigint)) return false;
    this.value = mkint(i);
    return true;
  }
}

export function forPrep(start: LuaValue, limit: LuaValue, step: LuaValue): NumericFor {
  return new NumericFor(start, limit, step);
}

const enum Walk {
  /** pairs(t) on a table: the array part, then the Map. */
  Pairs,
  /** ipairs(t) on a table: 1, 2, ... until a nil. */
  Ipairs,
  /** Any iterator function: called with (state, control) until it returns nil. */
  Call,
}

/**
 * The generic for, as an iterator object the compiled loop polls (no generator, no array per
 * step): `for (const $it = forIn(explist); $it.next(); ) { const k = $it.a, v = $it.b; ... }`.
 * `explist` is the value or array of values of the loop's expression list (function, state,
 * control). pairs and ipairs over tables are walked directly, with the same results.
 */
export class GenericFor {
  /** The first two values of the current step. */
  a: LuaValue = undefined;
  b: LuaValue = undefined;
  private values: LuaValue[] | undefined = undefined;
  private walk: Walk;
  private f: LuaValue;
  private s: LuaValue;
  private i = 0;
  private entries: Iterator<[LuaValue, LuaValue]> | undefined = undefined;

  constructor(explist: LuaValue) {
    const [f, s, c] = Array.isArray(explist) ? explist : [explist];
    this.f = f;
    this.s = s;
    this.a = c;
    if (f === nextBuiltin && s instanceof LuaTable && c === undefined) this.walk = Walk.Pairs;
    else if (f === ipairsIterator && c === 0 && s instanceof LuaTable) this.walk = Walk.Ipairs;
    else this.walk = Walk.Call;
  }

  /** Value number n (0-based) of the current step, for loops with more than two variables. */
  at(n: number): LuaValue {
    return this.values === undefined ? (n === 0 ? this.a : n === 1 ? this.b : undefined) : this.values[n];
  }

  next(): boolean {
    const s = this.s;
    switch (this.walk) {
      case Walk.Ipairs: {
        const i = ++this.i;
        const v = s.metatable === undefined ? (s as LuaTable).get(i) : index(s, i);
        if (v === undefined) return false;
        this.a = i;
        this.b = v;
        return true;
      }
      case Walk.Pairs: {
        const t = s as LuaTable;
        if (this.entries === undefined) {
          const arr = t.arr;
          while (this.i < arr.length) {
            const v = arr[this.i++];
            if (v !== undefined) {
              this.a = this.i;
              this.b = v;
              return true;
            }
          }
          if (t.size === 0) return false;
          this.entries = t.entries();
        }
        const r = this.entries.next();
        if (r.done) return false;
        this.a = r.value[0];
        this.b = r.value[1];
        return true;
      }
    }
    const f = this.f;
    // the iterator has no name in a failed call ("attempt to call a table value")
    const r = typeof f === "function" ? f(s, this.a) : callSlow(f, [s, this.a], -1);
    if (Array.isArray(r)) {
      this.values = r;
      this.a = r[0];
      this.b = r[1];
    } else {
      this.values = undefined;
      this.a = r;
      this.b = undefined;
    }
    return this.a !== undefined;
  }
}

export function forIn(explist: LuaValue): GenericFor {
  return new GenericFor(explist);
}
