// LuaTable: an array part for keys 1..n plus a Map for every other key, and a metatable.
// The table is itself that Map (it extends Map): a string-keyed read goes from the table
// straight to the Map's hash table, one memory load less than through a Map in a field,
// which is most of the cost of reading fields of many tables spread over memory (sorting
// 100,000 records). Every table pays for a small empty hash table, as a Lua table would not.
//
// Invariants: arr[i] holds t[i+1]; arr never ends with nil; the Map never holds the key
// arr.length + 1 (it migrates into arr), so arr.length is always a border for `#`.
// Keys are normalised (float keys with an integral value become integers) so Map's
// SameValueZero lookup is Lua's raw equality.
//
// When a table has more than one border, `#` must pick the one Lua 5.3 picks, and that
// depends on the size of Lua's array part. So each table also keeps a model of ltable.c's
// sizes (asize, nodeCap, nodeUsed), updated where Lua would resize: constructors presize,
// and inserting a key into a full hash part rehashes. Only `#` reads the model, and only
// when the border is not unique (holes in arr, or positive integer keys in the Map).
import { LuaFloat, registerTableClass, type LuaValue } from "./value.ts";
import { cError, runtimeError } from "./errors.ts";

/** The array part of every table that has none: shared, never written (set() replaces it first). */
const NO_ARRAY: LuaValue[] = [];

export class LuaTable extends Map<LuaValue, LuaValue> {
  arr: LuaValue[] = NO_ARRAY;
  metatable: LuaTable | undefined = undefined;
  /** This table's raw __index and __newindex fields, kept beside the Map for when it is a metatable. */
  metaIndex: LuaValue = undefined;
  metaNewindex: LuaValue = undefined;
  /** Lua's array part size, hash part size (a power of two, 0 = none) and hash nodes holding a key. */
  asize = 0;
  nodeCap = 0;
  nodeUsed = 0;
  /** nils inside arr, and positive integer keys in the Map: when both are 0 the border is unique. */
  holes = 0;
  hashInts = 0;
  /** No key but strings so far: the size model has not started (see startModel). */
  stringKeysOnly = true;
  /** Dead keys (see below) with their main positions, and the dead key found at a position. */
  private dead: Map<LuaValue, number> | undefined = undefined;
  private deadAt: Map<number, LuaValue> | undefined = undefined;
  /** Iteration cursor for next(): the Map iterator and the key it returned last. */
  private iter: Iterator<[LuaValue, LuaValue]> | undefined = undefined;
  private iterKey: LuaValue = undefined;

  // get and set are small, so V8 inlines them where they are called: string keys and keys
  // of the array part first, everything else in getOther/setOther.
  get(key: LuaValue): LuaValue {
    if (typeof key === "string") return super.get(key);
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
    return super.get(key);
  }

  /** Raw string-keyed read: the common case of `t.name`. */
  getStr(key: string): LuaValue {
    return super.get(key);
  }

  // Returns the table, as Map's set does (no caller uses it).
  set(key: LuaValue, value: LuaValue): this {
    if (typeof key === "string") {
      if (key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95) this.noteMetaField(key, value);
      if (this.stringKeysOnly) {
        if (value === undefined) super.delete(key);
        else super.set(key, value);
      } else if (value === undefined) {
        if (super.delete(key)) this.keyRemoved(key);
        else this.nilToAbsent(key);
      } else {
        const size = super.size;
        super.set(key, value);
        if (super.size !== size) {
          // a new key: it takes a free node (the common case), else see keyAdded
          if (this.nodeUsed < this.nodeCap && this.dead === undefined) this.nodeUsed++;
          else this.keyAdded(key);
        }
      }
      return this;
    }
    if (typeof key === "number" && value !== undefined && key > 0 && key <= this.arr.length && Number.isInteger(key)) {
      const arr = this.arr;
      const hole = arr[key - 1] === undefined;
      arr[key - 1] = value;
      if (hole) this.holeFilled(key);
      return this;
    }
    this.setOther(key, value);
    return this;
  }

  private setOther(key: LuaValue, value: LuaValue): void {
    if (this.stringKeysOnly) this.startModel();
    if (typeof key === "number") {
      if (Number.isInteger(key) && key > 0) {
        const arr = this.arr;
        if (key <= arr.length) {
          if (value !== undefined) {
            const hole = arr[key - 1] === undefined;
            arr[key - 1] = value;
            if (hole) this.holeFilled(key);
          } else if (arr[key - 1] === undefined) this.nilToAbsent(key);
          else {
            this.keyRemoved(key);
            if (key === arr.length) {
              arr.pop();
              while (arr.length > 0 && arr[arr.length - 1] === undefined) {
                arr.pop();
                this.holes--;
              }
            } else {
              arr[key - 1] = undefined;
              this.holes++;
            }
          }
          return;
        }
        if (key === arr.length + 1) {
          if (value === undefined) this.nilToAbsent(key);
          else {
            if (arr === NO_ARRAY) this.arr = [value];
            else arr.push(value);
            this.keyAdded(key);
            this.migrate();
          }
          return;
        }
      } else if (Number.isNaN(key)) throw runtimeError("table index is NaN");
    } else if (key === undefined) throw runtimeError("table index is nil");
    else if (key instanceof LuaFloat) {
      this.set(normaliseKey(key), value);
      return;
    }
    const positive = typeof key === "number" && key > 0 && Number.isInteger(key);
    if (value === undefined) {
      if (super.delete(key)) {
        if (positive) this.hashInts--;
        this.keyRemoved(key);
      } else this.nilToAbsent(key);
      return;
    }
    const size = super.size;
    super.set(key, value);
    if (super.size !== size) {
      if (positive) this.hashInts++;
      this.keyAdded(key);
    }
  }

  // The model of Lua's sizes. A key in Lua's array part (1..asize) never takes a hash node.
  // A hash node keeps its key after the value becomes nil (a dead key) until a rehash; a new
  // key whose main position holds a dead key takes that node over (luaH_newkey).

  private inArrayPart(key: LuaValue): boolean {
    return typeof key === "number" && key > 0 && key <= this.asize && Number.isInteger(key);
  }

  /** A key that was absent now has a value. */
  private keyAdded(key: LuaValue): void {
    if (this.inArrayPart(key)) return;
    if (this.dead !== undefined && this.dead.has(key)) this.unbury(key);
    else this.newKey(key, false);
  }

  private holeFilled(key: number): void {
    this.holes--;
    this.keyAdded(key);
  }

  /** A key's value became nil: its hash node stays, holding a dead key. */
  private keyRemoved(key: LuaValue): void {
    if (!this.inArrayPart(key)) this.bury(key);
  }

  /** `t[k] = nil` for an absent k: lvm.c's luaV_finishset creates the node all the same. */
  private nilToAbsent(key: LuaValue): void {
    if (this.inArrayPart(key) || (this.dead !== undefined && this.dead.has(key))) return;
    this.newKey(key, true);
  }

  /** luaH_newkey: a dead node at the key's main position, else a free node, else a rehash. */
  private newKey(key: LuaValue, toNil: boolean): void {
    const deadAt = this.deadAt;
    const deadHere = deadAt === undefined ? undefined : deadAt.get(this.mainPosition(key));
    if (deadHere !== undefined) this.unbury(deadHere);
    else if (this.nodeUsed < this.nodeCap) this.nodeUsed++;
    else {
      this.rehash(toNil ? key : undefined);
      if (toNil && !this.inArrayPart(key)) this.bury(key);
      return;
    }
    if (toNil) this.bury(key);
  }

  /**
   * The node a key hashes to, where ltable.c's hash is known: integers and booleans modulo
   * the (power of two) size. Strings hash with a per-process random seed in Lua, so their
   * position is unknown (-1) unless there is one node.
   */
  private mainPosition(key: LuaValue): number {
    const mask = this.nodeCap - 1;
    if (mask <= 0) return 0;
    if (typeof key === "number") return Number.isInteger(key) ? key & mask : -1;
    if (typeof key === "bigint") return Number(BigInt.asUintN(32, key)) & mask;
    if (typeof key === "boolean") return key ? 1 : 0;
    return -1;
  }

  private bury(key: LuaValue): void {
    const pos = this.mainPosition(key);
    (this.dead ??= new Map()).set(key, pos);
    if (pos >= 0 && !(this.deadAt ??= new Map()).has(pos)) this.deadAt.set(pos, key);
  }

  private unbury(key: LuaValue): void {
    const dead = this.dead!;
    const pos = dead.get(key)!;
    dead.delete(key);
    const deadAt = this.deadAt;
    if (deadAt !== undefined && deadAt.get(pos) === key) deadAt.delete(pos);
  }

  /**
   * ltable.c's rehash: the array part becomes the largest power of two n such that more
   * than n/2 of the keys 1..n are present; every other key goes to a hash part sized to
   * hold it. A new key with a value is already stored and counted with the others; `extra`
   * is a new key being set to nil, which takes a node all the same.
   */
  private rehash(extra: LuaValue): void {
    this.dead = undefined;
    this.deadAt = undefined;
    if (this.holes === 0 && this.hashInts === 0 && extra === undefined) {
      // keys 1..n and no other positive integer: computesizes picks the smallest power of two >= n
      const n = this.arr.length;
      this.asize = n > 0 ? ceilPow2(n) : 0;
      const inHash = super.size;
      this.nodeUsed = inHash;
      this.nodeCap = inHash === 0 ? 0 : ceilPow2(inHash);
      return;
    }
    this.rehashCounting(extra);
  }

  /** rehash with other integer keys about: count them by power-of-two slices (numusearray, numusehash). */
  private rehashCounting(extra: LuaValue): void {
    const arr = this.arr;
    let total = arr.length - this.holes + super.size;
    let inArray = 0;
    const extraIndex = typeof extra === "number" && extra > 0 && extra <= MAX_ARRAY_SIZE && Number.isInteger(extra) ? extra : 0;
    if (extra !== undefined) total++;
    this.asize = 0;
    const nums = rehashNums.fill(0);
    let ints = 0;
    if (extraIndex > 0) (nums[ceilLog2(extraIndex)]++, ints++);
    if (this.holes === 0) {
      // 1..n all present: slice i holds min(n, 2^i) - 2^(i-1) of them.
      for (let i = 0, lo = 0, hi = 1; lo < arr.length; i++, lo = hi, hi *= 2) nums[i] += Math.min(arr.length, hi) - lo;
      ints += arr.length;
    } else {
      for (let k = 1; k <= arr.length; k++) if (arr[k - 1] !== undefined) (nums[ceilLog2(k)]++, ints++);
    }
    if (this.hashInts > 0) {
      for (const k of super.keys()) {
        if (typeof k === "number" && k > 0 && k <= MAX_ARRAY_SIZE && Number.isInteger(k)) (nums[ceilLog2(k)]++, ints++);
      }
    }
    // computesizes
    let a = 0;
    for (let i = 0, twotoi = 1; ints > twotoi / 2; i++, twotoi *= 2) {
      a += nums[i];
      if (a > twotoi / 2) {
        this.asize = twotoi;
        inArray = a;
      }
    }
    const inHash = total - inArray;
    this.nodeUsed = inHash;
    this.nodeCap = inHash === 0 ? 0 : ceilPow2(inHash);
    if (arr.length > this.asize && this.holes > 0) this.spill();
  }

  /**
   * Lua's array part shrank below arr, which has holes: move arr's keys past it into the Map,
   * as Lua moves them to its hash part. Without this, integer keys deleted from the front
   * (a queue, or pending requests by increasing id) would leave arr growing without bound.
   * arr keeps 1..keep, where keep + 1 is absent (the Map never holds arr.length + 1).
   */
  private spill(): void {
    const arr = this.arr;
    let keep = Math.min(this.asize, arr.length);
    while (keep > 0 && (arr[keep] !== undefined || arr[keep - 1] === undefined)) keep--;
    for (let k = keep + 1; k <= arr.length; k++) {
      const v = arr[k - 1];
      if (v !== undefined) {
        super.set(k, v);
        this.hashInts++;
      }
    }
    arr.length = keep;
    let holes = 0;
    for (let i = 0; i < keep; i++) if (arr[i] === undefined) holes++;
    this.holes = holes;
  }

  /** lua_createtable's sizes: an array part of narr and a hash part for nrec keys. */
  presize(narr: number, nrec: number): void {
    this.asize = narr;
    this.nodeCap = nrec === 0 ? 0 : ceilPow2(nrec);
  }

  /**
   * The first key that is not a string: from here on the model follows every change. Before,
   * only string keys came, and a string-keyed hash part cannot change the array part (`#` is
   * 0): so its sizes are worked out now, as Lua's would stand after those insertions (the
   * node count doubling from the constructor's size as needed). Deleted string keys are
   * forgotten; where they lie in Lua depends on its randomly seeded string hash anyway.
   */
  startModel(): void {
    this.stringKeysOnly = false;
    const n = super.size;
    this.nodeUsed = n;
    if (n > this.nodeCap) this.nodeCap = ceilPow2(n);
  }

  /** Keep metaIndex/metaNewindex equal to the raw fields they mirror. */
  noteMetaField(key: string, value: LuaValue): void {
    if (key === "__index") this.metaIndex = value;
    else if (key === "__newindex") this.metaNewindex = value;
  }

  /** Move keys n+1, n+2, ... from the Map into arr after arr grew to n. */
  migrate(): void {
    if (this.hashInts === 0) return; // no positive integer key in the Map
    const arr = this.arr;
    let next = arr.length + 1;
    let v = super.get(next);
    while (v !== undefined) {
      arr.push(v);
      super.delete(next);
      this.hashInts--;
      next++;
      v = super.get(next);
    }
  }

  /** The primitive `#` (a border), without __len: the one luaH_getn finds. */
  length(): number {
    if (this.holes === 0 && this.hashInts === 0) return this.arr.length; // the only border
    return this.luaBorder();
  }

  private luaBorder(): number {
    let j = this.asize;
    if (j > 0 && this.get(j) === undefined) {
      // a border inside the array part: binary search for it
      let i = 0;
      while (j - i > 1) {
        const m = Math.floor((i + j) / 2);
        if (this.get(m) === undefined) j = m;
        else i = m;
      }
      return i;
    }
    if (this.nodeCap === 0) return j;
    // unbound_search: double j until t[j] is nil, then binary search
    let i = j;
    j++;
    while (this.get(j) !== undefined) {
      i = j;
      if (j > 2 ** 52) {
        // a table built to defeat the search: Lua falls back to a linear scan
        i = 1;
        while (this.get(i) !== undefined) i++;
        return i - 1;
      }
      j *= 2;
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.get(m) === undefined) j = m;
      else i = m;
    }
    return i;
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
    if (fromStart) {
      this.iter = super.entries();
    } else if (this.iter === undefined || this.iterKey !== key) {
      // Not continuing the last traversal: find the key, then continue after it.
      if (!super.has(key)) throw cError("invalid key to 'next'");
      this.iter = super.entries();
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

/** Lua's array part holds keys up to 2^MAXABITS (ltable.c). */
const MAX_ARRAY_BITS = 31;
const MAX_ARRAY_SIZE = 2 ** MAX_ARRAY_BITS;
/** Map's own set and delete, for tableOf (LuaTable overrides set). */
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
/** Map's size getter, for tableOf (`super.size` in LuaTable's methods: `this.size` is a megamorphic load in V8). */
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;

/** rehash's count of integer keys per slice (2^(i-1), 2^i], reused by every rehash. */
const rehashNums = new Array<number>(MAX_ARRAY_BITS + 1).fill(0);

/** ceil(log2(x)) for x >= 1 (luaO_ceillog2). */
function ceilLog2(x: number): number {
  return x <= 1 ? 0 : 32 - Math.clz32(x - 1);
}

/** 2^ceil(log2(x)) for 1 <= x <= 2^31: integer shifts, no Math.pow. */
function ceilPow2(x: number): number {
  return x <= 1 ? 1 : (1 << (32 - Math.clz32(x - 1))) >>> 0;
}

/** A constructor's size operand as lparser.c encodes it (luaO_int2fb, rounding up) and lvm.c decodes it. */
function floatingByte(x: number): number {
  if (x < 16) return x;
  let e = 0;
  while (x >= 8 << 4) {
    x = (x + 0xf) >> 4;
    e += 4;
  }
  while (x >= 8 << 1) {
    x = (x + 1) >> 1;
    e++;
  }
  return x * 2 ** e;
}

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
 * explicit keys 1..n, as Lua's OP_SETLIST runs last. `fixed` is how many positional values
 * the source wrote before an expanded call or `...`, given where it changes the size of
 * Lua's array part (16 or more); without it the array part holds the values exactly.
 */
export function tableOf(items?: LuaValue[], fields?: Record<string, LuaValue>, pairs?: LuaValue[], fixed?: number): LuaTable {
  const t = new LuaTable();
  // OP_NEWTABLE's sizes, then OP_SETLIST growing the array part to an expanded tail. The
  // named fields (all distinct names) go straight into the Map: no size check is needed.
  let nrec = 0;
  if (fields) {
    for (const k in fields) {
      nrec++;
      const v = fields[k];
      if (v !== undefined) {
        mapSet.call(t, k, v);
        if (k.charCodeAt(0) === 95 && k.charCodeAt(1) === 95) t.noteMetaField(k, v);
      }
    }
    t.nodeUsed = mapSize.call(t);
  }
  if (pairs) nrec += pairs.length / 2;
  const count = items === undefined ? 0 : items.length;
  t.presize(fixed === undefined ? count : Math.max(floatingByte(fixed), count), floatingByte(nrec));
  if (pairs !== undefined || count > 0) t.startModel();
  if (pairs) for (let i = 0; i < pairs.length; i += 2) t.set(pairs[i], pairs[i + 1]);
  if (items && count > 0) {
    let n = count;
    while (n > 0 && items[n - 1] === undefined) n--;
    items.length = n;
    if (t.arr.length === 0) {
      let holes = 0;
      for (let k = 0; k < n; k++) if (items[k] === undefined) holes++;
      t.arr = items;
      t.holes = holes;
      // positional nils (trailing ones too) still overwrite [k] = v fields
      if (t.hashInts > 0) for (let k = 1; k <= count; k++) if (mapDelete.call(t, k)) t.hashInts--;
    } else for (let i = 0; i < count; i++) t.set(i + 1, items[i]);
    t.migrate();
  }
  return t;
}
