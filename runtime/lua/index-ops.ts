// Indexing with __index / __newindex chains (lvm.c luaV_finishget / luaV_finishset).
import { runtimeError } from "./errors.ts";
import { getMetatable, typeNameForError } from "./meta.ts";
import { LuaTable } from "./table.ts";
import type { LuaValue } from "./value.ts";

const MAXTAGLOOP = 2000;

/** `o[k]`: raw hit first, then __index tables and functions. */
export function index(o: LuaValue, k: LuaValue): LuaValue {
  if (o instanceof LuaTable) {
    const v = o.get(k);
    if (v !== undefined) return v;
    const mt = o.metatable;
    return mt === undefined ? undefined : indexVia(mt.metaIndex, o, k, 1);
  }
  return indexVia(indexHandler(o, k, 0), o, k, 1);
}

/**
 * The rest of `o[k]` after a raw miss on o (or on a value that is no table): h is o's
 * __index handler (undefined: the result is nil), `loop` how many steps the chain took.
 */
export function indexVia(h: LuaValue, o: LuaValue, k: LuaValue, loop: number): LuaValue {
  // lvm.c luaV_finishget: each of its MAXTAGLOOP steps takes a handler and reads the next
  // table raw; step `loop` here is its step loop - 1 (the first raw read was the caller's).
  for (; ; loop++) {
    if (loop > MAXTAGLOOP) throw runtimeError("'__index' chain too long; possible loop");
    if (h === undefined) return undefined;
    if (typeof h === "function") {
      const r = h(o, k);
      return Array.isArray(r) ? r[0] : r;
    }
    o = h;
    if (o instanceof LuaTable) {
      const v = o.get(k);
      if (v !== undefined) return v;
      const mt = o.metatable;
      if (mt === undefined) return undefined;
      h = mt.metaIndex;
    } else h = indexHandler(o, k, loop);
  }
}

/** The __index of a value that is no table; one without it cannot be indexed. */
function indexHandler(o: LuaValue, k: LuaValue, loop: number): LuaValue {
  const h = getMetatable(o)?.getStr("__index");
  // only the indexed expression itself has a name, not a value reached through __index
  if (h === undefined) throw runtimeError(`attempt to index a ${typeNameForError(o)} value`, loop === 0 ? 0 : -1);
  return h;
}

/** `o[k] = v`: raw set when the key exists or there is no __newindex. */
export function setindex(o: LuaValue, k: LuaValue, v: LuaValue): void {
  if (o instanceof LuaTable && (o.metatable === undefined || o.metatable.metaNewindex === undefined)) {
    o.set(k, v);
    return;
  }
  setindexSlow(o, k, v);
}

function setindexSlow(o: LuaValue, k: LuaValue, v: LuaValue): void {
  // lvm.c luaV_finishset: step `loop` here is its raw write that ends step loop - 1 (or the
  // first try, for 0), then the handler of step `loop`; after the last step only the raw write.
  for (let loop = 0; loop <= MAXTAGLOOP; loop++) {
    let h: LuaValue;
    if (o instanceof LuaTable) {
      if (loop === MAXTAGLOOP) {
        if (o.get(k) === undefined) break;
        o.set(k, v);
        return;
      }
      const mt = o.metatable;
      if (mt === undefined || (h = mt.metaNewindex) === undefined || o.get(k) !== undefined) {
        o.set(k, v);
        return;
      }
    } else {
      if (loop === MAXTAGLOOP) break;
      h = getMetatable(o)?.getStr("__newindex");
      if (h === undefined) throw runtimeError(`attempt to index a ${typeNameForError(o)} value`, loop === 0 ? 0 : -1);
    }
    if (typeof h === "function") {
      h(o, k, v);
      return;
    }
    o = h;
  }
  throw runtimeError("'__newindex' chain too long; possible loop");
}
