// Expressions: literals, names, indexing, and the three ways an expression is wanted —
// as one value, as a JS boolean (conditions), or as all its values (last in a list).
import type { L } from "../parse.ts";
import { isMulti, type Binding } from "../analyse.ts";
import { stringValue, type EmitContext } from "./context.ts";
import { binary, unary, logical, isBooleanTyped } from "./operators.ts";
import { callExpression, libraryMember, returnsOneValue } from "./calls.ts";
import { tableConstructor } from "./tables.ts";
import { functionExpression } from "./functions.ts";
import { isRawFloat, typedComparison } from "./numbers.ts";

/** An expression as exactly one Lua value. */
export function value(ctx: EmitContext, e: L.Expression): string {
  switch (e.type) {
    case "NilLiteral":
      return "undefined";
    case "BooleanLiteral":
      return e.value ? "true" : "false";
    case "NumericLiteral":
      return numberLiteral(ctx, e, false);
    case "StringLiteral":
      return stringLiteral(stringValue(e));
    case "VarargLiteral":
      return `${ctx.fn.varargs}[0]`;
    case "Identifier":
      return readName(ctx, e);
    case "MemberExpression":
      return libraryMember(ctx, e) ?? indexing(ctx, ctx.markOp(e.identifier.loc!.start.line, e.identifier.loc!.start.column, [e.base]), value(ctx, e.base), stringLiteral(e.identifier.name));
    case "IndexExpression":
      return indexing(ctx, ctx.markOp(e.index.loc!.start.line, e.index.loc!.start.column, [e.base]), value(ctx, e.base), value(ctx, e.index));
    case "CallExpression":
    case "StringCallExpression":
    case "TableCallExpression":
      return callExpression(ctx, e, "one");
    case "FunctionDeclaration":
      return functionExpression(ctx, e);
    case "TableConstructorExpression":
      return tableConstructor(ctx, e);
    case "BinaryExpression":
      return binary(ctx, e);
    case "UnaryExpression":
      return unary(ctx, e);
    case "LogicalExpression":
      return logical(ctx, e);
  }
  throw new Error(`unknown expression ${(e as L.Node).type}`);
}

/** `o[k]` read; in a coroutine twin an __index function may yield. */
function indexing(ctx: EmitContext, mark: string, o: string, k: string): string {
  return ctx.co ? ctx.coOperation(mark, "index", [o, k]) : `${mark}${ctx.rt("index")}(${o}, ${k})`;
}

/** An expression as a JS boolean: Lua truthiness (only nil and false are false). */
export function condition(ctx: EmitContext, e: L.Expression): string {
  switch (e.type) {
    case "BooleanLiteral":
      return e.value ? "true" : "false";
    case "NilLiteral":
      return "false";
    case "NumericLiteral":
    case "StringLiteral":
    case "TableConstructorExpression":
    case "FunctionDeclaration":
      return "true";
    case "UnaryExpression":
      if (e.operator === "not") return `!${wrap(condition(ctx, e.argument))}`;
      break;
    case "LogicalExpression":
      return `${wrap(condition(ctx, e.left))} ${e.operator === "and" ? "&&" : "||"} ${wrap(condition(ctx, e.right))}`;
    case "BinaryExpression": {
      const typed = typedComparison(ctx, e);
      if (typed !== undefined) return typed;
      break;
    }
  }
  if (isBooleanTyped(e, ctx)) return value(ctx, e);
  return `${ctx.rt("truthy")}(${value(ctx, e)})`;
}

/**
 * The last expression of a list: all its values. Returns the JS text of a spread element
 * list piece, e.g. `...varargs` or `...results(f())`, or a plain value.
 */
export function spreadLast(ctx: EmitContext, e: L.Expression): string {
  if (!isMulti(ctx.analysis.chunk, e)) return value(ctx, e);
  if (e.type === "VarargLiteral") return `...${ctx.fn.varargs}`;
  if (returnsOneValue(ctx, e as L.CallExpression)) return value(ctx, e);
  return `...${ctx.rt("results")}(${callExpression(ctx, e as L.CallExpression, "all")})`;
}

/** A list of expressions as JS argument text, the last one expanded. */
export function expressionList(ctx: EmitContext, list: L.Expression[]): string {
  return list.map((e, i) => (i === list.length - 1 ? spreadLast(ctx, e) : value(ctx, e))).join(", ");
}

function readName(ctx: EmitContext, id: L.Identifier): string {
  const b = ctx.binding(id);
  if (b.kind === "local") return localValue(ctx, b);
  if (b.kind === "env") {
    const pos = id.loc!.start;
    return indexing(ctx, ctx.markEnv(pos.line, pos.column, b.env!), localValue(ctx, b.env!), stringLiteral(id.name));
  }
  return readGlobal(ctx, id.name, id);
}

/** A local's value in the normal representation. */
export function localValue(ctx: EmitContext, b: Binding): string {
  return isRawFloat(ctx, b) ? `${ctx.rt("mkfloat")}(${b.jsName})` : b.jsName;
}

export function readGlobal(ctx: EmitContext, name: string, node?: L.Node): string {
  if (name === "_ENV") return ctx.rt("G"); // the chunk's environment is the global table
  if (ctx.analysis.dynamicGlobals) {
    const at = node ? ctx.markGlobal(node) : "";
    return `${at}${ctx.rt("index")}(${ctx.rt("G")}, ${stringLiteral(name)})`;
  }
  return ctx.globalName(name);
}

export function numberLiteral(ctx: EmitContext, e: L.NumericLiteral, negate: boolean): string {
  const n = ctx.analysis.chunk.numbers.get(e)!;
  if (n.kind === "int") {
    let v = n.value;
    if (negate) v = typeof v === "bigint" ? BigInt.asIntN(64, -v) : v === 0 ? 0 : -v;
    if (typeof v === "number" && !Number.isSafeInteger(v)) v = BigInt(v);
    if (typeof v === "bigint") {
      if (v >= -9007199254740991n && v <= 9007199254740991n) return String(Number(v));
      return `${v}n`;
    }
    return String(v);
  }
  let f = n.value as number;
  if (negate) f = -f;
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(f)) return `${ctx.rt("float")}(${Object.is(f, -0) ? "-0" : jsNumber(f)})`;
  return jsNumber(f);
}

function jsNumber(f: number): string {
  const s = String(f);
  return s;
}

/** A Lua byte string as a JS string literal: printable ASCII as is, other bytes escaped. */
export function stringLiteral(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += s[i];
  }
  return out + '"';
}

/** Parenthesise a JS expression unless it is atomic. */
export function wrap(js: string): string {
  const bare = js.replace(/\u0001[^\u0002]*\u0002/g, "");
  return /^[\w$.]+$|^[\w$.]+\(.*\)$|^!?[\w$]+$/s.test(bare) && balanced(bare) ? js : `(${js})`;
}

function balanced(js: string): boolean {
  // A call like f(a)(b) or f(a) + g(b) must not count as one call.
  let depth = 0;
  let inString = false;
  for (let i = 0; i < js.length; i++) {
    const c = js[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0 && i !== js.length - 1) return false;
    }
  }
  return true;
}
