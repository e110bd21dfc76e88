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

/**
 * The generic for: `explist` is the value or array of values of the loop's expression list
 * (function, state, control). Yields each step's values as an array.
 */
export function* forIn(explist: LuaValue): Generator<LuaValue[], void, unknown> {
  const [f, s, c] = Array.isArray(explist) ? explist : [explist];
  if (f === nextBuiltin && s instanceof LuaTable && c === undefined) {
    yield* tablePairs(s);
    return;
  }
  if (f === ipairsIterator && c === 0 && s instanceof LuaTable) {
    for (let i = 1; ; i++) {
      const v = s.metatable === undefined ? s.get(i) : index(s, i);
      if (v === undefined) return;
      yield [i, v];
    }
  }
  let control = c;
  for (;;) {
    // the iterator has no name in a failed call ("attempt to call a table value")
    const r = typeof f === "function" ? f(s, control) : callSlow(f, [s, control], -1);
    const values: LuaValue[] = Array.isArray(r) ? r : [r];
    control = values[0];
    if (control === undefined) return;
    yield values;
  }
}

function* tablePairs(t: LuaTable): Generator<LuaValue[], void, unknown> {
  const arr = t.arr;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (v !== undefined) yield [i + 1, v];
  }
  if (t.hash === undefined) return;
  for (const [k, v] of t.hash) yield [k, v];
}
