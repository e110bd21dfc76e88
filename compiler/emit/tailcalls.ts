// Proper tail calls (`return f(args)`): how each one is compiled.
//   self   a local function calling itself: its parameters are reassigned and its body
//          loops (`continue tailcall`), the fastest form, with no stack at all;
//   plain  a call to a runtime function (a C function in Lua: it never nests Lua calls) or to
//          a local function that makes no tail calls itself: an ordinary call, since the
//          chain of tail calls stops there;
//   tail   anything else: tailcall()/tailMethod() in a body behind a trampolining entry
//          (runtime/lua/tail.ts), so chains of any length run in bounded stack.
// Coroutine twins and the main chunk keep ordinary calls.
import type { Binding, FunctionInfo } from "../analyse.ts";
import { isMulti } from "../analyse.ts";
import type { L } from "../parse.ts";
import type { EmitContext } from "./context.ts";
import { LIBRARIES } from "./globals.ts";

/** Suffix of the position key ("line:col") marking a tail call site in the names table (runtime/lua/errors.ts). */
export const TAIL_CALL_KEY = "!tail";

type AnyCall = L.CallExpression | L.StringCallExpression | L.TableCallExpression;
export type TailKind = "self" | "plain" | "tail";

/** The call a return statement tail-calls, if it is one (`return f(x)`, not `return (f(x))`). */
export function tailCallOf(ctx: EmitContext, r: L.ReturnStatement): AnyCall | undefined {
  if (r.arguments.length !== 1) return undefined;
  const e = r.arguments[0];
  if (e.type === "VarargLiteral" || !isMulti(ctx.analysis.chunk, e)) return undefined;
  return e as AnyCall;
}

export function tailKind(ctx: EmitContext, info: FunctionInfo, e: AnyCall): TailKind {
  const base = e.base;
  if (base.type === "MemberExpression" && base.indexer === ":") return "tail";
  if (base.type === "Identifier") {
    const b = ctx.binding(base);
    if (b.kind === "global" && ctx.isFixedRuntimeGlobal(base.name) && !(base.name in LIBRARIES)) return "plain";
    if (b === info.self && selfLoops(ctx, info, b)) return "self";
    const callee = localFunction(b);
    if (callee && !mayTailCall(ctx, callee)) return "plain";
    return "tail";
  }
  if (base.type === "MemberExpression" && base.indexer === "." && base.base.type === "Identifier") {
    const lib = base.base.name;
    if (ctx.binding(base.base).kind === "global" && LIBRARIES[lib]?.includes(base.identifier.name) && ctx.isFixedRuntimeGlobal(lib)) return "plain";
  }
  return "tail";
}

/** A local function never reassigned: its calls always reach this function. */
function localFunction(b: Binding): FunctionInfo | undefined {
  return b.kind === "local" && b.functionsOnly && b.assignments === 0 ? b.fnInfo : undefined;
}

/**
 * A self tail call can loop when the function's parameters are its own (no closure keeps
 * one: each Lua call has new ones) and it has no `...`.
 */
function selfLoops(ctx: EmitContext, info: FunctionInfo, self: Binding): boolean {
  if (info.isVararg || self.assignments > 0) return false;
  const fn = info.node as L.FunctionDeclaration;
  return fn.parameters.every((p) => p.type !== "Identifier" || !ctx.binding(p).captured);
}

const mayTail = new WeakMap<FunctionInfo, boolean>();

/** The function's body makes `tail` calls (it then needs an entry). Cycles count as yes. */
export function mayTailCall(ctx: EmitContext, info: FunctionInfo): boolean {
  const known = mayTail.get(info);
  if (known !== undefined) return known;
  mayTail.set(info, true); // in progress: a cycle of tail calls is a chain
  const result = info !== ctx.analysis.main && info.returns.some((r) => {
    const call = tailCallOf(ctx, r);
    return call !== undefined && tailKind(ctx, info, call) === "tail";
  });
  mayTail.set(info, result);
  return result;
}

/** The function calls itself in tail position in a way that loops (see tailKind). */
export function hasSelfLoop(ctx: EmitContext, info: FunctionInfo): boolean {
  return info !== ctx.analysis.main && info.returns.some((r) => {
    const call = tailCallOf(ctx, r);
    return call !== undefined && tailKind(ctx, info, call) === "self";
  });
}
