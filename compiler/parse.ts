// The only module that knows luaparse. It parses Lua 5.3 source (a byte string: one char per
// byte) and normalises luaparse's traps: numeric literals get their Lua subtype and exact
// value, parenthesised multi-value expressions are marked, syntax errors become
// LuaSyntaxError with the source line.
import luaparse from "luaparse";
import type * as L from "luaparse";
import { str2number } from "../runtime/lua/number.ts";
import { LuaFloat } from "../runtime/lua/value.ts";
import { luaSyntaxError } from "./syntax-errors.ts";

export type * as L from "luaparse";

export interface Chunk {
  name: string;
  source: string;
  body: L.Statement[];
  comments: L.Comment[];
  /** Numeric literal -> its Lua value: integer (number|bigint) or float. */
  numbers: Map<L.NumericLiteral, { kind: "int" | "float"; value: number | bigint }>;
  /** Call and vararg expressions written inside parentheses: they yield exactly one value. */
  parenthesized: Set<L.Node>;
  /** Where each binary operator's token stands (Lua reports an operation at its operator). */
  operators: Map<L.BinaryExpression, { line: number; column: number }>;
}

export class LuaSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly reason: string,
    readonly sourceLine: string,
  ) {
    super(`${file}:${line}:${col}: ${reason}`);
  }

  /** `file:LINE:COL: message`, the source line and a caret under the column. */
  format(): string {
    const shown = this.sourceLine.replace(/\t/g, " ");
    return `${this.message}\n${shown}\n${" ".repeat(Math.max(0, this.col - 1))}^\n`;
  }
}

export interface ParseOptions {
  /** Skip a first line starting with `#` (lua.c does for files; `load` does not). Default true. */
  shebang?: boolean;
}

export function parse(source: string, name: string, options: ParseOptions = {}): Chunk {
  const shebang = source.startsWith("#");
  // luaparse itself skips a "#!" line: where Lua does not, `#` cannot start a statement
  if (shebang && options.shebang === false) throw new LuaSyntaxError(name, 1, 1, "unexpected symbol near '#'", source.split(/\r\n|\n|\r/)[0]);
  const body = shebang ? withoutShebang(source) : source;
  const ast = parseLuaparse(body, (e) => {
    const { line, column, message } = luaSyntaxError(body, e);
    const text = source.split(/\r\n|\n|\r/)[line - 1] ?? "";
    return new LuaSyntaxError(name, line, column, message, text);
  });
  const chunk: Chunk = {
    name,
    source: body, // the text the ranges are offsets into
    body: ast.body,
    comments: ast.comments ?? [],
    numbers: new Map(),
    parenthesized: new Set(),
    operators: new Map(),
  };
  normalise(chunk, ast);
  return chunk;
}

/** The first line as a comment of the same length (lua.c skips it), so offsets stay the source's. */
function withoutShebang(source: string): string {
  const end = source.search(/[\r\n]|$/);
  return (end >= 2 ? "--" + source.slice(2, end) : " ") + source.slice(end);
}

/**
 * luaparse with Lua 5.3's hex numerals: luaparse wants a digit between `0x` and `.`, Lua does
 * not (`0x.8` is 0.5). Where luaparse stops at such a numeral, the `.` becomes `0` (same
 * length, so every position stays) and the parse is retried; literals are read back from
 * the original source (normalise), so the value is Lua's.
 */
function parseLuaparse(body: string, syntaxError: (e: any) => Error): L.Chunk {
  let text = body;
  for (;;) {
    try {
      return luaparse.parse(text, {
        luaVersion: "5.3",
        // "none" leaves string values null; we decode `raw` ourselves (decodeString). The
        // pseudo-latin1 mode has a bug: `return "end"` fails because the parser compares the
        // token's decoded value with the keyword `end` without checking its type.
        encodingMode: "none",
        locations: true,
        ranges: true,
        comments: true,
        scope: false,
      });
    } catch (e: any) {
      if (typeof e?.line !== "number") throw e;
      const i = e.index as number;
      if (/malformed number near '0x'$/i.test(e.message) && /^0[xX]\.[0-9a-fA-F]/.test(text.slice(i - 2, i + 2))) {
        text = text.slice(0, i) + "0" + text.slice(i + 1);
        continue;
      }
      throw syntaxError(e);
    }
  }
}

function normalise(chunk: Chunk, ast: L.Chunk): void {
  const startOfCommentEndingAt = new Map(chunk.comments.map((c) => [rangeOf(c)[1], rangeOf(c)[0]]));
  const endOfCommentStartingAt = new Map(chunk.comments.map((c) => [rangeOf(c)[0], rangeOf(c)[1]]));
  const src = chunk.source;

  const skipBack = (pos: number): number => {
    // index of the first significant char before pos, skipping blanks and comments
    let i = pos - 1;
    for (;;) {
      while (i >= 0 && /\s/.test(src[i])) i--;
      const start = startOfCommentEndingAt.get(i + 1);
      if (start !== undefined) {
        i = start - 1;
        continue;
      }
      return i;
    }
  };
  const skipForward = (pos: number): number => {
    let i = pos;
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      const end = endOfCommentStartingAt.get(i);
      if (end !== undefined) {
        i = end;
        continue;
      }
      return i;
    }
  };

  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] };
  };

  const visit = (node: any, parent: any): void => {
    if (!node || typeof node.type !== "string") return;
    if (node.type === "BinaryExpression") {
      // the operator follows the left operand and its closing parentheses
      let i = skipForward(node.left.range[1]);
      while (src[i] === ")") i = skipForward(i + 1);
      chunk.operators.set(node, position(i));
    }
    if (node.type === "StringLiteral") {
      const tooLarge = utf8EscapeTooLarge(node.raw);
      if (tooLarge !== undefined) {
        const { line, column } = node.loc.start;
        throw new LuaSyntaxError(chunk.name, line, column + 1, `UTF-8 value too large near '${tooLarge}'`, src.split(/\r\n|\n|\r/)[line - 1] ?? "");
      }
      node.value = decodeString(node.raw);
    }
    if (node.type === "NumericLiteral") {
      const raw = src.slice(node.range[0], node.range[1]); // not node.raw: see parseLuaparse
      const v = str2number(raw);
      if (v === undefined) throw new Error(`bad numeral ${raw}`);
      node.raw = raw;
      chunk.numbers.set(node, v instanceof LuaFloat ? { kind: "float", value: v.n } : typeof v === "number" && !Number.isInteger(v) ? { kind: "float", value: v } : { kind: "int", value: v });
    }
    if (node.type === "CallExpression" || node.type === "StringCallExpression" || node.type === "TableCallExpression" || node.type === "VarargLiteral") {
      const before = skipBack(node.range[0]);
      const after = skipForward(node.range[1]);
      if (src[before] === "(" && src[after] === ")") {
        const ownCallParen = parent?.type === "CallExpression" && parent.arguments.includes(node) && skipForward(parent.base.range[1]) === before;
        if (!ownCallParen) chunk.parenthesized.add(node);
      }
    }
    for (const key in node) {
      if (key === "loc" || key === "range") continue;
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) visit(c, node);
      else if (child && typeof child === "object" && typeof child.type === "string") visit(child, node);
    }
  };
  for (const s of ast.body) visit(s, ast);
}

/** Source offsets [start, end) of a node (luaparse's typings omit them). */
export function rangeOf(node: L.Node | L.Comment): [number, number] {
  return (node as unknown as { range: [number, number] }).range;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'" };

/** The bytes of a Lua string literal (llex.c read_string / read_long_string). */
export function decodeString(raw: string): string {
  const long = /^\[(=*)\[/.exec(raw);
  if (long) {
    let body = raw.slice(long[0].length, raw.length - long[0].length);
    body = body.replace(/^(\r\n|\n\r|\n|\r)/, "");
    return body.replace(/\r\n|\n\r|\n|\r/g, "\n");
  }
  let out = "";
  const end = raw.length - 1;
  for (let i = 1; i < end; i++) {
    const c = raw[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === "\n" || e === "\r") {
      out += "\n";
      if ((raw[i + 1] === "\n" || raw[i + 1] === "\r") && raw[i + 1] !== e) i++;
    } else if (e === "x") {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "z") {
      while (i + 1 < end && /\s/.test(raw[i + 1])) i++;
    } else if (e === "u") {
      const close = raw.indexOf("}", i);
      out += utf8Bytes(parseInt(raw.slice(i + 2, close), 16));
      i = close;
    } else if (/[0-9]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-9]/.test(raw[i + 1])) digits += raw[++i];
      out += String.fromCharCode(Number(digits));
    } else out += e;
  }
  return out;
}

/**
 * Lua 5.3 accepts \u{...} escapes up to 10FFFF (luaparse takes more): the text llex.c shows
 * in its error (the literal up to the digit that went too far), or undefined when all fit.
 */
function utf8EscapeTooLarge(raw: string): string | undefined {
  if (raw.startsWith("[")) return undefined;
  // an escaped backslash is consumed first: "\\u{110000}" holds no \u escape
  for (const m of raw.matchAll(/\\(?:\\|u\{([0-9a-fA-F]+))/g)) {
    if (m[1] === undefined) continue;
    let r = 0;
    for (let k = 0; k < m[1].length; k++) {
      r = r * 16 + parseInt(m[1][k], 16);
      if (r > 0x10ffff) return raw.slice(0, m.index + 3 + k + 1);
    }
  }
  return undefined;
}

/** UTF-8 bytes of a code point (up to 10FFFF, the limit of Lua 5.3's \u escapes). */
function utf8Bytes(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  const bytes: number[] = [];
  let limit = 0x3f;
  while (cp > limit) {
    bytes.unshift(0x80 | (cp & 0x3f));
    cp = Math.floor(cp / 64);
    limit >>= 1;
  }
  bytes.unshift(((~limit << 1) & 0xff) | cp);
  return String.fromCharCode(...bytes);
}
