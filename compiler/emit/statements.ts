// Statements: one TypeScript statement per Lua statement where the languages allow it.
// Blocks carry the Lua comments that precede each statement. Blocks with goto labels are
// structured by gotos.ts.
import type { L } from "../parse.ts";
import { isMulti } from "../analyse.ts";
import { rangeOf } from "../parse.ts";
import type { EmitContext } from "./context.ts";
import { callExpression, tailCallExpression } from "./calls.ts";
import { TAIL_CALL_KEY, tailKind } from "./tailcalls.ts";
import { condition, expressionList, localValue, spreadLast, stringLiteral, value } from "./expressions.ts";
import { assignedValue, declaredType, fromValue, isRawFloat } from "./numbers.ts";
import type { Binding } from "../analyse.ts";
import { functionDeclaration, functionExpression } from "./functions.ts";
import { labelledBlock } from "./gotos.ts";
import { forGeneric, forNumeric, loopBody } from "./loops.ts";

export function block(ctx: EmitContext, stmts: L.Statement[]): void {
  const caches = ctx.blockClosureVarsOf(stmts);
  if (caches.length) ctx.writer.writeLine(`let ${caches.map((c) => `${c}${ctx.ty(": LuaValue")}`).join(", ")}; // closures reused while their upvalues are the same (as Lua 5.3)`);
  if (ctx.analysis.labelledBlocks.has(stmts)) return labelledBlock(ctx, stmts);
  for (const s of stmts) statementWithComments(ctx, s);
}

export function statementWithComments(ctx: EmitContext, s: L.Statement): void {
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
  const bindings = s.variables.map((v) => ctx.binding(v));
  const names = bindings.map((b) => b.jsName);
  const w = ctx.writer;
  const n = names.length;
  const init = s.init;
  if (ctx.hoisted.has(bindings[0])) {
    // declared ahead by a goto state machine: the statement only assigns
    const lastMulti = init.length > 0 && isMulti(ctx.analysis.chunk, init[init.length - 1]);
    if (n === 1 && init.length <= 1 && !lastMulti) w.writeLine(`${at}${names[0]} = ${init.length ? assignedValue(ctx, bindings[0], init[0]) : "undefined"};`);
    else w.writeLine(`${at}[${names.join(", ")}] = ${rightHandSides(ctx, init, bindings, lastMulti)};`);
    return;
  }
  if (init.length > 0 && isMulti(ctx.analysis.chunk, init[init.length - 1]) && init.length < n) {
    // the last expression fills the remaining names
    w.writeLine(`${at}let [${names.join(", ")}]${ctx.ty(": LuaValue[]")} = ${rightHandSides(ctx, init, bindings, true)};`);
    return;
  }
  const decls = bindings.map((b, i) => (i < init.length ? `${b.jsName}${ctx.ty(`: ${declaredType(ctx, b)}`)} = ${assignedValue(ctx, b, init[i])}` : `${b.jsName}${ctx.ty(": LuaValue")}`));
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
  if (b.kind === "env" || ctx.analysis.dynamicGlobals) return undefined;
  return ctx.globalName(t.name);
}

/** `o[k] = v` as a statement; in a coroutine twin an __newindex function may yield. */
function storing(ctx: EmitContext, mark: string, args: string[]): string {
  if (!ctx.co) return `${mark}${ctx.rt("setindex")}(${args.join(", ")});`;
  return `if (${mark}${ctx.rt("setindexCo")}(${args.join(", ")}) === ${ctx.rt("PENDING")}) yield* ${ctx.rt("pendingCo")}();`;
}

/** The local a target names, if it is one. */
function localTarget(ctx: EmitContext, t: L.Expression): Binding | undefined {
  if (t.type !== "Identifier") return undefined;
  const b = ctx.binding(t);
  return b.kind === "local" ? b : undefined;
}

/** `t = rhs`, where rhs is in the normal value representation. */
function setTarget(ctx: EmitContext, t: L.Expression, rhs: string, base?: string, key?: string): string {
  const v = variableTarget(ctx, t);
  if (v) return `${v} = ${fromValue(ctx, localTarget(ctx, t), rhs)};`;
  if (t.type === "Identifier" && ctx.binding(t).kind === "env") {
    const env = ctx.binding(t).env!;
    const pos = t.loc!.start;
    return storing(ctx, ctx.markEnv(pos.line, pos.column, env), [localValue(ctx, env), stringLiteral(t.name), rhs]);
  }
  if (t.type === "Identifier") return `${ctx.markGlobal(t)}${ctx.rt("setindex")}(${ctx.rt("G")}, ${stringLiteral(t.name)}, ${rhs});`;
  if (t.type === "MemberExpression") {
    const pos = t.identifier.loc!.start;
    return storing(ctx, ctx.markOp(pos.line, pos.column, [t.base]), [base ?? value(ctx, t.base), stringLiteral(t.identifier.name), rhs]);
  }
  if (t.type === "IndexExpression") {
    const pos = t.index.loc!.start;
    return storing(ctx, ctx.markOp(pos.line, pos.column, [t.base]), [base ?? value(ctx, t.base), key ?? value(ctx, t.index), rhs]);
  }
  throw new Error(`cannot assign to ${t.type}`);
}

function assignment(ctx: EmitContext, s: L.AssignmentStatement, at: string): void {
  const w = ctx.writer;
  const targets = s.variables;
  if (targets.length === 1 && s.init.length === 1) {
    const b = localTarget(ctx, targets[0]);
    if (b && isRawFloat(ctx, b)) w.writeLine(`${at}${b.jsName} = ${assignedValue(ctx, b, s.init[0])};`);
    else w.writeLine(at + setTarget(ctx, targets[0], value(ctx, s.init[0])));
    return;
  }
  const simple = targets.map((t) => variableTarget(ctx, t));
  const lastMulti = s.init.length > 0 && isMulti(ctx.analysis.chunk, s.init[s.init.length - 1]);
  if (simple.every((v) => v !== undefined)) {
    // JS destructuring evaluates every right-hand side before assigning, as Lua does. Lua
    // assigns right to left, so of a name given twice (`x, x = 2, 3`) the leftmost wins.
    const rhs = rightHandSides(ctx, s.init, targets.map((t) => localTarget(ctx, t)), lastMulti);
    const names = simple.map((v, i) => (simple.indexOf(v) === i ? v : ""));
    w.writeLine(`${at}[${names.join(", ")}] = ${rhs};`);
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
  w.writeLine(`[${vals.join(", ")}] = ${rightHandSides(ctx, s.init, targets.map(() => undefined), lastMulti)};`);
  for (let i = targets.length - 1; i >= 0; i--) w.writeLine(setTarget(ctx, targets[i], vals[i], bases[i], keys[i]));
}

/**
 * The values of a multiple assignment as one array literal, padded with nil to the targets;
 * each in the representation of its target local (raw for raw float locals).
 */
function rightHandSides(ctx: EmitContext, init: L.Expression[], targets: (Binding | undefined)[], lastMulti: boolean): string {
  if (lastMulti && init.length <= targets.length) {
    const fixed = init.slice(0, -1).map((e, i) => assignedValue(ctx, targets[i], e));
    return `[${[...fixed, spreadLast(ctx, init[init.length - 1])].join(", ")}]`;
  }
  const values = init.map((e, i) => assignedValue(ctx, targets[i], e));
  while (values.length < targets.length) values.push("undefined");
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
    w.write(at + storing(ctx, ctx.markOp(pos.line, pos.column, [id.base]), [value(ctx, id.base), stringLiteral(id.identifier.name), fn]));
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
      // the callee's result, one value or several, passes through unchanged; a call to a Lua
      // function is a proper tail call (not in the main chunk or a coroutine twin)
      const call = e as L.CallExpression;
      // Lua replaces the caller's frame by a Lua callee's: error levels and tracebacks skip it
      if (e.type !== "VarargLiteral") ctx.names[`${e.loc!.start.line}:${e.loc!.end.column}${TAIL_CALL_KEY}`] = [];
      const tailing = e.type !== "VarargLiteral" && !ctx.co && ctx.fn.info !== ctx.analysis.main;
      // (a self tail call loops in a coroutine's twin too)
      if (e.type !== "VarargLiteral" && ctx.fn.info !== ctx.analysis.main && tailKind(ctx, ctx.fn.info, call) === "self") return selfTailCall(ctx, call, at);
      const tail = tailing ? tailCallExpression(ctx, call) : undefined;
      const js = e.type === "VarargLiteral" ? ctx.fn.varargs : (tail ?? callExpression(ctx, call, "all"));
      w.writeLine(`${at}return ${js};`);
      return;
    }
    w.writeLine(`${at}return ${value(ctx, e)};`);
    return;
  }
  w.writeLine(`${at}return [${expressionList(ctx, args)}];`);
}

/** `return f(args)` in f itself: new parameter values, and the body again (see emit/tailcalls.ts). */
function selfTailCall(ctx: EmitContext, call: L.CallExpression | L.StringCallExpression | L.TableCallExpression, at: string): void {
  const w = ctx.writer;
  const args = call.type === "CallExpression" ? call.arguments : call.type === "StringCallExpression" ? [call.argument] : [call.arguments];
  const params = ((ctx.fn.info.node as L.FunctionDeclaration).parameters as L.Identifier[]).map((p) => ctx.binding(p).jsName);
  const list = expressionList(ctx, args);
  if (params.length === 1 && args.length === 1 && !isMulti(ctx.analysis.chunk, args[0])) w.writeLine(`${at}${params[0]} = ${list};`);
  else if (params.length > 0) w.writeLine(`${at}[${params.join(", ")}] = [${list}];`);
  else if (args.length > 0) w.writeLine(`${at}void [${list}];`);
  w.writeLine(`continue ${ctx.fn.selfLoop};`);
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
