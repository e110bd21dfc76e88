// LuaTable: an array part for keys 1..n plus a Map for every other key, and a metatable.
//
// Invariants: arr[i] holds t[i+1]; arr never ends with nil; the Map never holds the key
// arr.length + 1 (it migrates into arr), so arr.length is always a border for `#`.
// Keys are normalised (float keys with an integral value become integers) so Map's
// SameValueZero lookup is Lua's raw equality.
import { LuaFloat, registerTableClass, type LuaValue } from "./value.ts";
import { cError, runtimeError } from "./errors.ts";

export class LuaTable {
  arr: LuaValue[] = [];
  hash: Map<LuaValue, LuaValue> | undefined = undefined;
  metatable: LuaTable | undefined = undefined;
  /** This table's raw __index and __newindex fields, kept beside the Map for when it is a metatable. */
  metaIndex: LuaValue = undefined;
  metaNewindex: LuaValue = undefined;
  /** Iteration cursor for next(): the Map iterator and the key it returned last. */
  private iter: Iterator<[LuaValue, LuaValue]> | undefined = undefined;
  private iterKey: LuaValue = undefined;

  // get and set are small, so V8 inlines them where they are called: string keys and keys
  // of the array part first, everything else in getOther/setOther.
  get(key: LuaValue): LuaValue {
    if (typeof key === "string") {
      const hash = this.hash;
      return hash === undefined ? undefined : hash.get(key);
    }
    if (typeof key === "number") {
      const arr = this.arr;
      if (key > 0 && key <= arr.length && Number.isInteger(key)) return arr[key - 1];
    }
    return this.getOther(key);
  }

  private getOther(key: LuaValue): LuaValue {
    if (key instanceof LuaFloat) {
      key = normaliseKey(key);
      if (typeof key === "number" && key > 0 && key <= this.arr.length) return this.arr[key - 1];
    }
    return this.hash?.get(key);
  }

  /** Raw string-keyed read: the common case of `t.name`. */
  getStr(key: string): LuaValue {
    return this.hash?.get(key);
  }

  set(key: LuaValue, value: LuaValue): void {
    if (typeof key === "string") {
      if (key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95) this.noteMetaField(key, value);
      if (value === undefined) this.hash?.delete(key);
      else (this.hash ??= new Map()).set(key, value);
      return;
    }
    if (typeof key === "number" && value !== undefined && key > 0 && key <= this.arr.length && Number.isInteger(key)) {
      this.arr[key - 1] = value;
      return;
    }
    this.setOther(key, value);
  }

  private setOther(key: LuaValue, value: LuaValue): void {
    if (typeof key === "number") {
      if (Number.isInteger(key) && key > 0) {
        const arr = this.arr;
        if (key <= arr.length) {
          if (value === undefined && key === arr.length) {
            arr.pop();
            while (arr.length > 0 && arr[arr.length - 1] === undefined) arr.pop();
          } else arr[key - 1] = value;
          return;
        }
        if (key === arr.length + 1) {
          if (value === undefined) {
            this.hash?.delete(key);
            return;
          }
          arr.push(value);
          this.migrate();
          return;
        }
      } else if (Number.isNaN(key)) throw runtimeError("table index is NaN");
    } else if (key === undefined) throw runtimeError("table index is nil");
    else if (key instanceof LuaFloat) return this.set(normaliseKey(key), value);
    if (value === undefined) {
      this.hash?.delete(key);
      return;
    }
    (this.hash ??= new Map()).set(key, value);
  }

  /** Keep metaIndex/metaNewindex equal to the raw fields they mirror. */
  noteMetaField(key: string, value: LuaValue): void {
    if (key === "__index") this.metaIndex = value;
    else if (key === "__newindex") this.metaNewindex = value;
  }

  /** Move keys n+1, n+2, ... from the Map into arr after arr grew to n. */
  migrate(): void {
    const hash = this.hash;
    if (hash === undefined || hash.size === 0) return;
    const arr = this.arr;
    let next = arr.length + 1;
    let v = hash.get(next);
    while (v !== undefined) {
      arr.push(v);
      hash.delete(next);
      next++;
      v = hash.get(next);
    }
  }

  /** The primitive `#` (a border), without __len. */
  length(): number {
    return this.arr.length;
  }

  /** Lua's next(): array part in order, then the Map in insertion order. */
  next(key: LuaValue): [LuaValue, LuaValue] | undefined {
    const arr = this.arr;
    let i = 0;
    if (key !== undefined) {
      if (key instanceof LuaFloat) key = normaliseKey(key);
      if (typeof key === "number" && Number.isInteger(key) && key > 0 && key <= arr.length) i = key;
      else return this.nextInHash(key);
    }
    for (; i < arr.length; i++) if (arr[i] !== undefined) return [i + 1, arr[i]];
    return this.nextInHash(undefined, true);
  }

  private nextInHash(key: LuaValue, fromStart = false): [LuaValue, LuaValue] | undefined {
    const hash = this.hash;
    if (hash === undefined) {
      if (fromStart) return undefined;
      throw cError("invalid key to 'next'");
    }
    if (fromStart) {
      this.iter = hash.entries();
    } else if (this.iter === undefined || this.iterKey !== key) {
      // Not continuing the last traversal: find the key, then continue after it.
      if (!hash.has(key)) throw cError("invalid key to 'next'");
      this.iter = hash.entries();
      for (let r = this.iter.next(); !r.done; r = this.iter.next()) if (r.value[0] === key) break;
    }
    for (let r = this.iter!.next(); !r.done; r = this.iter!.next()) {
      // Entries deleted during traversal are skipped by Map iterators; nil values are never stored.
      this.iterKey = r.value[0];
      return r.value;
    }
    this.iter = undefined;
    this.iterKey = undefined;
    return undefined;
  }
}
registerTableClass(LuaTable);

/** Float keys with an integral value are the integer key; NaN is not a key. */
export function normaliseKey(key: LuaFloat): LuaValue {
  const n = key.n;
  if (Number.isNaN(n)) throw runtimeError("table index is NaN");
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
  if (n >= -9223372036854775808 && n < 9223372036854775808) return BigInt(n);
  return n;
}

/**
 * A table constructor: positional values (1..n, holes allowed as in Lua's constructor),
 * `name = value` fields, and `[key] = value` pairs (flat). Positional values win over
 * explicit keys 1..n, as Lua's OP_SETLIST runs last.
 */
export function tableOf(items?: LuaValue[], fields?: Record<string, LuaValue>, pairs?: LuaValue[]): LuaTable {
  const t = new LuaTable();
  if (fields) {
    for (const k in fields) {
      const v = fields[k];
      if (v !== undefined) {
        (t.hash ??= new Map()).set(k, v);
        if (k.charCodeAt(0) === 95 && k.charCodeAt(1) === 95) t.noteMetaField(k, v);
      }
    }
  }
  if (pairs) for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] !== undefined) t.set(pairs[i], pairs[i + 1]);
  if (items && items.length > 0) {
    let n = items.length;
    while (n > 0 && items[n - 1] === undefined) n--;
    items.length = n;
    if (t.arr.length === 0) {
      t.arr = items;
      if (t.hash) for (let k = 1; k <= n; k++) t.hash.delete(k);
    } else for (let i = 0; i < n; i++) t.set(i + 1, items[i]);
    t.migrate();
  }
  return t;
}
