// Statements: one TypeScript statement per Lua statement where the languages allow it.
// Blocks carry the Lua comments that precede each statement. Gotos become labelled blocks
// (forward jumps: `break L`), labelled loops (backward jumps: `continue L`) or a plain
// `continue` for the `goto continue` idiom.
import type { L } from "../parse.ts";
import { isMulti } from "../analyse.ts";
import { rangeOf } from "../parse.ts";
import type { EmitContext } from "./context.ts";
import { callExpression } from "./calls.ts";
import { condition, expressionList, stringLiteral, value } from "./expressions.ts";
import { functionDeclaration, functionExpression } from "./functions.ts";
import { forGeneric, forNumeric, loopBody } from "./loops.ts";

export function block(ctx: EmitContext, stmts: L.Statement[]): void {
  statementRange(ctx, stmts, 0, stmts.length);
}

/** Emit stmts[from, to), structuring the gotos whose labels are in this list. */
function statementRange(ctx: EmitContext, stmts: L.Statement[], from: number, to: number): void {
  if (ctx.analysis.labelledBlocks.has(stmts)) {
    const labels: number[] = [];
    for (let i = from; i < to; i++) {
      const s = stmts[i];
      if (s.type === "LabelStatement" && gotosTo(ctx, s).some((g) => !ctx.continueGotos.has(g))) labels.push(i);
    }
    if (labels.length > 1) return stateMachine(ctx, stmts, from, to, labels);
    if (labels.length === 1) return oneLabel(ctx, stmts, from, to, labels[0]);
  }
  for (let i = from; i < to; i++) statementWithComments(ctx, stmts[i]);
}

/**
 * One label: forward jumps break out of a labelled block that ends at the label; backward
 * jumps continue a labelled loop that starts after it.
 */
function oneLabel(ctx: EmitContext, stmts: L.Statement[], from: number, to: number, i: number): void {
  const s = stmts[i] as L.LabelStatement;
  const targets = gotosTo(ctx, s);
  const forward = targets.filter((g) => !ctx.analysis.gotos.get(g)!.backward);
  const backward = targets.filter((g) => ctx.analysis.gotos.get(g)!.backward);
  if (forward.length) {
    const first = stmts.findIndex((x, k) => k >= from && k < i && forward.some((g) => contains(x, g)));
    statementRange(ctx, stmts, from, first);
    const name = ctx.label(s.label.name);
    for (const g of forward) ctx.gotoJs.set(g, `break ${name};`);
    ctx.writer.write(`${name}: `).inlineBlock(() => statementRange(ctx, stmts, first, i));
    ctx.writer.newLine();
  } else statementRange(ctx, stmts, from, i);
  if (backward.length) {
    const name = ctx.label(s.label.name);
    for (const g of backward) ctx.gotoJs.set(g, `continue ${name};`);
    ctx.wrapper(1);
    ctx.writer.write(`${name}: while (true) `).inlineBlock(() => {
      statementRange(ctx, stmts, i + 1, to);
      ctx.writer.writeLine(`break ${name};`);
    });
    ctx.wrapper(-1);
    ctx.writer.newLine();
  } else statementRange(ctx, stmts, i + 1, to);
}

/**
 * Several labels in one block (jumps that interleave): a loop around a switch on a state
 * variable, one case per label; `goto l` sets the state and continues the loop. Cases fall
 * through, so the block still runs top to bottom.
 */
function stateMachine(ctx: EmitContext, stmts: L.Statement[], from: number, to: number, labels: number[]): void {
  const w = ctx.writer;
  const state = ctx.temp();
  const name = ctx.label("jump");
  labels.forEach((li, k) => {
    for (const g of gotosTo(ctx, stmts[li] as L.LabelStatement)) if (!ctx.continueGotos.has(g)) ctx.gotoJs.set(g, `{ ${state} = ${k + 1}; continue ${name}; }`);
  });
  w.writeLine(`${state} = 0;`);
  ctx.wrapper(1);
  w.write(`${name}: for (;;) `).inlineBlock(() => {
    w.write(`switch (${state}) `).inlineBlock(() => {
      w.writeLine("case 0:");
      w.indent(() => {
        for (let i = from; i < labels[0]; i++) statementWithComments(ctx, stmts[i]);
      });
      labels.forEach((li, k) => {
        w.writeLine(`case ${k + 1}: // ::${(stmts[li] as L.LabelStatement).label.name}::`);
        const end = k + 1 < labels.length ? labels[k + 1] : to;
        w.indent(() => {
          for (let i = li + 1; i < end; i++) statementWithComments(ctx, stmts[i]);
        });
      });
    });
    w.writeLine(`break ${name};`);
  });
  ctx.wrapper(-1);
  w.newLine();
}

function gotosTo(ctx: EmitContext, label: L.LabelStatement): L.GotoStatement[] {
  const out: L.GotoStatement[] = [];
  for (const [g, t] of ctx.analysis.gotos) if (t.label === label) out.push(g);
  return out;
}

function contains(outer: L.Node, inner: L.Node): boolean {
  const [a, b] = rangeOf(outer);
  const [c, d] = rangeOf(inner);
  return a <= c && d <= b;
}

function statementWithComments(ctx: EmitContext, s: L.Statement): void {
  leadingComments(ctx, rangeOf(s)[0]);
  statement(ctx, s);
  trailingComment(ctx, rangeOf(s)[1]);
}

/** Comments that start before `pos` and were not written yet, each on its own line. */
export function leadingComments(ctx: EmitContext, pos: number): void {
  while (ctx.pendingComments.length && rangeOf(ctx.pendingComments[0])[0] < pos) {
    writeComment(ctx, ctx.pendingComments.shift()!, false);
  }
}

/** A comment on the same line as the statement just written goes at the end of its line. */
function trailingComment(ctx: EmitContext, stmtEnd: number): void {
  const src = ctx.analysis.chunk.source;
  const c = ctx.pendingComments[0];
  if (!c) return;
  const start = rangeOf(c)[0];
  if (start >= stmtEnd && !src.slice(stmtEnd, start).includes("\n")) {
    ctx.pendingComments.shift();
    writeComment(ctx, c, true);
  }
}

function writeComment(ctx: EmitContext, c: L.Comment, trailing: boolean): void {
  const raw = c.raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  const w = ctx.writer;
  if (raw.startsWith("--[")) {
    const text = c.value.replace(/\*\//g, "* /");
    if (trailing) w.write(` /*${text}*/`);
    else w.writeLine(`/*${text}*/`);
    if (trailing) w.newLine();
    return;
  }
  if (trailing) {
    w.write(` //${c.value}`);
    w.newLine();
  } else w.writeLine(`//${c.value}`);
}

export function statement(ctx: EmitContext, s: L.Statement): void {
  const w = ctx.writer;
  const at = ctx.markNode(s);
  switch (s.type) {
    case "LocalStatement":
      return localStatement(ctx, s, at);
    case "AssignmentStatement":
      return assignment(ctx, s, at);
    case "CallStatement":
      w.write(at + callExpression(ctx, s.expression as L.CallExpression, "none") + ";");
      w.newLineIfLastNot();
      return;
    case "FunctionDeclaration":
      return functionStatement(ctx, s, at);
    case "ReturnStatement":
      return returnStatement(ctx, s, at);
    case "IfStatement":
      return ifStatement(ctx, s, at);
    case "WhileStatement":
      w.write(`${at}${ctx.openLoop()}while (${condition(ctx, s.condition)}) `);
      loopBody(ctx, s.body);
      return;
    case "RepeatStatement":
      w.write(`${at}${ctx.openLoop()}while (true) `);
      loopBody(ctx, s.body, () => w.writeLine(`if (${condition(ctx, s.condition)}) ${ctx.loopJump("break")}`));
      return;
    case "DoStatement":
      w.write(at).inlineBlock(() => block(ctx, s.body));
      w.newLine();
      return;
    case "ForNumericStatement":
      return forNumeric(ctx, s, at);
    case "ForGenericStatement":
      return forGeneric(ctx, s, at);
    case "BreakStatement":
      w.writeLine(at + ctx.loopJump("break"));
      return;
    case "GotoStatement": {
      const js = ctx.gotoJs.get(s) ?? (ctx.continueGotos.has(s) ? ctx.loopJump("continue") : undefined);
      if (!js) throw new Error(`goto ${s.label.name}: unsupported jump`);
      w.writeLine(at + js);
      return;
    }
    case "LabelStatement":
      return;
  }
}

function localStatement(ctx: EmitContext, s: L.LocalStatement, at: string): void {
  const names = s.variables.map((v) => ctx.binding(v).jsName);
  const w = ctx.writer;
  const n = names.length;
  const init = s.init;
  if (init.length > 0 && isMulti(ctx.analysis.chunk, init[init.length - 1]) && init.length < n) {
    // the last expression fills the remaining names
    w.writeLine(`${at}let [${names.join(", ")}]: LuaValue[] = [${expressionList(ctx, init)}];`);
    return;
  }
  const decls = names.map((name, i) => (i < init.length ? `${name}: LuaValue = ${value(ctx, init[i])}` : `${name}: LuaValue`));
  w.writeLine(`${at}let ${decls.join(", ")};`);
  // extra expressions are still evaluated
  for (let i = n; i < init.length; i++) if (hasEffects(init[i])) w.writeLine(`${value(ctx, init[i])};`);
}

function hasEffects(e: L.Expression): boolean {
  return e.type !== "NumericLiteral" && e.type !== "StringLiteral" && e.type !== "NilLiteral" && e.type !== "BooleanLiteral" && e.type !== "Identifier" && e.type !== "VarargLiteral" && e.type !== "FunctionDeclaration";
}

/** A simple target: a local or a static global, assignable as a JS variable. */
function variableTarget(ctx: EmitContext, t: L.Expression): string | undefined {
  if (t.type !== "Identifier") return undefined;
  const b = ctx.binding(t);
  if (b.kind === "local") return b.jsName;
  if (ctx.analysis.dynamicGlobals) return undefined;
  return ctx.globalName(t.name);
}

function setTarget(ctx: EmitContext, t: L.Expression, rhs: string, base?: string, key?: string): string {
  const v = variableTarget(ctx, t);
  if (v) return `${v} = ${rhs};`;
  if (t.type === "Identifier") return `${ctx.markNode(t)}${ctx.rt("setindex")}(${ctx.rt("G")}, ${stringLiteral(t.name)}, ${rhs});`;
  if (t.type === "MemberExpression") {
    const pos = t.identifier.loc!.start;
    return `${ctx.markOp(pos.line, pos.column, [t.base])}${ctx.rt("setindex")}(${base ?? value(ctx, t.base)}, ${stringLiteral(t.identifier.name)}, ${rhs});`;
  }
  if (t.type === "IndexExpression") {
    const pos = t.index.loc!.start;
    return `${ctx.markOp(pos.line, pos.column, [t.base])}${ctx.rt("setindex")}(${base ?? value(ctx, t.base)}, ${key ?? value(ctx, t.index)}, ${rhs});`;
  }
  throw new Error(`cannot assign to ${t.type}`);
}

function assignment(ctx: EmitContext, s: L.AssignmentStatement, at: string): void {
  const w = ctx.writer;
  const targets = s.variables;
  if (targets.length === 1 && s.init.length === 1) {
    w.writeLine(at + setTarget(ctx, targets[0], value(ctx, s.init[0])));
    return;
  }
  const simple = targets.map((t) => variableTarget(ctx, t));
  const lastMulti = s.init.length > 0 && isMulti(ctx.analysis.chunk, s.init[s.init.length - 1]);
  if (simple.every((v) => v !== undefined)) {
    // JS destructuring evaluates every right-hand side before assigning, as Lua does
    const rhs = rightHandSides(ctx, s.init, targets.length, lastMulti);
    w.writeLine(`${at}[${simple.join(", ")}] = ${rhs};`);
    return;
  }
  // Table targets: evaluate bases and keys, then every value, then assign right to left (as PUC Lua).
  const bases: (string | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  w.write(at);
  for (const t of targets) {
    if (t.type === "MemberExpression" || t.type === "IndexExpression") {
      const b = ctx.temp();
      w.writeLine(`${b} = ${value(ctx, t.base)};`);
      bases.push(b);
      if (t.type === "IndexExpression") {
        const k = ctx.temp();
        w.writeLine(`${k} = ${value(ctx, t.index)};`);
        keys.push(k);
      } else keys.push(undefined);
    } else {
      bases.push(undefined);
      keys.push(undefined);
    }
  }
  const vals = targets.map(() => ctx.temp());
  w.writeLine(`[${vals.join(", ")}] = ${rightHandSides(ctx, s.init, targets.length, lastMulti)};`);
  for (let i = targets.length - 1; i >= 0; i--) w.writeLine(setTarget(ctx, targets[i], vals[i], bases[i], keys[i]));
}

/** The values of a multiple assignment as one array literal, padded with nil to the targets. */
function rightHandSides(ctx: EmitContext, init: L.Expression[], targets: number, lastMulti: boolean): string {
  if (lastMulti && init.length <= targets) return `[${expressionList(ctx, init)}]`;
  const values = init.map((e) => value(ctx, e));
  while (values.length < targets) values.push("undefined");
  return `[${values.join(", ")}]`;
}

function functionStatement(ctx: EmitContext, s: L.FunctionDeclaration, at: string): void {
  const id = s.identifier;
  const w = ctx.writer;
  if (s.isLocal && id?.type === "Identifier") {
    w.write(at + functionDeclaration(ctx, ctx.binding(id).jsName, s));
    w.newLine();
    return;
  }
  if (id?.type === "Identifier") {
    w.write(at + setTarget(ctx, id, functionExpression(ctx, s)));
    w.newLine();
    return;
  }
  if (id?.type === "MemberExpression") {
    const fn = functionExpression(ctx, s, id.indexer === ":");
    const pos = id.identifier.loc!.start;
    w.write(`${at}${ctx.markOp(pos.line, pos.column, [id.base])}${ctx.rt("setindex")}(${value(ctx, id.base)}, ${stringLiteral(id.identifier.name)}, ${fn});`);
    w.newLine();
  }
}

function returnStatement(ctx: EmitContext, s: L.ReturnStatement, at: string): void {
  const w = ctx.writer;
  const args = s.arguments;
  if (args.length === 0) {
    w.writeLine(`${at}return ${ctx.rt("NONE")};`);
    return;
  }
  if (args.length === 1) {
    const e = args[0];
    if (isMulti(ctx.analysis.chunk, e)) {
      // the callee's result, one value or several, passes through unchanged
      const js = e.type === "VarargLiteral" ? ctx.fn.varargs : callExpression(ctx, e as L.CallExpression, "all");
      w.writeLine(`${at}return ${js};`);
      return;
    }
    w.writeLine(`${at}return ${value(ctx, e)};`);
    return;
  }
  w.writeLine(`${at}return [${expressionList(ctx, args)}];`);
}

function ifStatement(ctx: EmitContext, s: L.IfStatement, at: string): void {
  const w = ctx.writer;
  w.write(at);
  s.clauses.forEach((c, i) => {
    if (c.type === "ElseClause") w.write(" else ");
    else w.write(`${i > 0 ? " else " : ""}if (${condition(ctx, c.condition)}) `);
    w.inlineBlock(() => block(ctx, c.body));
  });
  w.newLine();
}
