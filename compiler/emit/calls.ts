// Calls. A callee known to be a function (a runtime function, a local function never
// reassigned, a global only ever assigned functions) is called directly; anything else goes
// through call()/callMethod(), which handle __call and name the culprit when it fails.
// `want` says what the caller needs: one value, all values, or nothing (a statement).
import type { L } from "../parse.ts";
import type { EmitContext } from "./context.ts";
import { expressionList, stringLiteral, value } from "./expressions.ts";
import { BASE_FUNCTIONS, LIBRARIES, NO_RESULT, SINGLE_RESULT } from "./globals.ts";
import { isMulti } from "../analyse.ts";
import { tailKind } from "./tailcalls.ts";

type AnyCall = L.CallExpression | L.StringCallExpression | L.TableCallExpression;
export type Want = "one" | "all" | "none";

function argumentsOf(e: AnyCall): L.Expression[] {
  if (e.type === "CallExpression") return e.arguments;
  if (e.type === "StringCallExpression") return [e.argument];
  return [e.arguments];
}

export function callExpression(ctx: EmitContext, e: AnyCall, want: Want): string {
  const args = argumentsOf(e);
  const end = e.loc!.end;
  const start = e.loc!.start;
  const base = e.base;
  // The call's position: its first line (as Lua reports it), its last column (unique per call).
  const at = (operands: (L.Node | undefined)[]) => ctx.markOp(start.line, end.column, operands);
  const method = base.type === "MemberExpression" && base.indexer === ":";
  // a method call names [the method, the object] (see callMethod)
  if (ctx.co && !cannotYield(ctx, base)) return coroutineCall(ctx, e, args, want, method ? at([base, base.base]) : at([base]));

  if (base.type === "MemberExpression" && base.indexer === ":") {
    const list = expressionList(ctx, args);
    const r = `${at([base, base.base])}${ctx.rt("callMethod")}(${value(ctx, base.base)}, ${stringLiteral(base.identifier.name)}${list ? ", " + list : ""})`;
    return want === "one" ? `${ctx.rt("first")}(${r})` : r;
  }

  const direct = directCallee(ctx, base, args);
  if (direct && base.type === "Identifier" && base.name === "error" && ctx.binding(base).kind === "global" && args.length === 1 && !isMulti(ctx.analysis.chunk, args[0])) {
    // error(msg) at level 1 is positioned where it is called: the compiler knows where
    const where = stringLiteral(`${ctx.analysis.chunk.name}:${start.line}: `);
    return `${at([base])}${ctx.rt("errorAt")}(${value(ctx, args[0])}, ${where})`;
  }
  if (direct && base.type === "Identifier" && base.name === "assert" && ctx.binding(base).kind === "global" && (args.length === 1 || args.length === 2) && !isMulti(ctx.analysis.chunk, args[args.length - 1])) {
    // so is assert(v, msg)'s: a failure caught by pcall then needs no look at the stack
    const where = stringLiteral(`${ctx.analysis.chunk.name}:${start.line}: `);
    const r = `${at([base])}${ctx.rt("assertAt")}(${where}, ${expressionList(ctx, args)})`;
    return want === "one" && args.length === 2 ? `${ctx.rt("first")}(${r})` : r;
  }
  if (direct) {
    const r = `${at([base])}${direct.js}(${expressionList(ctx, args)})`;
    return want === "one" && !direct.single ? `${ctx.rt("first")}(${r})` : r;
  }
  const list = expressionList(ctx, args);
  const r = `${at([base])}${ctx.rt("call")}(${value(ctx, base)}${list ? ", " + list : ""})`;
  return want === "one" ? `${ctx.rt("first")}(${r})` : r;
}

/** Inside a generator twin every call may yield: `(yield* twinOf(f)(args))`. */
function coroutineCall(ctx: EmitContext, e: AnyCall, args: L.Expression[], want: Want, at: string): string {
  const base = e.base;
  const list = expressionList(ctx, args);
  // library functions callCo handles itself (yield, pcall...) read better as callCo(f, args)
  const special = !cannotYield(ctx, base) && isLibraryCallee(ctx, base);
  const r =
    base.type === "MemberExpression" && base.indexer === ":"
      ? `(yield* ${at}${ctx.rt("callMethodCo")}(${value(ctx, base.base)}, ${stringLiteral(base.identifier.name)}${list ? ", " + list : ""}))`
      : special
        ? `(yield* ${at}${ctx.rt("callCo")}(${value(ctx, base)}${list ? ", " + list : ""}))`
        : `(yield* ${at}${ctx.rt("twinOf")}(${value(ctx, base)})(${list}))`;
  return want === "one" ? `${ctx.rt("first")}${r}` : r;
}

/** pcall, xpcall, coroutine.yield or coroutine.isyieldable of the fixed runtime. */
function isLibraryCallee(ctx: EmitContext, base: L.Expression): boolean {
  if (base.type === "Identifier") return (base.name === "pcall" || base.name === "xpcall") && ctx.binding(base).kind === "global" && ctx.isFixedRuntimeGlobal(base.name);
  return base.type === "MemberExpression" && base.indexer === "." && base.base.type === "Identifier" && base.base.name === "coroutine" && ctx.binding(base.base).kind === "global" && ctx.isFixedRuntimeGlobal("coroutine");
}

/**
 * Library functions are C functions in Lua: nothing can yield inside them (a yield there fails
 * "across a C-call boundary" either way), so a twin calls them plainly, without a generator.
 * Not so for the ones callCo handles itself: yield, isyieldable, pcall and xpcall.
 */
function cannotYield(ctx: EmitContext, base: L.Expression): boolean {
  if (base.type === "Identifier") {
    const b = ctx.binding(base);
    return b.kind === "global" && ctx.isFixedRuntimeGlobal(base.name) && BASE_FUNCTIONS.includes(base.name) && base.name !== "pcall" && base.name !== "xpcall";
  }
  if (base.type === "MemberExpression" && base.indexer === "." && base.base.type === "Identifier") {
    const lib = base.base.name;
    const member = base.identifier.name;
    if (lib === "coroutine" && (member === "yield" || member === "isyieldable")) return false;
    return ctx.binding(base.base).kind === "global" && LIBRARIES[lib]?.includes(member) === true && ctx.isFixedRuntimeGlobal(lib);
  }
  return false;
}

interface Direct {
  js: string;
  /** Always returns exactly one value. */
  single: boolean;
  /** A function compiled from Lua (not a runtime function, which is a C function in Lua terms). */
  lua?: boolean;
}

function directCallee(ctx: EmitContext, base: L.Expression, args: L.Expression[]): Direct | undefined {
  if (base.type === "Identifier") {
    const b = ctx.binding(base);
    if (b.kind === "local") {
      const fn = b.fnInfo;
      if (!fn || !b.functionsOnly || b.assignments > 0) return undefined;
      // TypeScript checks arity: extra or spread arguments need a rest parameter
      const params = (fn.node as L.FunctionDeclaration).parameters.filter((p) => p.type === "Identifier").length;
      const spread = args.length > 0 && isMulti(ctx.analysis.chunk, args[args.length - 1]);
      if (!fn.isVararg && (args.length > params || spread)) return undefined;
      return { js: b.jsName, single: fn.singleResult, lua: true };
    }
    if (b.kind === "env") return undefined;
    if (ctx.isFixedRuntimeGlobal(base.name) && !(base.name in LIBRARIES) && base.name !== "_VERSION" && /^[a-z]/.test(base.name)) {
      return { js: ctx.globalName(base.name), single: SINGLE_RESULT.has(base.name) || NO_RESULT.has(base.name) };
    }
    if (!ctx.analysis.dynamicGlobals && b.functionsOnly && b.assignments > 0) return { js: ctx.globalName(base.name), single: false, lua: true };
    return undefined;
  }
  if (base.type === "MemberExpression" && base.indexer === "." && base.base.type === "Identifier") {
    const lib = base.base.name;
    const member = base.identifier.name;
    const b = ctx.binding(base.base);
    if (b.kind === "global" && LIBRARIES[lib]?.includes(member) && ctx.isFixedRuntimeGlobal(lib)) {
      return { js: `${ctx.globalName(lib)}.${member}`, single: SINGLE_RESULT.has(`${lib}.${member}`) };
    }
  }
  return undefined;
}

/**
 * `return f(args)` as a proper tail call (runtime/lua/tail.ts), when f may be a Lua function:
 * undefined for runtime functions, which Lua runs as C functions (they never nest Lua calls).
 */
export function tailCallExpression(ctx: EmitContext, e: AnyCall): string | undefined {
  if (tailKind(ctx, ctx.fn.info, e) !== "tail") return undefined;
  const args = argumentsOf(e);
  const base = e.base;
  const at = (operands: (L.Node | undefined)[]) => ctx.markOp(e.loc!.start.line, e.loc!.end.column, operands);
  if (base.type === "MemberExpression" && base.indexer === ":") {
    const list = expressionList(ctx, args);
    ctx.tailFunctions.add(ctx.fn.info);
    return `${at([base, base.base])}${ctx.rt("tailMethod")}(${value(ctx, base.base)}, ${stringLiteral(base.identifier.name)}${list ? ", " + list : ""})`;
  }
  const direct = directCallee(ctx, base, args);
  const list = expressionList(ctx, args);
  ctx.tailFunctions.add(ctx.fn.info);
  return `${at([base])}${ctx.rt("tailcall")}(${direct ? direct.js : value(ctx, base)}${list ? ", " + list : ""})`;
}

/** A call known to return exactly one value (a local function whose every return has one). */
export function returnsOneValue(ctx: EmitContext, e: AnyCall): boolean {
  if (ctx.co || (e.base.type === "MemberExpression" && e.base.indexer === ":")) return false;
  return directCallee(ctx, e.base, argumentsOf(e))?.single === true;
}

/** `string.format` etc. read as values (not called) when the library is fixed. */
export function libraryMember(ctx: EmitContext, e: L.MemberExpression): string | undefined {
  if (e.indexer !== "." || e.base.type !== "Identifier") return undefined;
  const b = ctx.binding(e.base);
  const lib = e.base.name;
  if (b.kind !== "global" || !LIBRARIES[lib]?.includes(e.identifier.name) || !ctx.isFixedRuntimeGlobal(lib)) return undefined;
  return `${ctx.globalName(lib)}.${e.identifier.name}`;
}
