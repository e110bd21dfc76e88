// JSON4Lua reads a number by compiling `return <text>` with load() and calling it, where <text>
// is the run of "+-0123456789.e" characters at that point. This evaluates exactly that tiny
// language as Lua would: numerals (as the Lua lexer reads them), names made of `e` and digits
// (globals, so usually nil), unary minus, binary + and -, and `--` comments; anything else is
// a load failure.
import { add, sub, tonumberArith, unm } from "../../lua/arith.ts";
import { LuaError } from "../../lua/errors.ts";
import { typeNameForError } from "../../lua/meta.ts";
import { str2number } from "../../lua/number.ts";
import type { LuaValue } from "../../lua/value.ts";

type Token = { kind: "num"; value: LuaValue } | { kind: "name"; name: string } | { kind: "op"; op: "+" | "-" };
type Expr = { kind: "num"; value: LuaValue } | { kind: "name"; name: string } | { kind: "neg"; arg: Expr } | { kind: "bin"; op: "+" | "-"; a: Expr; b: Expr };

const isDigit = (c: string) => c >= "0" && c <= "9";
const isXDigit = (c: string) => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");

/** Tokens, or undefined when the Lua lexer would fail (malformed number, a stray '.'). */
function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "-" && text[i + 1] === "-") break; // a comment to the end
    if (c === "+" || c === "-") {
      out.push({ kind: "op", op: c });
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      // llex read_numeral: hex digits and '.', and an exponent mark may take a sign
      let j = i;
      for (;;) {
        const d = text[j] ?? "";
        if (d === "e" || d === "E") {
          j++;
          if (text[j] === "+" || text[j] === "-") j++;
        } else if (isXDigit(d) || d === ".") j++;
        else break;
      }
      const value = str2number(text.slice(i, j));
      if (value === undefined) return undefined;
      out.push({ kind: "num", value });
      i = j;
    } else if (c === "e") {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
      out.push({ kind: "name", name: text.slice(i, j) });
      i = j;
    } else return undefined;
  }
  return out;
}

/** The expression of `return <text>`: null for no expression, undefined for a syntax error. */
function parse(tokens: Token[]): Expr | null | undefined {
  if (tokens.length === 0) return null;
  let p = 0;
  const unary = (): Expr | undefined => {
    const t = tokens[p];
    if (t === undefined) return undefined;
    if (t.kind === "op") {
      if (t.op === "+") return undefined; // Lua has no unary plus
      p++;
      const arg = unary();
      return arg && { kind: "neg", arg };
    }
    p++;
    return t;
  };
  let e = unary();
  while (e && p < tokens.length) {
    const t = tokens[p];
    if (t.kind !== "op") return undefined;
    p++;
    const b = unary();
    if (!b) return undefined;
    e = { kind: "bin", op: t.op, a: e, b };
  }
  return e;
}

/**
 * `load("return " .. text)` then a call: { value } (nil when the chunk returns nothing), or
 * undefined when load fails. Arithmetic on a non-number raises the error that chunk would.
 */
export function evalNumberText(text: string, global: (name: string) => LuaValue): { value: LuaValue } | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const expr = parse(tokens);
  if (expr === undefined) return undefined;
  if (expr === null) return { value: undefined };
  const chunk = `[string "return ${text}"]:1: `;
  const operand = (e: Expr): LuaValue => {
    switch (e.kind) {
      case "num":
        return e.value;
      case "name":
        return global(e.name);
      case "neg": {
        const v = operand(e.arg);
        check(v, e.arg);
        return unm(v);
      }
      case "bin": {
        const a = operand(e.a);
        const b = operand(e.b);
        check(b, e.b);
        check(a, e.a);
        return e.op === "+" ? add(a, b) : sub(a, b);
      }
    }
  };
  const check = (v: LuaValue, e: Expr) => {
    if (tonumberArith(v) !== undefined) return;
    const desc = e.kind === "name" ? ` (global '${e.name}')` : "";
    throw new LuaError(`${chunk}attempt to perform arithmetic on a ${typeNameForError(v)} value${desc}`);
  };
  return { value: operand(expr) };
}
