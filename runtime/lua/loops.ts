// Loop support: numeric for (lvm.c forprep: integer loops when start and step are integers,
// float loops otherwise; the limit is clipped, so an integer loop never overflows) and
// generic for (tables walked directly for pairs/ipairs, iterator functions called otherwise).
import { runtimeError } from "./errors.ts";
import { index } from "./index-ops.ts";
import { call } from "./call.ts";
import { str2number } from "./number.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, type LuaValue } from "./value.ts";
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
  const l = forNumber(limit, "limit");
  if (typeof l === "bigint") return l > 0n ? MAXSAFE : -MAXSAFE;
  const f = typeof l === "number" ? l : l.n;
  if (Number.isNaN(f)) return step > 0 ? -Infinity : Infinity; // loop does not run
  const r = step > 0 ? Math.floor(f) : Math.ceil(f);
  return Math.max(-MAXSAFE, Math.min(MAXSAFE, r));
}

/** A numeric for loop over any start/limit/step, as Lua 5.3 runs it. */
export class NumericFor {
  private i: number;
  private readonly limit: number;
  private readonly step: number;
  private readonly isFloat: boolean;
  private started = false;
  value: LuaValue = undefined;

  constructor(start: LuaValue, limit: LuaValue, step: LuaValue) {
    const s0 = forNumber(start, "initial value");
    const l0 = forNumber(limit, "limit");
    const st = forNumber(step, "step");
    const isInt = (v: number | bigint | LuaFloat) => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
    this.isFloat = !(isInt(s0) && isInt(st));
    const num = (v: number | bigint | LuaFloat) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.n);
    this.step = num(st);
    if (this.step === 0) throw runtimeError("'for' step is zero");
    this.i = num(s0);
    this.limit = this.isFloat ? num(l0) : forLimit(l0, this.step);
  }

  next(): boolean {
    if (this.started) this.i += this.step;
    else this.started = true;
    const i = this.i;
    if (this.step > 0 ? !(i <= this.limit) : !(i >= this.limit)) return false;
    this.value = this.isFloat ? (Number.isInteger(i) ? new LuaFloat(i) : i) : i;
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
  if (f === ipairsIterator && c === 0) {
    for (let i = 1; ; i++) {
      const v = s instanceof LuaTable && s.metatable === undefined ? s.get(i) : index(s, i);
      if (v === undefined) return;
      yield [i, v];
    }
  }
  let control = c;
  for (;;) {
    const r = typeof f === "function" ? f(s, control) : call(f, s, control);
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
