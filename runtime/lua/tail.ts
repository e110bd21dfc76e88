// Proper tail calls. Lua runs `return f(x)` without growing the stack, so tail recursion
// never overflows. JS calls always grow it; a trampoline bounds the growth:
//
//   - A compiled function with a tail call to a Lua function has two parts: its body, whose
//     `return f(x)` is `return tailcall(f, x)`, and an entry (what everyone calls) made by
//     tailcalls(body). The body is reachable only through its entry and the trampoline.
//   - tailcall() calls f directly while fewer than LIMIT entries are running (the common,
//     shallow case costs a plain call); deeper, it returns a TailCall instead, which unwinds
//     the stack to the nearest entry, whose trampoline makes the call from there.
//
// Entries never return a TailCall, so nothing else (library functions, call sites that are
// not tail calls) ever sees one. Functions without tail calls pay nothing.
import { callMethod, callSlow } from "./call.ts";
import { index } from "./index-ops.ts";
import { metamethod } from "./meta.ts";
import { LuaTable } from "./table.ts";
import type { LuaValue } from "./value.ts";

/** A tail call to make: the function and its arguments. */
export class TailCall {
  constructor(
    readonly f: (...args: LuaValue[]) => LuaValue,
    readonly args: LuaValue[],
  ) {}
}

type Body = (...args: LuaValue[]) => LuaValue;

/** The body behind an entry (see tailcalls). */
const BODY = Symbol("tail-call body");

/** Entries running now (a bound on the JS stack tail calls may use before trampolining). */
let depth = 0;
const LIMIT = 200;

/** `return f(a, b)` in a body: a call while the stack is shallow, else a TailCall. */
export const tailcall: (f: LuaValue, ...args: LuaValue[]) => LuaValue = tailcallFixed;

function tailcallFixed(f: LuaValue, a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
  if (depth < LIMIT && typeof f === "function") {
    switch (arguments.length) {
      case 1:
        return f();
      case 2:
        return f(a);
      case 3:
        return f(a, b);
      case 4:
        return f(a, b, c);
    }
  }
  const args = Array.prototype.slice.call(arguments, 1);
  let fn = f;
  if (typeof fn !== "function") {
    // ldo.c tryfuncTM: __call(f, args...); anything else fails here, where its error belongs
    const h = metamethod(f, "__call");
    if (typeof h !== "function") return callSlow(f, args, 0);
    args.unshift(f);
    fn = h;
  }
  if (depth < LIMIT) return (fn as Body)(...args);
  return new TailCall(fn as Body, args);
}

/** `return o:m(a)` in a body (the method is looked up before the call, as callMethod does). */
export const tailMethod: (o: LuaValue, name: string, ...args: LuaValue[]) => LuaValue = tailMethodFixed;

function tailMethodFixed(o: LuaValue, name: string, a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
  if (depth < LIMIT) {
    switch (arguments.length) {
      case 2:
        return callMethod(o, name);
      case 3:
        return callMethod(o, name, a);
      case 4:
        return callMethod(o, name, a, b);
      case 5:
        return callMethod(o, name, a, b, c);
    }
  }
  const args = Array.prototype.slice.call(arguments, 2);
  // shallow, or an error to raise here (indexing a non-table): callMethod does it all
  if (depth < LIMIT || (!(o instanceof LuaTable) && metamethod(o, "__index") === undefined)) return callMethod(o, name, ...args);
  const f = index(o, name);
  if (typeof f !== "function") return callSlow(f, [o, ...args], 0);
  return new TailCall(f, [o, ...args]);
}

/** Run TailCalls until a value comes back (called by entries, which are at a shallow point). */
function trampoline(r: TailCall): LuaValue {
  let next: LuaValue | TailCall = r;
  while (next instanceof TailCall) {
    const f = next.f;
    const body = (f as { [BODY]?: Body })[BODY];
    if (body === undefined) next = f(...next.args);
    else {
      depth++;
      try {
        next = body(...next.args);
      } finally {
        depth--;
      }
    }
  }
  return next;
}

/** A function's entry: runs the body, then any TailCall it returns. Specialised by arity. */
export function tailcalls(body: Body, vararg = false): Body {
  let entry: Body;
  if (vararg || body.length > 4) {
    entry = function (...args: LuaValue[]): LuaValue {
      depth++;
      let r: LuaValue | TailCall;
      try {
        r = body(...args);
      } finally {
        depth--;
      }
      return r instanceof TailCall ? trampoline(r) : r;
    };
  } else {
    switch (body.length) {
      case 0:
        entry = function (): LuaValue {
          depth++;
          let r: LuaValue | TailCall;
          try {
            r = body();
          } finally {
            depth--;
          }
          return r instanceof TailCall ? trampoline(r) : r;
        };
        break;
      case 1:
        entry = function (a?: LuaValue): LuaValue {
          depth++;
          let r: LuaValue | TailCall;
          try {
            r = body(a);
          } finally {
            depth--;
          }
          return r instanceof TailCall ? trampoline(r) : r;
        };
        break;
      case 2:
        entry = function (a?: LuaValue, b?: LuaValue): LuaValue {
          depth++;
          let r: LuaValue | TailCall;
          try {
            r = body(a, b);
          } finally {
            depth--;
          }
          return r instanceof TailCall ? trampoline(r) : r;
        };
        break;
      case 3:
        entry = function (a?: LuaValue, b?: LuaValue, c?: LuaValue): LuaValue {
          depth++;
          let r: LuaValue | TailCall;
          try {
            r = body(a, b, c);
          } finally {
            depth--;
          }
          return r instanceof TailCall ? trampoline(r) : r;
        };
        break;
      default:
        entry = function (a?: LuaValue, b?: LuaValue, c?: LuaValue, d?: LuaValue): LuaValue {
          depth++;
          let r: LuaValue | TailCall;
          try {
            r = body(a, b, c, d);
          } finally {
            depth--;
          }
          return r instanceof TailCall ? trampoline(r) : r;
        };
    }
  }
  (entry as { [BODY]?: Body })[BODY] = body;
  return entry;
}
