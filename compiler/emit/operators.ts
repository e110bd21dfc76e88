// Operators. Each goes through its runtime helper (Lua's subtypes, coercions, metamethods and
// errors), except where the result is provably the same with a plain JS operator: equality
// with a string, nil or boolean literal, and boolean logic on values known to be booleans.
import type { L } from "../parse.ts";
import { stringValue, type EmitContext } from "./context.ts";
import { condition, numberLiteral, value, wrap } from "./expressions.ts";
import { isComputedFloat, rawNumber, staticType, typedComparison } from "./numbers.ts";
import { isInteger } from "../types.ts";

const ARITH: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "^": "pow",
  "//": "idiv",
  "&": "band",
  "|": "bor",
  "~": "bxor",
  "<<": "shl",
  ">>": "shr",
  "..": "concat",
};

const COMPARE: Record<string, string> = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge" };

/** Integer arithmetic when both operands are proved integers (see compiler/types.ts). */
const INT_ARITH: Record<string, string> = { "+": "addInt", "-": "subInt", "*": "mulInt", "%": "modInt", "//": "idivInt" };

export function binary(ctx: EmitContext, e: L.BinaryExpression): string {
  const op = e.operator as string;
  // A value may sit in a list: `f(a < b, c > d)` would read as a generic call in TypeScript
  // (and prettier drops parentheses around it), so < and > are plain only in conditions.
  const typed = isComputedFloat(ctx, e) ? `${ctx.rt("mkfloat")}(${rawNumber(ctx, e)})` : op === "<" || op === ">" ? undefined : op === ".." ? typedConcat(ctx, e) : typedComparison(ctx, e);
  if (typed !== undefined) return typed;
  const at = ctx.analysis.chunk.operators.get(e)!;
  if (op === "==" || op === "~=") return equality(ctx, e, op === "~=");
  const cmp = COMPARE[op];
  if (cmp) {
    const mark = ctx.markOp(at.line, at.column, []);
    if (ctx.co) return ctx.coOperation(mark, cmp, [value(ctx, e.left), value(ctx, e.right)]);
    return `${mark}${ctx.rt(cmp)}(${value(ctx, e.left)}, ${value(ctx, e.right)})`;
  }
  // proved integers meet no metamethod, so a twin needs no Co variant for them either
  const intHelper = INT_ARITH[op] && isInteger(staticType(ctx, e.left)) && isInteger(staticType(ctx, e.right)) ? INT_ARITH[op] : undefined;
  const helper = intHelper ?? ARITH[op];
  if (!helper) throw new Error(`unknown operator ${op}`);
  const mark = ctx.markOp(at.line, at.column, [e.left, e.right], false);
  if (ctx.co && !intHelper) return ctx.coOperation(mark, helper, [value(ctx, e.left), value(ctx, e.right)]);
  return `${mark}${ctx.rt(helper)}(${value(ctx, e.left)}, ${value(ctx, e.right)})`;
}

/** The operands of a chain of `..` (associative on strings), left to right. */
function concatOperands(e: L.Expression): L.Expression[] {
  return e.type === "BinaryExpression" && e.operator === ".." ? [...concatOperands(e.left), ...concatOperands(e.right)] : [e];
}

/**
 * A `..` chain of strings and integers as a template literal: JS writes integers as Lua
 * does (floats need Lua's %.14g, so they keep the helper).
 */
function typedConcat(ctx: EmitContext, e: L.BinaryExpression): string | undefined {
  const parts = concatOperands(e);
  const ok = parts.every((p) => {
    const t = staticType(ctx, p);
    return t === "string" || t === "smallint" || t === "int";
  });
  if (!ok) return undefined;
  let text = "`";
  for (const p of parts) text += p.type === "StringLiteral" ? templateText(stringValue(p)) : `\${${value(ctx, p)}}`;
  return text + "`";
}

/** A byte string as the text of a template literal. */
function templateText(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x60 || c === 0x5c || (c === 0x24 && s[i + 1] === "{")) out += "\\" + s[i];
    else if (c === 0x0a) out += "\\n";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += s[i];
  }
  return out;
}

/** Literals whose representation is unique, so === is Lua's equality against them. */
function isIdentityLiteral(e: L.Expression): boolean {
  return e.type === "StringLiteral" || e.type === "NilLiteral" || e.type === "BooleanLiteral";
}

function equality(ctx: EmitContext, e: L.BinaryExpression, negate: boolean): string {
  const left = value(ctx, e.left);
  const right = value(ctx, e.right);
  // (two literals would be a TypeScript "no overlap" error, so they use eq too)
  if (isIdentityLiteral(e.left) !== isIdentityLiteral(e.right)) return `${wrap(left)} ${negate ? "!==" : "==="} ${wrap(right)}`;
  if (ctx.co) return ctx.coOperation("", negate ? "ne" : "eq", [left, right]);
  return `${ctx.rt(negate ? "ne" : "eq")}(${left}, ${right})`;
}

export function unary(ctx: EmitContext, e: L.UnaryExpression): string {
  switch (e.operator) {
    case "not":
      return `!${wrap(condition(ctx, e.argument))}`;
    case "-":
      if (e.argument.type === "NumericLiteral") return numberLiteral(ctx, e.argument, true);
      return unaryHelper(ctx, e, "unm");
    case "#":
      if (staticType(ctx, e.argument) === "string") return `${wrap(value(ctx, e.argument))}.length`;
      return unaryHelper(ctx, e, "len");
    case "~":
      return unaryHelper(ctx, e, "bnot");
  }
  throw new Error(`unknown unary operator ${e.operator}`);
}

function unaryHelper(ctx: EmitContext, e: L.UnaryExpression, helper: string): string {
  const at = e.loc!.start;
  // a unary operand always sits in a register, so a string constant is named (lcode.c)
  const mark = ctx.markOp(at.line, at.column, [e.argument]);
  if (ctx.co) return ctx.coOperation(mark, helper, [value(ctx, e.argument)]);
  return `${mark}${ctx.rt(helper)}(${value(ctx, e.argument)})`;
}

/** Comparisons, `not`, and boolean literals yield JS booleans; so do and/or of two of them. */
export function isBooleanTyped(e: L.Expression, ctx?: EmitContext): boolean {
  switch (e.type) {
    case "BooleanLiteral":
      return true;
    case "Identifier":
      return ctx !== undefined && staticType(ctx, e) === "boolean";
    case "BinaryExpression":
      return ["==", "~=", "<", "<=", ">", ">="].includes(e.operator);
    case "UnaryExpression":
      return e.operator === "not";
    case "LogicalExpression":
      return isBooleanTyped(e.left, ctx) && isBooleanTyped(e.right, ctx);
  }
  return false;
}

/** Values that are never nil or false. */
function isTruthyTyped(e: L.Expression): boolean {
  return e.type === "NumericLiteral" || e.type === "StringLiteral" || e.type === "TableConstructorExpression" || e.type === "FunctionDeclaration" || (e.type === "BooleanLiteral" && e.value);
}

export function logical(ctx: EmitContext, e: L.LogicalExpression): string {
  if (e.operator === "or") {
    // The `c and x or y` idiom with a boolean c and a never-false x is a conditional.
    const l = e.left;
    if (l.type === "LogicalExpression" && l.operator === "and" && isBooleanTyped(l.left, ctx) && isTruthyTyped(l.right)) {
      return `${wrap(value(ctx, l.left))} ? ${value(ctx, l.right)} : ${wrap(value(ctx, e.right))}`;
    }
    if (isBooleanTyped(e.left, ctx)) return `${wrap(value(ctx, e.left))} || ${wrap(value(ctx, e.right))}`;
    if (isTruthyTyped(e.left)) return value(ctx, e.left);
    // nil and false both fall through to the right operand; ?? alone would keep false.
    return `${ctx.rt("notFalse")}(${value(ctx, e.left)}) ?? ${wrap(value(ctx, e.right))}`;
  }
  if (isBooleanTyped(e.left, ctx)) return `${wrap(value(ctx, e.left))} && ${wrap(value(ctx, e.right))}`;
  if (isTruthyTyped(e.left)) return value(ctx, e.right);
  const t = ctx.temp();
  return `${ctx.rt("truthy")}((${t} = ${value(ctx, e.left)})) ? ${wrap(value(ctx, e.right))} : ${t}`;
}
