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
import { runtimeError } from "./errors.ts";
import { index, setindex } from "./index-ops.ts";
import { getMetatable } from "./meta.ts";
import { numberToString } from "./number.ts";
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

/** luaL_len: `#v` (honouring __len), which must be an integer. */
function lenOf(v: LuaValue): number {
  if (v instanceof LuaTable && v.metatable === undefined) return v.arr.length;
  const n = len(v);
  if (typeof n === "number" && Number.isInteger(n)) return n;
  if (typeof n === "bigint") return n > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  if (n instanceof LuaFloat && Number.isSafeInteger(n.n)) return n.n;
  throw runtimeError("object length is not an integer");
}

function auxGetn(t: LuaValue, fname: string, what: number, absent = false): number {
  checkTab(t, 1, fname, what | TAB_L, absent);
  return lenOf(t);
}

/** An integer argument as a JS number; bigints clamp (positions beyond 2^53 cannot hold elements anyway). */
function intArg(v: LuaValue, n: number, fname: string): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  const i = checkInteger(v, n, fname);
  return typeof i === "number" ? i : i > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
}

function geti(t: LuaValue, i: number): LuaValue {
  return t instanceof LuaTable && t.metatable === undefined ? t.get(i) : index(t, i);
}

function seti(t: LuaValue, i: number, v: LuaValue): void {
  if (t instanceof LuaTable && t.metatable === undefined) t.set(i, v);
  else setindex(t, i, v);
}

export function insert(t: LuaValue, a: LuaValue, b?: LuaValue): LuaValue {
  const e = auxGetn(t, "insert", TAB_R | TAB_W, arguments.length === 0) + 1; // first empty element
  switch (arguments.length) {
    case 2:
      seti(t, e, a);
      return NONE;
    case 3: {
      const pos = intArg(a, 2, "insert");
      if (!(1 <= pos && pos <= e)) throw argError(2, "insert", "position out of bounds");
      for (let i = e; i > pos; i--) seti(t, i, geti(t, i - 1));
      seti(t, pos, b);
      return NONE;
    }
  }
  throw runtimeError("wrong number of arguments to 'insert'");
}

export function remove(t: LuaValue, p?: LuaValue): LuaValue {
  const size = auxGetn(t, "remove", TAB_R | TAB_W, arguments.length === 0);
  let pos = p === undefined ? size : intArg(p, 2, "remove");
  if (pos !== size && !(1 <= pos && pos <= size + 1)) throw argError(1, "remove", "position out of bounds");
  const result = geti(t, pos);
  for (; pos < size; pos++) seti(t, pos, geti(t, pos + 1));
  seti(t, pos, undefined);
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
    if (typeof fi !== "number" || typeof ei !== "number" || typeof ti !== "number") {
      // int64 bounds checks, exact only in bigint
      const F = BigInt(fi);
      const E = BigInt(ei);
      if (!(F > 0n || E < MAXINT + F)) throw argError(3, "move", "too many elements to move");
      const T = BigInt(ti);
      if (!(T <= MAXINT - (E - F + 1n) + 1n)) throw argError(4, "move", "destination wrap around");
      moveWide(a1, dest, F, E, T, T > E || T <= F || (hasDest && !eq(a1, dest)));
      return dest;
    }
    const n = ei - fi + 1;
    if (ti > ei || ti <= fi || (hasDest && !eq(a1, dest))) {
      for (let i = 0; i < n; i++) seti(dest, ti + i, geti(a1, fi + i));
    } else {
      for (let i = n - 1; i >= 0; i--) seti(dest, ti + i, geti(a1, fi + i));
    }
  }
  return dest;
}

/** move() with positions beyond 2^53: same order rules, int64 keys. */
function moveWide(a1: LuaValue, dest: LuaValue, f: bigint, e: bigint, t: bigint, upward: boolean): void {
  const n = e - f + 1n;
  const at = (o: LuaValue, k: bigint) => index(o, mkint(k));
  if (upward) for (let i = 0n; i < n; i++) setindex(dest, mkint(t + i), at(a1, f + i));
  else for (let i = n - 1n; i >= 0n; i--) setindex(dest, mkint(t + i), at(a1, f + i));
}

function addField(t: LuaValue, i: number): string {
  const v = geti(t, i);
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  throw runtimeError(`invalid value (${type(v)}) at index ${i} in table for 'concat'`);
}

export function concat(t: LuaValue, sep?: LuaValue, i?: LuaValue, j?: LuaValue): string {
  let last = auxGetn(t, "concat", TAB_R, arguments.length === 0);
  const s = optString(sep, 2, "concat", "");
  let k = i === undefined ? 1 : intArg(i, 3, "concat");
  last = j === undefined ? last : intArg(j, 4, "concat");
  if (t instanceof LuaTable && t.metatable === undefined && k >= 1 && last <= t.arr.length && k <= last) {
    // Fast path: the range lies in the array part; join is cheaper than repeated +=.
    const arr = t.arr;
    const parts = new Array<string>(last - k + 1);
    for (let n = k; n <= last; n++) {
      const v = arr[n - 1];
      parts[n - k] = typeof v === "string" ? v : addField(t, n);
    }
    return parts.join(s);
  }
  let out = "";
  for (; k < last; k++) out += addField(t, k) + s;
  if (k === last) out += addField(t, k);
  return out;
}

export function pack(...args: LuaValue[]): LuaTable {
  const n = args.length;
  const t = tableOf(args);
  t.set("n", n);
  return t;
}

/** About LUAI_MAXSTACK (1,000,000) minus what a typical call already uses; lua5.3 fails near here. */
const MAX_RESULTS = 999_979;

export function unpack(list: LuaValue, i?: LuaValue, j?: LuaValue): LuaValue {
  const from = i === undefined ? 1 : intArg(i, 2, "unpack");
  const to = j === undefined ? lenOf(list) : intArg(j, 3, "unpack");
  if (from > to) return NONE;
  const n = to - from + 1;
  if (n >= MAX_RESULTS) throw runtimeError("too many results to unpack");
  if (n === 1) return geti(list, from);
  if (list instanceof LuaTable && list.metatable === undefined && from === 1 && to <= list.arr.length) {
    return list.arr.slice(0, to);
  }
  const out = new Array(n);
  for (let k = 0; k < n; k++) out[k] = geti(list, from + k);
  return out;
}

// ---- sort: ltablib.c auxsort ------------------------------------------------------------

const RANLIMIT = 100;

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
    if (this.comp === undefined) return lt(a, b);
    const r = call(this.comp, a, b);
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
        if (i === up - 1) throw runtimeError("invalid order function for sorting");
      }
      let aj: LuaValue;
      while (this.lessThan(P, (aj = this.get(--j)))) {
        if (j < i) throw runtimeError("invalid order function for sorting");
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

export function sort(t: LuaValue, comp?: LuaValue): LuaValue {
  const n = auxGetn(t, "sort", TAB_R | TAB_W, arguments.length === 0);
  if (n > 1) {
    if (n >= 0x7fffffff) throw argError(1, "sort", "array too big");
    if (comp !== undefined && typeof comp !== "function") throw typeError(comp, 2, "sort", "function");
    new Sorter(t, comp).auxsort(1, n, 0);
  }
  return NONE;
}

export const tableLib = { concat, insert, move, pack, remove, sort, unpack };
