// Functions: parameters (`...` becomes a rest parameter), temporaries declared at the top of
// the body, and an explicit `return NONE` where the end is reachable, because falling off the
// end yields zero values in Lua (print(f()) prints an empty line), not one nil.
import CodeBlockWriter from "code-block-writer";
import type { L } from "../parse.ts";
import type { FunctionInfo } from "../analyse.ts";
import type { EmitContext, FunctionState } from "./context.ts";
import { block } from "./statements.ts";
import { hasSelfLoop } from "./tailcalls.ts";

export function functionExpression(ctx: EmitContext, e: L.FunctionDeclaration, selfParam = false): string {
  const info = ctx.analysis.functions.get(e)!;
  const params = parameterList(ctx, e, info, selfParam);
  const fn = tailEntry(ctx, info, `${ctx.markNode(e)}function (${params})${ctx.ty(": LuaValue")} {\n${normalBody(ctx, e, info)}}`);
  const closure = ctx.analysis.usesCoroutines ? `${ctx.rt("withCo")}(${fn}, ${twin(ctx, e, info, params)})` : fn;
  const cache = ctx.closureVar(e);
  return cache ? `(${cache} ??= ${closure})` : closure;
}

/** `local function f` as a function declaration (a `let` holding both versions with coroutines). */
export function functionDeclaration(ctx: EmitContext, name: string, e: L.FunctionDeclaration): string {
  const info = ctx.analysis.functions.get(e)!;
  const params = parameterList(ctx, e, info, false);
  const body = normalBody(ctx, e, info);
  if (ctx.tailFunctions.has(info)) {
    // a body with tail calls is reached through its entry (a named function would be the body)
    const fn = tailEntry(ctx, info, `${ctx.markNode(e)}function (${params})${ctx.ty(": LuaValue")} {\n${body}}`);
    return `let ${name} = ${ctx.analysis.usesCoroutines ? `${ctx.rt("withCo")}(${fn}, ${twin(ctx, e, info, params)})` : fn};`;
  }
  const fn = `${ctx.markNode(e)}function ${name}(${params})${ctx.ty(": LuaValue")} {\n${body}}`;
  return ctx.analysis.usesCoroutines ? `let ${name} = ${ctx.rt("withCo")}(${fn}, ${twin(ctx, e, info, params)});` : fn;
}

/** A function whose body makes proper tail calls, behind its trampolining entry. */
function tailEntry(ctx: EmitContext, info: FunctionInfo, fn: string): string {
  if (!ctx.tailFunctions.has(info)) return fn;
  return `${ctx.rt("tailcalls")}(${fn}${info.isVararg ? ", true" : ""})`;
}

function normalBody(ctx: EmitContext, e: L.FunctionDeclaration, info: FunctionInfo): string {
  const outer = ctx.co;
  ctx.co = false;
  const body = functionBody(ctx, info, () => bodyStatements(ctx, e, info));
  ctx.co = outer;
  return body;
}

/** A function's statements; with self tail calls, in a loop they continue (emit/tailcalls.ts). */
function bodyStatements(ctx: EmitContext, e: L.FunctionDeclaration, info: FunctionInfo): void {
  if (!hasSelfLoop(ctx, info)) return block(ctx, e.body);
  const label = (ctx.fn.selfLoop = ctx.label("tailcall"));
  ctx.writer.write(`${label}: for (;;) `).inlineBlock(() => {
    block(ctx, e.body);
    if (info.endReachable) ctx.writer.writeLine(`return ${ctx.rt("NONE")};`);
  });
  ctx.writer.newLine();
}

function twin(ctx: EmitContext, e: L.FunctionDeclaration, info: FunctionInfo, params: string): string {
  const outer = ctx.co;
  ctx.co = true;
  const body = functionBody(ctx, info, () => bodyStatements(ctx, e, info));
  ctx.co = outer;
  return `${ctx.markNode(e)}function* (${params})${ctx.ty(": Generator<LuaValue, LuaValue, LuaValue>")} {\n${body}}`;
}

function parameterList(ctx: EmitContext, e: L.FunctionDeclaration, info: FunctionInfo, selfParam: boolean): string {
  ctx.rt("LuaValue");
  const ps: string[] = [];
  if (selfParam) ps.push(`${ctx.analysis.selfBindings.get(e)?.jsName ?? "self"}${ctx.ty("?: LuaValue")}`);
  for (const p of e.parameters) {
    if (p.type === "Identifier") ps.push(`${ctx.binding(p).jsName}${ctx.ty("?: LuaValue")}`);
  }
  if (info.isVararg) ps.push(`...${varargsName(ctx)}${ctx.ty(": LuaValue[]")}`);
  return ps.join(", ");
}

export function varargsName(ctx: EmitContext): string {
  return ctx.analysis.names.has("varargs") ? "varargs_" : "varargs";
}

/** Emit a function body with its own temporaries and labels; returns the indented text. */
export function functionBody(ctx: EmitContext, info: FunctionInfo, emitBody: () => void): string {
  const outerWriter = ctx.writer;
  const outerFn = ctx.fn;
  const state: FunctionState = { info, temps: 0, tempNames: [], varargs: varargsName(ctx), labels: new Set(), loops: [] };
  ctx.fn = state;
  const inner = new CodeBlockWriter({ indentNumberOfSpaces: 2 });
  ctx.writer = inner;
  emitBody();
  // a loaded chunk's main function is called by Lua code: falling off its end returns nothing too
  if (info.endReachable && (info !== ctx.analysis.main || ctx.plainJs) && !state.selfLoop) inner.writeLine(`return ${ctx.rt("NONE")};`);
  ctx.writer = outerWriter;
  ctx.fn = outerFn;
  let text = inner.toString();
  if (state.tempNames.length) text = `let ${state.tempNames.map((t) => `${t}${ctx.ty(": LuaValue")}`).join(", ")};\n` + text;
  return indent(text);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => (l.length ? "  " + l : l))
    .join("\n");
}
