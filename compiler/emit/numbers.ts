// Typed numeric code. Where compiler/types.ts proves the subtypes of operands, arithmetic and
// comparisons are written as plain JS operators on raw numbers instead of runtime helpers:
//   float results    computed on raw JS numbers (Lua floats are IEEE doubles, as JS numbers);
//                    boxed by mkfloat() only where the value leaves typed code
//   comparisons      plain <, <=, ===, == (JS compares number and bigint exactly)
// Integer arithmetic keeps its helpers (overflow past 2^53 must wrap as int64), and an
// integer operand of a float operation is converted as Lua converts it (toFloat).
import type { Binding } from "../analyse.ts";
import type { L } from "../parse.ts";
import { isInteger, isNumeric, type StaticType } from "../types.ts";
import type { EmitContext } from "./context.ts";
import { value, wrap } from "./expressions.ts";

export function staticType(ctx: EmitContext, e: L.Expression): StaticType {
  return ctx.analysis.types.exprType(e);
}

/** A local that lives as a raw JS number holding a float. */
export function isRawFloat(ctx: EmitContext, b: Binding): boolean {
  return ctx.analysis.types.rawFloats.has(b);
}

/** The TypeScript type a local is declared with. */
export function declaredType(ctx: EmitContext, b: Binding): string {
  if (isRawFloat(ctx, b)) return "number";
  switch (ctx.analysis.types.locals.get(b)) {
    case "smallint":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
      return "string";
  }
  return "LuaValue";
}

/** A safe initial value for a declaration ahead of its first assignment (goto hoisting). */
export function placeholder(ctx: EmitContext, b: Binding): string {
  const t = declaredType(ctx, b);
  return t === "number" ? " = 0" : t === "boolean" ? " = false" : t === "string" ? ' = ""' : "";
}

/** What to store into local `b` for expression `e`: raw for raw float locals. */
export function assignedValue(ctx: EmitContext, b: Binding | undefined, e: L.Expression): string {
  return b && isRawFloat(ctx, b) ? rawNumber(ctx, e) : value(ctx, e);
}

/** A value held in the normal representation, stored into local `b`. */
export function fromValue(ctx: EmitContext, b: Binding | undefined, js: string): string {
  return b && isRawFloat(ctx, b) ? `${ctx.rt("toFloat")}(${js})` : js;
}

/**
 * A float-typed operation the compiler computes itself (no metamethod can be involved).
 * Not unary minus in a value position: unm() keeps the sign of a NaN, which a raw JS number
 * cannot show (-(0/0) prints "nan").
 */
export function isComputedFloat(ctx: EmitContext, e: L.Expression): boolean {
  return e.type === "BinaryExpression" && staticType(ctx, e) === "float" && isNumeric(staticType(ctx, e.left)) && isNumeric(staticType(ctx, e.right));
}

/** A numeric-typed expression as a raw JS number: the value Lua would convert it to as a float. */
export function rawNumber(ctx: EmitContext, e: L.Expression): string {
  const t = staticType(ctx, e);
  if (t === "smallint") return value(ctx, e);
  if (t !== "float") return `${ctx.rt("toFloat")}(${value(ctx, e)})`;
  switch (e.type) {
    case "NumericLiteral": {
      const n = ctx.analysis.chunk.numbers.get(e)!;
      const v = Number(n.value);
      return Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : "NaN";
    }
    case "Identifier": {
      const b = ctx.binding(e);
      return b.kind === "local" && isRawFloat(ctx, b) ? b.jsName : `${ctx.rt("toFloat")}(${value(ctx, e)})`;
    }
    case "UnaryExpression":
      return `-${wrap(rawNumber(ctx, e.argument))}`;
    case "BinaryExpression": {
      if (!isComputedFloat(ctx, e)) break;
      const l = wrap(rawNumber(ctx, e.left));
      const r = wrap(rawNumber(ctx, e.right));
      switch (e.operator as string) {
        case "+":
        case "-":
        case "*":
        case "/":
          return `${l} ${e.operator} ${r}`;
        case "//":
          return `Math.floor(${l} / ${r})`;
        case "%":
          return `${ctx.rt("floatMod")}(${l}, ${r})`;
        case "^":
          return `${ctx.rt("floatPow")}(${l}, ${r})`;
      }
      break;
    }
    case "MemberExpression":
      if (e.identifier.name === "pi") return "Math.PI";
      if (e.identifier.name === "huge") return "Infinity";
      break;
    case "CallExpression": {
      // math.sqrt(x) and friends on a number: the JS function (both are C's libm)
      const name = e.base.type === "MemberExpression" ? e.base.identifier.name : "";
      if (["sqrt", "sin", "cos", "tan", "exp"].includes(name) && e.arguments.length === 1 && isNumeric(staticType(ctx, e.arguments[0]))) {
        return `Math.${name}(${rawNumber(ctx, e.arguments[0])})`;
      }
      break;
    }
  }
  return `${ctx.rt("toFloat")}(${value(ctx, e)})`;
}

const COMPARE = new Set(["<", "<=", ">", ">=", "==", "~="]);

/**
 * A comparison of two values whose subtypes are known, as a plain JS comparison; undefined
 * when a helper is needed. Floats compare raw, integers in their own representation (a
 * bigint compares exactly with a number in JS, as Lua compares integers with floats).
 */
export function typedComparison(ctx: EmitContext, e: L.BinaryExpression): string | undefined {
  const op = e.operator as string;
  if (!COMPARE.has(op)) return undefined;
  const lt = staticType(ctx, e.left);
  const rt = staticType(ctx, e.right);
  const known = (t: StaticType) => isInteger(t) || t === "float";
  if (!known(lt) || !known(rt)) return undefined;
  // TypeScript rejects comparing distinct literal types (1 === 2, 2n == x: number)
  const literal = (x: L.Expression) => x.type === "NumericLiteral" || (x.type === "UnaryExpression" && x.argument.type === "NumericLiteral");
  if (literal(e.left) && literal(e.right)) return undefined;
  if ((literal(e.left) && lt === "int") || (literal(e.right) && rt === "int")) return undefined;
  const side = (x: L.Expression, t: StaticType) => wrap(t === "float" ? rawNumber(ctx, x) : value(ctx, x));
  const l = side(e.left, lt);
  const r = side(e.right, rt);
  // the same representation on both sides unless an int (maybe a bigint) meets a float
  const mixed = (lt === "int" && rt === "float") || (lt === "float" && rt === "int");
  const jsOp = op === "==" ? (mixed ? "==" : "===") : op === "~=" ? (mixed ? "!=" : "!==") : op;
  return `${l} ${jsOp} ${r}`;
}
