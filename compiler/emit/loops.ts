// Loops. A numeric for with integer literal start and step is a plain JS counting loop;
// any other numeric for goes through forPrep (Lua's checks, float loops). Generic for polls
// the iterator object of forIn(...), which walks tables directly for pairs/ipairs and calls the
// iterator function otherwise. JS gives each iteration fresh bindings, as Lua 5.3 does.
import type { L } from "../parse.ts";
import { rangeOf } from "../parse.ts";
import { plainLoop, smallIntLiteral } from "../types.ts";
import type { EmitContext } from "./context.ts";
import { expressionList, value } from "./expressions.ts";
import { block } from "./statements.ts";
import { callExpression } from "./calls.ts";

/** Emit a loop body block; `after` writes statements at its end (repeat's condition). */
export function loopBody(ctx: EmitContext, body: L.Statement[], after?: () => void, head?: () => void): void {
  markContinueGotos(ctx, body, after === undefined);
  ctx.writer.inlineBlock(() => {
    head?.();
    block(ctx, body);
    after?.();
  });
  ctx.closeLoop();
  ctx.writer.newLine();
}

/** `goto continue` to a label ending this loop's body becomes `continue` (not for repeat). */
function markContinueGotos(ctx: EmitContext, body: L.Statement[], allowed: boolean): void {
  const last = body[body.length - 1];
  if (!allowed || last?.type !== "LabelStatement") return;
  const gotos = [...ctx.analysis.gotos].filter(([, t]) => t.label === last).map(([g]) => g);
  if (gotos.some((g) => insideNestedLoop(body, g))) return;
  for (const g of gotos) ctx.continueGotos.add(g);
}

function insideNestedLoop(body: L.Statement[], g: L.GotoStatement): boolean {
  const [gs, ge] = rangeOf(g);
  const visit = (stmts: L.Statement[]): boolean =>
    stmts.some((s) => {
      const [a, b] = rangeOf(s);
      if (gs < a || ge > b) return false;
      if (s.type === "WhileStatement" || s.type === "RepeatStatement" || s.type === "ForNumericStatement" || s.type === "ForGenericStatement") return true;
      if (s.type === "IfStatement") return s.clauses.some((c) => visit(c.body));
      if (s.type === "DoStatement") return visit(s.body);
      return false;
    });
  return visit(body);
}

export function forNumeric(ctx: EmitContext, s: L.ForNumericStatement, at: string): void {
  const w = ctx.writer;
  const v = ctx.binding(s.variable);
  const assigned = v.assignments > 0;
  // A plain JS loop when the counter cannot come near 2^53 (forLimit clips the limit there)
  // in any feasible number of iterations.
  const plain = plainLoop(ctx.analysis.chunk, s);
  if (plain) {
    const { start, step } = plain;
    const limitLit = smallIntLiteral(ctx.analysis.chunk, s.end);
    const counter = assigned ? ctx.localName("i") : v.jsName;
    const cmp = step > 0 ? "<=" : ">=";
    const inc = step === 1 ? `${counter}++` : step === -1 ? `${counter}--` : `${counter} += ${step}`;
    const limit = limitLit !== undefined ? String(limitLit) : "$limit";
    const init = limitLit !== undefined ? `let ${counter} = ${start}` : `let ${counter} = ${start}, $limit = ${prepMark(ctx, s)}${ctx.rt("forLimit")}(${value(ctx, s.end)}, ${step})`;
    w.write(`${at}${ctx.openLoop()}for (${init}; ${counter} ${cmp} ${limit}; ${inc}) `);
    loopBody(ctx, s.body, undefined, assigned ? () => w.writeLine(`let ${v.jsName}${ctx.ty(": LuaValue")} = ${counter};`) : undefined);
    return;
  }
  const loop = ctx.localName("for");
  w.write(`${at}${ctx.openLoop()}for (const ${loop} = ${prepMark(ctx, s)}${ctx.rt("forPrep")}(${value(ctx, s.start)}, ${value(ctx, s.end)}, ${s.step ? value(ctx, s.step) : "1"}); ${loop}.next(); ) `);
  loopBody(ctx, s.body, undefined, () => w.writeLine(`${assigned ? "let" : "const"} ${v.jsName}${ctx.ty(": LuaValue")} = ${loop}.value;`));
}

/**
 * lparser.c forbody codes the loop's preparation after reading `do`: its errors ("'for' limit
 * must be a number") are on the line of `do`.
 */
function prepMark(ctx: EmitContext, s: L.ForNumericStatement): string {
  const chunk = ctx.analysis.chunk;
  let pos = rangeOf(s.step ?? s.end)[1];
  const src = chunk.source;
  for (;;) {
    while (pos < src.length && /\s/.test(src[pos])) pos++;
    const comment = chunk.comments.find((c) => rangeOf(c)[0] === pos);
    if (!comment) break;
    pos = rangeOf(comment)[1];
  }
  // llex.c inclinenumber: \n, \r, \r\n and \n\r each end one line
  const breaks = src.slice(rangeOf(s)[0], pos).match(/\r\n|\n\r|\r|\n/g);
  const line = s.loc!.start.line + (breaks?.length ?? 0);
  return ctx.mark(line, s.loc!.start.column);
}

export function forGeneric(ctx: EmitContext, s: L.ForGenericStatement, at: string): void {
  // the loop calls its iterator on the line where the expression list starts (lparser.c
  // forlist): errors name it 'for iterator'
  const call = { line: s.iterators[0].loc!.start.line, column: s.loc!.start.column };
  ctx.names[`${call.line}:${call.column}`] = ["for iterator"];
  const names = s.variables.map((v) => ctx.binding(v));
  const kind = names.some((b) => b.assignments > 0) ? "let" : "const";
  // forIn takes the explist's values: one value, or an array of them
  const only = s.iterators.length === 1 ? s.iterators[0] : undefined;
  const source = only ? (isCall(only) ? callExpression(ctx, only as L.CallExpression, "all") : value(ctx, only)) : `[${expressionList(ctx, s.iterators)}]`;
  if (ctx.co) {
    // in a generator twin the iterator may yield the coroutine: each step is `yield*`ed
    const destructured = `[${names.map((b) => b.jsName).join(", ")}]`;
    const loop = ctx.temp().replace("$", "$for");
    const step = loop.replace("$for", "$step");
    ctx.writer.write(`${at}${ctx.openLoop()}for (const ${loop} = ${ctx.rt("forInCo")}(${source}); ; ) `);
    loopBody(ctx, s.body, undefined, () => {
      ctx.writer.writeLine(`const ${step} = yield* ${ctx.mark(call.line, call.column)}${loop}.step();`);
      ctx.writer.writeLine(`if (${step} === undefined) break;`);
      ctx.writer.writeLine(`${kind} ${destructured} = ${step};`);
    });
    return;
  }
  const it = ctx.localName("it");
  const vars = names.map((b, i) => `${b.jsName}${ctx.ty(": LuaValue")} = ${it}.${i === 0 ? "a" : i === 1 ? "b" : `at(${i})`}`);
  // the iterator runs in next(), which maps back to the statement's position
  const step = ctx.mark(call.line, call.column);
  ctx.writer.write(`${at}${ctx.openLoop()}for (const ${it} = ${ctx.rt("forIn")}(${source}); ${step}${it}.next(); ) `);
  loopBody(ctx, s.body, undefined, () => ctx.writer.writeLine(`${kind} ${vars.join(", ")};`));
}

function isCall(e: L.Expression): boolean {
  return e.type === "CallExpression" || e.type === "StringCallExpression" || e.type === "TableCallExpression";
}
