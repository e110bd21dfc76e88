// Operators inside coroutine twins. In Lua 5.3 a metamethod written in Lua may yield (an
// __index function that waits for a reply, an __add that logs through a coroutine). The plain
// helpers (add, index, lt...) call metamethods from JS, where a yield cannot suspend, so a twin
// uses these variants instead: they do the operation themselves unless it needs a metamethod
// that has a twin; then they return PENDING and leave the call to the twin, which runs it with
// `yield* pendingCo()`. The emitted form is
//     (($co = addCo(a, b)) !== PENDING ? $co : yield* pendingCo())
// so the common case (no metamethod) allocates nothing. Programs without coroutines never
// see this module's helpers.
import { add, div, idiv, mod, mul, pow, sub, unm } from "./arith.ts";
import { band, bnot, bor, bxor, shl, shr } from "./bitwise.ts";
import { eq, ge, gt, le, lt, ne } from "./compare.ts";
import { concat, len } from "./concat.ts";
import { index, setindex } from "./index-ops.ts";
import { LuaUserdata, metamethod } from "./meta.ts";
import { LuaTable } from "./table.ts";
import { callCo, hasTwin } from "./coroutine.ts";
import type { LuaValue } from "./value.ts";

/** Returned by an operation whose metamethod must run in the twin (see pendingCo). */
export const PENDING: unique symbol = Symbol("qsys2ts.pendingMetamethod");

/** What the twin does with the metamethod's results. */
const enum Post {
  First,
  Truthy,
  Falsy, // `not (b < a)`: 5.3's __le fallback
  Nothing,
}

let pendingHandler: LuaValue = undefined;
let pendingArgs: LuaValue[] = [];
let pendingPost = Post.First;

function defer(h: LuaValue, args: LuaValue[], post: Post): typeof PENDING {
  pendingHandler = h;
  pendingArgs = args;
  pendingPost = post;
  return PENDING;
}

/** Run the metamethod an operation left pending, in the coroutine (it may yield). */
export function* pendingCo(): Generator<LuaValue, LuaValue, LuaValue> {
  const h = pendingHandler;
  const args = pendingArgs;
  const post = pendingPost;
  pendingHandler = undefined;
  pendingArgs = [];
  const r = yield* callCo(h, ...args);
  const v = Array.isArray(r) ? r[0] : r;
  if (post === Post.First) return v;
  if (post === Post.Nothing) return undefined;
  const t = v !== undefined && v !== false;
  return post === Post.Truthy ? t : !t;
}

const isObject = (v: LuaValue): boolean => v instanceof LuaTable || v instanceof LuaUserdata;

type Binary = (a: LuaValue, b: LuaValue) => LuaValue;

/** Arithmetic, bitwise and concatenation: numbers and strings never reach a metamethod. */
function binaryCo(op: Binary, event: string): Binary {
  return (a, b) => {
    if (typeof a === "number" && typeof b === "number") return op(a, b);
    if (!isObject(a) && !isObject(b)) return op(a, b);
    const h = metamethod(a, event) ?? metamethod(b, event);
    return hasTwin(h) ? defer(h, [a, b], Post.First) : op(a, b);
  };
}

export const addCo = binaryCo(add, "__add");
export const subCo = binaryCo(sub, "__sub");
export const mulCo = binaryCo(mul, "__mul");
export const divCo = binaryCo(div, "__div");
export const modCo = binaryCo(mod, "__mod");
export const powCo = binaryCo(pow, "__pow");
export const idivCo = binaryCo(idiv, "__idiv");
export const bandCo = binaryCo(band, "__band");
export const borCo = binaryCo(bor, "__bor");
export const bxorCo = binaryCo(bxor, "__bxor");
export const shlCo = binaryCo(shl, "__shl");
export const shrCo = binaryCo(shr, "__shr");
export const concatCo = binaryCo(concat, "__concat");

/** `a < b` (swap = false) or `a > b` as `b < a` (swap = true). */
function lessCo(op: Binary, swap: boolean): Binary {
  return (a, b) => {
    if (typeof a === "number" && typeof b === "number") return op(a, b);
    if (!isObject(a) && !isObject(b)) return op(a, b);
    const [x, y] = swap ? [b, a] : [a, b];
    const h = metamethod(x, "__lt") ?? metamethod(y, "__lt");
    return hasTwin(h) ? defer(h, [x, y], Post.Truthy) : op(a, b);
  };
}

/** `a <= b` (or `a >= b` as `b <= a`): __le, else 5.3's `not (y < x)` through __lt. */
function lessEqualCo(op: Binary, swap: boolean): Binary {
  return (a, b) => {
    if (typeof a === "number" && typeof b === "number") return op(a, b);
    if (!isObject(a) && !isObject(b)) return op(a, b);
    const [x, y] = swap ? [b, a] : [a, b];
    const h = metamethod(x, "__le") ?? metamethod(y, "__le");
    if (h !== undefined) return hasTwin(h) ? defer(h, [x, y], Post.Truthy) : op(a, b);
    const h2 = metamethod(y, "__lt") ?? metamethod(x, "__lt");
    return hasTwin(h2) ? defer(h2, [y, x], Post.Falsy) : op(a, b);
  };
}

export const ltCo = lessCo(lt, false);
export const gtCo = lessCo(gt, true);
export const leCo = lessEqualCo(le, false);
export const geCo = lessEqualCo(ge, true);

/** `==` / `~=`: only two tables (or two userdata) that are not the same object consult __eq. */
function equalCo(op: Binary, negate: boolean): Binary {
  return (a, b) => {
    if (a === b || !isObject(a) || !isObject(b) || a instanceof LuaTable !== b instanceof LuaTable) return op(a, b);
    const h = metamethod(a, "__eq") ?? metamethod(b, "__eq");
    return hasTwin(h) ? defer(h, [a, b], negate ? Post.Falsy : Post.Truthy) : op(a, b);
  };
}

export const eqCo = equalCo(eq, false);
export const neCo = equalCo(ne, true);

/** -a, ~a and #a: the metamethod gets the operand twice, as luaT_trybinTM passes it. */
function unaryCo(op: (a: LuaValue) => LuaValue, event: string): (a: LuaValue) => LuaValue {
  return (a) => {
    if (!isObject(a)) return op(a);
    const h = metamethod(a, event);
    return hasTwin(h) ? defer(h, [a, a], Post.First) : op(a);
  };
}

export const unmCo = unaryCo(unm, "__unm");
export const bnotCo = unaryCo(bnot, "__bnot");
export const lenCo = unaryCo(len, "__len");

const MAXTAGLOOP = 2000;

/** `o[k]`: raw hits and __index tables here; an __index function with a twin is deferred. */
export function indexCo(o: LuaValue, k: LuaValue): LuaValue {
  let t = o;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let h: LuaValue;
    if (t instanceof LuaTable) {
      const v = t.get(k);
      if (v !== undefined) return v;
      const mt = t.metatable;
      if (mt === undefined || (h = mt.getStr("__index")) === undefined) return undefined;
    } else {
      h = metamethod(t, "__index");
      if (h === undefined) return index(t, k); // raises "attempt to index"
    }
    if (typeof h === "function") return hasTwin(h) ? defer(h, [t, k], Post.First) : index(t, k);
    t = h;
  }
  return index(t, k); // raises the chain-too-long error
}

/** `o[k] = v`; returns PENDING when an __newindex function with a twin must run. */
export function setindexCo(o: LuaValue, k: LuaValue, v: LuaValue): LuaValue {
  let t = o;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let h: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(k) !== undefined || (h = mt.getStr("__newindex")) === undefined) {
        t.set(k, v);
        return undefined;
      }
    } else {
      h = metamethod(t, "__newindex");
      if (h === undefined) break; // setindex raises "attempt to index"
    }
    if (typeof h === "function") {
      if (hasTwin(h)) return defer(h, [t, k, v], Post.Nothing);
      break;
    }
    t = h;
  }
  setindex(t, k, v);
  return undefined;
}
