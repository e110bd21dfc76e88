// The table library of Lua 5.3.6 (ltablib.c): concat, insert, move, pack, remove, sort, unpack.
//
// As in 5.3, elements are read and written through lua_geti/lua_seti (so __index/__newindex
// apply) and sizes come from `#` with __len. Plain tables without a metatable take direct
// get/set. sort is a line-by-line port of auxsort/partition, so the comparator sees the same
// calls in the same order as in lua5.3, and unstable results come out the same.
import { argError, checkInteger, optString, typeError } from "./args.ts";
import { call, NONE } from "./call.ts";
import { eq, lt } from "./compare.ts";
import { len } from "./concat.ts";
import { cFunctionBoundary, runtimeError } from "./errors.ts";
import { index, setindex } from "./index-ops.ts";
import { getMetatable } from "./meta.ts";
import { numberToString, str2number } from "./number.ts";
import { LuaTable, tableOf } from "./table.ts";
import { LuaFloat, MAXINT, mkint, type, type LuaValue } from "./value.ts";

const TAB_R = 1;
const TAB_W = 2;
const TAB_L = 4;

/** checktab: a table, or a value whose metatable has every metamethod the operation needs. */
function checkTab(v: LuaValue, n: number, fname: string, what: number, absent = false): void {
  if (v instanceof LuaTable) return;
  const mt = getMetatable(v);
  if (
    mt !== undefined &&
    (!(what & TAB_R) || mt.getStr("__index") !== undefined) &&
    (!(what & TAB_W) || mt.getStr("__newindex") !== undefined) &&
    (!(what & TAB_L) || mt.getStr("__len") !== undefined)
  )
    return;
  throw typeError(v, n, fname, "table", absent);
}

/** A Lua integer: a JS number when safe, a bigint beyond (as value.ts). */
type Int = number | bigint;

/** Positions this far from 0 stay exact through the +/-1 steps the functions take. */
const NARROW = 2 ** 52;

function narrow(...xs: Int[]): boolean {
  for (const x of xs) if (typeof x !== "number" || x > NARROW || x < -NARROW) return false;
  return true;
}

/** A key for int64 position i (wrapping as lua_Integer arithmetic does). */
function key(i: bigint): Int {
  return mkint(i);
}

/** luaL_len: `#v` (honouring __len), which must be an integer. */
function lenOf(v: LuaValue): Int {
  if (v instanceof LuaTable && v.metatable === undefined) return v.length();
  const n = len(v);
  if (typeof n === "number" && Number.isInteger(n)) return n;
  if (typeof n === "bigint") return n;
  // lua_tointegerx: integral floats and numeric strings count
  const x = typeof n === "string" ? str2number(n) : n;
  if (typeof x === "bigint") return x;
  if (typeof x === "number" || x instanceof LuaFloat) {
    const i = floatToInt(typeof x === "number" ? x : x.n);
    if (i !== undefined) return i;
  }
  throw runtimeError("object length is not an integer");
}

/** lua_tointegerx of a float: its integer value when it has one in int64 range. */
function floatToInt(x: number): Int | undefined {
  if (!Number.isInteger(x) || x < -(2 ** 63) || x >= 2 ** 63) return undefined;
  return Number.isSafeInteger(x) ? x : BigInt(x);
}

function auxGetn(t: LuaValue, fname: string, what: number, absent = false): Int {
  checkTab(t, 1, fname, what | TAB_L, absent);
  return lenOf(t);
}

// lua_geti/lua_seti run inside the C function: an error the VM raises there (a bad __index)
// carries no position, so the slow paths run behind a C boundary (see errors.ts).
function geti(t: LuaValue, i: Int): LuaValue {
  return t instanceof LuaTable && t.metatable === undefined ? t.get(i) : cFunctionBoundary(() => index(t, i));
}

function seti(t: LuaValue, i: Int, v: LuaValue): void {
  if (t instanceof LuaTable && t.metatable === undefined) t.set(i, v);
  else cFunctionBoundary(() => setindex(t, i, v));
}

export function insert(t: LuaValue, a: LuaValue, b?: LuaValue): LuaValue {
  const size = auxGetn(t, "insert", TAB_R | TAB_W, arguments.length === 0);
  switch (arguments.length) {
    case 2:
      seti(t, typeof size === "number" && size < NARROW ? size + 1 : key(BigInt(size) + 1n), a);
      return NONE;
    case 3: {
      const pos = checkInteger(a, 2, "insert");
      if (narrow(size, pos)) {
        const e = (size as number) + 1; // first empty element
        const p = pos as number;
        if (!(1 <= p && p <= e)) throw argError(2, "insert", "position out of bounds");
        for (let i = e; i > p; i--) seti(t, i, geti(t, i - 1));
        seti(t, p, b);
        return NONE;
      }
      const e = BigInt.asIntN(64, BigInt(size) + 1n);
      const p = BigInt(pos);
      if (!(1n <= p && p <= e)) throw argError(2, "insert", "position out of bounds");
      for (let i = e; i > p; i--) seti(t, key(i), geti(t, key(i - 1n)));
      seti(t, key(p), b);
      return NONE;
    }
  }
  throw runtimeError("wrong number of arguments to 'insert'");
}

export function remove(t: LuaValue, p?: LuaValue): LuaValue {
  const size = auxGetn(t, "remove", TAB_R | TAB_W, arguments.length === 0);
  const pos = p === undefined ? size : checkInteger(p, 2, "remove");
  if (narrow(size, pos)) {
    let i = pos as number;
    const n = size as number;
    if (i !== n && !(1 <= i && i <= n + 1)) throw argError(1, "remove", "position out of bounds");
    const result = geti(t, i);
    for (; i < n; i++) seti(t, i, geti(t, i + 1));
    seti(t, i, undefined);
    return result;
  }
  const n = BigInt(size);
  let i = BigInt(pos);
  // C compares pos <= size + 1 in lua_Integer, which wraps at maxinteger
  if (i !== n && !(1n <= i && i <= BigInt.asIntN(64, n + 1n))) throw argError(1, "remove", "position out of bounds");
  const result = geti(t, key(i));
  for (; i < n; i++) seti(t, key(i), geti(t, key(i + 1n)));
  seti(t, key(i), undefined);
  return result;
}

/** Copy a1[f..e] into a2[t..]; upward unless the ranges overlap with the destination inside. */
export function move(a1: LuaValue, f: LuaValue, e: LuaValue, t: LuaValue, a2?: LuaValue): LuaValue {
  const fi = checkInteger(f, 2, "move");
  const ei = checkInteger(e, 3, "move");
  const ti = checkInteger(t, 4, "move");
  const hasDest = a2 !== undefined;
  const dest = hasDest ? a2 : a1;
  checkTab(a1, 1, "move", TAB_R, arguments.length === 0);
  checkTab(dest, hasDest ? 5 : 1, "move", TAB_W);
  if (ei >= fi) {
    if (!narrow(fi, ei, ti)) {
      // int64 bounds checks, exact only in bigint
      const F = BigInt(fi);
      const E = BigInt(ei);
      if (!(F > 0n || E < MAXINT + F)) throw argError(3, "move", "too many elements to move");
      const T = BigInt(ti);
      if (!(T <= MAXINT - (E - F + 1n) + 1n)) throw argError(4, "move", "destination wrap around");
      moveWide(a1, dest, F, E, T, T > E || T <= F || (hasDest && !eq(a1, dest)));
      return dest;
    }
    const fn = fi as number;
    const tn = ti as number;
    const n = (ei as number) - fn + 1;
    if (tn > (ei as number) || tn <= fn || (hasDest && !eq(a1, dest))) {
      for (let i = 0; i < n; i++) seti(dest, tn + i, geti(a1, fn + i));
    } else {
      for (let i = n - 1; i >= 0; i--) seti(dest, tn + i, geti(a1, fn + i));
    }
  }
  return dest;
}

/** move() with positions beyond 2^52: same order rules, int64 keys. */
function moveWide(a1: LuaValue, dest: LuaValue, f: bigint, e: bigint, t: bigint, upward: boolean): void {
  const n = e - f + 1n;
  if (upward) for (let i = 0n; i < n; i++) seti(dest, key(t + i), geti(a1, key(f + i)));
  else for (let i = n - 1n; i >= 0n; i--) seti(dest, key(t + i), geti(a1, key(f + i)));
}

function addField(t: LuaValue, i: Int): string {
  const v = geti(t, i);
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  // lua_pushfstring's %d takes a C int: the index prints truncated to 32 bits
  const shown = typeof i === "number" && (i | 0) === i ? i : BigInt.asIntN(32, BigInt(i));
  throw runtimeError(`invalid value (${type(v)}) at index ${shown} in table for 'concat'`);
}

export function concat(t: LuaValue, sep?: LuaValue, i?: LuaValue, j?: LuaValue): string {
  const size = auxGetn(t, "concat", TAB_R, arguments.length === 0);
  const s = optString(sep, 2, "concat", "");
  const first = i === undefined ? 1 : checkInteger(i, 3, "concat");
  const last = j === undefined ? size : checkInteger(j, 4, "concat");
  if (!narrow(first, last)) {
    let out = "";
    let k = BigInt(first);
    const l = BigInt(last);
    for (; k < l; k++) out += addField(t, key(k)) + s;
    if (k === l) out += addField(t, key(k));
    return out;
  }
  let k = first as number;
  const l = last as number;
  if (t instanceof LuaTable && t.metatable === undefined && k >= 1 && l <= t.arr.length && k <= l) {
    // Fast path: the range lies in the array part; join is cheaper than repeated +=.
    const arr = t.arr;
    const parts = new Array<string>(l - k + 1);
    for (let n = k; n <= l; n++) {
      const v = arr[n - 1];
      parts[n - k] = typeof v === "string" ? v : addField(t, n);
    }
    return parts.join(s);
  }
  let out = "";
  for (; k < l; k++) out += addField(t, k) + s;
  if (k === l) out += addField(t, k);
  return out;
}

export function pack(...args: LuaValue[]): LuaTable {
  const n = args.length;
  const t = tableOf(args);
  t.presize(n, 1); // lua_createtable(L, n, 1)
  t.set("n", n);
  return t;
}

/** About LUAI_MAXSTACK (1,000,000) minus what a typical call already uses; lua5.3 fails near here. */
const MAX_RESULTS = 999_979;

export function unpack(list: LuaValue, i?: LuaValue, j?: LuaValue): LuaValue {
  const from = i === undefined ? 1 : checkInteger(i, 2, "unpack");
  const to = j === undefined ? lenOf(list) : checkInteger(j, 3, "unpack");
  if (from > to) return NONE;
  if (!narrow(from, to)) {
    const F = BigInt(from);
    const n = BigInt(to) - F + 1n;
    if (n >= BigInt(MAX_RESULTS)) throw runtimeError("too many results to unpack");
    const out = new Array(Number(n));
    for (let k = 0; k < out.length; k++) out[k] = geti(list, key(F + BigInt(k)));
    return out.length === 1 ? out[0] : out;
  }
  const f = from as number;
  const e = to as number;
  const n = e - f + 1;
  if (n >= MAX_RESULTS) throw runtimeError("too many results to unpack");
  if (n === 1) return geti(list, f);
  if (list instanceof LuaTable && list.metatable === undefined && f === 1 && e <= list.arr.length) {
    return list.arr.slice(0, e);
  }
  const out = new Array(n);
  for (let k = 0; k < n; k++) out[k] = geti(list, f + k);
  return out;
}

// ---- sort: ltablib.c auxsort ------------------------------------------------------------

const RANLIMIT = 100;

/** Thrown inside the sort, turned into the positioned Lua error by sort(). */
const INVALID_ORDER = Symbol("invalid order function");

/** l_randomizePivot: clock() + time(), only used after a badly unbalanced partition. */
function randomizePivot(): number {
  const clock = process.cpuUsage();
  return ((clock.user + clock.system + Math.floor(Date.now() / 1000)) >>> 0) || 1;
}

class Sorter {
  constructor(
    readonly t: LuaValue,
    readonly comp: LuaValue,
  ) {}

  lessThan(a: LuaValue, b: LuaValue): boolean {
    const comp = this.comp;
    if (comp === undefined) {
      if (typeof a === "number" && typeof b === "number") return a < b;
      if (typeof a === "string" && typeof b === "string") return a < b; // byte strings: code unit order is strcmp's
      return lt(a, b);
    }
    const r = typeof comp === "function" ? comp(a, b) : call(comp, a, b);
    const v = Array.isArray(r) ? r[0] : r;
    return v !== undefined && v !== false;
  }

  get(i: number): LuaValue {
    return geti(this.t, i);
  }

  set(i: number, v: LuaValue): void {
    seti(this.t, i, v);
  }

  /** Precondition a[lo] <= P == a[up-1] <= a[up]; returns the pivot's final index. */
  partition(lo: number, up: number, P: LuaValue): number {
    let i = lo;
    let j = up - 1;
    for (;;) {
      let ai: LuaValue;
      while (this.lessThan((ai = this.get(++i)), P)) {
        if (i === up - 1) throw INVALID_ORDER;
      }
      let aj: LuaValue;
      while (this.lessThan(P, (aj = this.get(--j)))) {
        if (j < i) throw INVALID_ORDER;
      }
      if (j < i) {
        this.set(up - 1, ai);
        this.set(i, P);
        return i;
      }
      this.set(i, aj);
      this.set(j, ai);
    }
  }

  auxsort(lo: number, up: number, rnd: number): void {
    while (lo < up) {
      let a = this.get(lo);
      let b = this.get(up);
      if (this.lessThan(b, a)) {
        this.set(lo, b);
        this.set(up, a);
      }
      if (up - lo === 1) return;
      let p: number;
      if (up - lo < RANLIMIT || rnd === 0) p = Math.floor((lo + up) / 2);
      else {
        const r4 = Math.floor((up - lo) / 4);
        p = (rnd % (r4 * 2)) + (lo + r4);
      }
      a = this.get(p);
      b = this.get(lo);
      if (this.lessThan(a, b)) {
        this.set(p, b);
        this.set(lo, a);
      } else {
        b = this.get(up);
        if (this.lessThan(b, a)) {
          this.set(p, b);
          this.set(up, a);
        }
      }
      if (up - lo === 2) return;
      const P = this.get(p);
      this.set(p, this.get(up - 1));
      this.set(up - 1, P);
      p = this.partition(lo, up, P);
      let n: number;
      if (p - lo < up - p) {
        this.auxsort(lo, p - 1, rnd);
        n = p - lo;
        lo = p + 1;
      } else {
        this.auxsort(p + 1, up, rnd);
        n = up - p;
        up = p - 1;
      }
      // unsigned arithmetic in C: an empty remaining interval gives a huge (up - lo)
      if (Math.floor((((up - lo) >>> 0) / 128)) > n) rnd = randomizePivot();
    }
  }
}

/**
 * The default order on an array of only numbers (no NaN) or only strings is total, and equal
 * elements are indistinguishable, so every correct sort gives auxsort's result: the native
 * sort is used (no user code can run, nothing can fail). False when the array is mixed.
 */
function sortPlain(arr: LuaValue[]): boolean {
  const kind = typeof arr[0];
  if (kind === "number") {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v !== "number" || v !== v) return false;
    }
    arr.sort((a: number, b: number) => a - b);
    return true;
  }
  if (kind === "string") {
    for (let i = 0; i < arr.length; i++) if (typeof arr[i] !== "string") return false;
    arr.sort(); // UTF-16 code unit order is byte order on byte strings: strcmp in the C locale
    return true;
  }
  return false;
}

export function sort(t: LuaValue, comp?: LuaValue): LuaValue {
  const n = auxGetn(t, "sort", TAB_R | TAB_W, arguments.length === 0);
  if (n > 1) {
    if (typeof n !== "number" || n >= 0x7fffffff) throw argError(1, "sort", "array too big");
    if (comp !== undefined && typeof comp !== "function") throw typeError(comp, 2, "sort", "function");
    if (comp === undefined && t instanceof LuaTable && t.metatable === undefined && n === t.arr.length && sortPlain(t.arr)) return NONE;
    // comparison errors ("attempt to compare") are raised in C: no position; the order
    // function's error is luaL_error's, positioned at sort's caller, so it is raised out here
    const sorter = new Sorter(t, comp);
    try {
      cFunctionBoundary(() => sorter.auxsort(1, n as number, 0));
    } catch (e) {
      if (e === INVALID_ORDER) throw runtimeError("invalid order function for sorting");
      throw e;
    }
  }
  return NONE;
}

export const tableLib = { concat, insert, move, pack, remove, sort, unpack };
