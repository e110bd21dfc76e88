// Syntax errors in Lua's words. luaparse finds the error; this module rewrites its message
// the way lparser.c/llex.c would phrase it ("unexpected symbol near '+'", "'end' expected
// (to close 'if' at line 1) near <eof>", "malformed number near '3f'"). It re-reads the
// source up to the error with a small lexer that follows llex.c, keeping the stack of open
// blocks, because Lua's messages name the construct being closed. Only runs on the error path.

export interface LuaparseError {
  message: string;
  index: number;
  line: number;
  column: number;
}

interface Token {
  text: string;
  kind: "name" | "keyword" | "number" | "string" | "symbol" | "eof";
  start: number;
  line: number;
}

interface Frame {
  /** The construct as Lua names it: 'function', 'if', 'while', 'for', 'do', 'repeat', '(', '{', '['. */
  opener: string;
  line: number;
  /** while/for: their `do` is still to come (it does not open a frame of its own). */
  awaitingDo: boolean;
  /** A `return` was read in this block: the block must end now. */
  returned: boolean;
}

const KEYWORDS = new Set(
  "and break do else elseif end false for function goto if in local nil not or repeat return then true until while".split(" "),
);
const SYMBOLS = ["...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"];
const CLOSERS: Record<string, string> = { function: "end", if: "end", while: "end", for: "end", do: "end", repeat: "until", "(": ")", "{": "}", "[": "]" };
/** Constructs whose missing closer Lua reports with "(to close ... at line N)" (check_match). */
const MATCHED = new Set(["function", "if", "while", "for", "do", "repeat", "(", "{"]);

/** Lua's message and position for a luaparse syntax error. */
export function luaSyntaxError(source: string, e: LuaparseError): { line: number; column: number; message: string } {
  const scan = scanTo(source, e.index);
  if (scan.malformed) return { line: scan.malformed.line, column: scan.malformed.start - lineStart(source, scan.malformed.start) + 1, message: `malformed number near '${scan.malformed.text}'` };
  return { line: e.line, column: e.column + 1, message: reword(source, e, scan) };
}

function reword(source: string, e: LuaparseError, scan: Scan): string {
  const msg = e.message.replace(/^\[\d+:\d+\] /, "");
  const near = (tok: Token | undefined) => (!tok || tok.kind === "eof" ? "<eof>" : `'${tok.text}'`);
  const here = scan.next;
  const blocks = scan.stack.filter((f) => f.opener !== "(" && f.opener !== "{" && f.opener !== "[");
  const innermost = scan.stack[scan.stack.length - 1];
  const prev = scan.tokens[scan.tokens.length - 1];

  /** What the innermost open block needs next, as lparser.c's check_match words it. */
  const blockEnd = (): string => {
    const b = blocks[blocks.length - 1];
    if (!b) return `<eof> expected near ${near(here)}`;
    return expected(CLOSERS[b.opener], b, here);
  };
  const expected = (closer: string, frame: Frame | undefined, tok: Token | undefined): string => {
    const what = `'${closer}' expected`;
    if (frame && MATCHED.has(frame.opener) && CLOSERS[frame.opener] === closer && frame.line !== (tok?.line ?? e.line)) {
      return `${what} (to close '${frame.opener}' at line ${frame.line}) near ${near(tok)}`;
    }
    return `${what} near ${near(tok)}`;
  };

  let m: RegExpExecArray | null;
  if ((m = /^'(end|until|\)|\}|\])' expected near /.exec(msg))) {
    // right after an opening bracket or a separator Lua was reading an expression
    if ((m[1] === ")" || m[1] === "}") && prev && ["(", "{", ",", ";"].includes(prev.text)) return `unexpected symbol near ${near(here)}`;
    return expected(m[1], innermost, here);
  }
  if (/^<expression> expected near /.test(msg) || /^unexpected symbol near '<eof>'$/.test(msg)) return `unexpected symbol near ${near(here)}`;
  if ((m = /^unexpected (symbol|keyword|identifier|number|string|boolean) /.exec(msg))) {
    if (here && here.kind === "keyword" && ["end", "else", "elseif", "until"].includes(here.text) && blocks.length === 0) return `<eof> expected near ${near(here)}`;
    const block = blocks[blocks.length - 1] ?? scan.chunk;
    if (block.returned && prev?.text !== "return") return blockEnd();
    // an assignment to something that is not a variable: `f() = 1`
    if (here?.text === "=" && prev && (prev.text === ")" || prev.kind === "string" || prev.text === "}")) return `syntax error near ${near(here)}`;
    return `unexpected symbol near ${near(here)}`;
  }
  if (/^'=' expected near /.test(msg)) {
    // exprstat: a lone expression that is not a call; restassign after a comma wants '='
    return `${afterComma(scan.tokens) ? "'=' expected" : "syntax error"} near ${near(here)}`;
  }
  if (/^'in' expected near /.test(msg)) {
    const t = scan.tokens;
    const single = t.length >= 2 && t[t.length - 2].text === "for" && t[t.length - 1].kind === "name";
    return `${single ? "'=' or 'in' expected" : "'in' expected"} near ${near(here)}`;
  }
  if (/^no loop to break near /.test(msg)) {
    const b = [...scan.tokens].reverse().find((t) => t.text === "break");
    return `<break> at line ${b?.line ?? e.line} not inside a loop`;
  }
  if ((m = /^no visible label '(.*)' for <goto>$/.exec(msg))) return `no visible label '${m[1]}' for <goto> at line ${e.line}`;
  if ((m = /^<goto (.*)> jumps into the scope of local '(.*)'$/.exec(msg))) return `<goto ${m[1]}> at line ${e.line} jumps into the scope of local '${m[2]}'`;
  if ((m = /^(invalid escape sequence|hexadecimal digit expected|decimal escape too large|UTF-8 value too large|missing '.'|unfinished string) near '(.*)'$/s.exec(msg))) {
    // llex.c shows the string read so far, from its opening quote
    const start = scan.openString;
    if (m[1] === "unfinished string" && start !== undefined) {
      const nl = source.indexOf("\n", start);
      if (nl < 0) return "unfinished string near <eof>";
      return `unfinished string near '${source.slice(start, nl).replace(/\\(["'\\])/g, "$1")}'`;
    }
    if (start !== undefined && m[1] !== "unfinished string") {
      const end = source.indexOf(m[2], start);
      // llex.c's buffer: one char more after a decimal escape, one less in a \u{...} value
      const extra = m[1] === "decimal escape too large" ? 1 : m[1] === "UTF-8 value too large" ? -1 : 0;
      if (end >= 0) return `${m[1]} near '${source.slice(start, end + m[2].length + extra)}'`;
    }
    return `${m[1]} near '${m[2]}'`;
  }
  return msg.replace(/near '<eof>'$/, "near <eof>");
}

/** Whether the suffixed expression just before the error follows a comma (`a, b 1`). */
function afterComma(tokens: Token[]): boolean {
  let i = tokens.length - 1;
  let depth = 0;
  for (; i >= 0; i--) {
    const t = tokens[i];
    if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
    else if (t.text === "(" || t.text === "[" || t.text === "{") depth--;
    else if (depth === 0 && !(t.kind === "name" || t.kind === "string" || t.text === "." || t.text === ":")) break;
  }
  return i >= 0 && tokens[i].text === ",";
}

interface Scan {
  tokens: Token[];
  /** The token where the error was found. */
  next: Token | undefined;
  stack: Frame[];
  chunk: Frame;
  malformed?: Token;
  /** Offset of the opening quote when the error lies inside a short string. */
  openString?: number;
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/** Tokens up to the error offset, with the blocks open there (llex.c's rules, no values). */
function scanTo(source: string, limit: number): Scan {
  const scan: Scan = { tokens: [], next: undefined, stack: [], chunk: { opener: "chunk", line: 0, awaitingDo: false, returned: false } };
  let i = source.startsWith("#") ? source.indexOf("\n") : 0;
  if (i < 0) i = source.length;
  let line = 1;
  const n = source.length;
  const newlines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (source[k] === "\n") line++;
  };
  const longBracket = (at: number): number => {
    // level of a long bracket opening at `at` ("[==["), or -1
    let k = at + 1;
    while (source[k] === "=") k++;
    return source[k] === "[" ? k - at - 1 : -1;
  };
  while (i < n) {
    const c = source[i];
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && source[i + 1] === "-") {
      const level = source[i + 2] === "[" ? longBracket(i + 2) : -1;
      const end = level >= 0 ? source.indexOf(`]${"=".repeat(level)}]`, i) : source.indexOf("\n", i);
      const stop = end < 0 ? n : level >= 0 ? end + level + 2 : end;
      newlines(i, stop);
      i = stop;
      continue;
    }
    const start = i;
    const startLine = line;
    let kind: Token["kind"];
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /\w/.test(source[i])) i++;
      kind = KEYWORDS.has(source.slice(start, i)) ? "keyword" : "name";
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      // llex.c read_numeral: hex digits, dots and signed exponents, then a validity check
      const expo = c === "0" && /[xX]/.test(source[i + 1] ?? "") ? "Pp" : "Ee";
      for (;;) {
        if (i < n && expo.includes(source[i]) && i > start) {
          i++;
          if (source[i] === "+" || source[i] === "-") i++;
        } else if (/[0-9A-Fa-f.]/.test(source[i] ?? "")) i++;
        else if (/[xX]/.test(source[i] ?? "") && i === start + 1 && c === "0") i++;
        else break;
      }
      kind = "number";
      const text = source.slice(start, i);
      if (!/^(0[xX]([0-9A-Fa-f]+\.?[0-9A-Fa-f]*|\.[0-9A-Fa-f]+)([pP][+-]?[0-9]+)?|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)$/.test(text)) {
        scan.malformed = { text, kind, start, line: startLine };
        return scan;
      }
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && source[i] !== c && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
      if (limit <= i) scan.openString = start;
      newlines(start, i);
      kind = "string";
    } else if (c === "[" && longBracket(i) >= 0) {
      const level = longBracket(i);
      const end = source.indexOf(`]${"=".repeat(level)}]`, i);
      i = end < 0 ? n : end + level + 2;
      newlines(start, i);
      kind = "string";
    } else {
      const sym = SYMBOLS.find((s) => source.startsWith(s, i)) ?? c;
      i += sym.length;
      kind = "symbol";
    }
    const tok: Token = { text: source.slice(start, i), kind, start, line: startLine };
    if (start >= limit) {
      scan.next = tok;
      break;
    }
    scan.tokens.push(tok);
    track(scan, tok);
  }
  scan.next ??= { text: "<eof>", kind: "eof", start: n, line };
  return scan;
}

/** Keep the stack of open constructs as the parser would see it. */
function track(scan: Scan, tok: Token): void {
  const stack = scan.stack;
  const top = stack[stack.length - 1];
  const open = (opener: string, awaitingDo = false): void => {
    stack.push({ opener, line: tok.line, awaitingDo, returned: false });
  };
  const block = () => [...stack].reverse().find((f) => !"({[".includes(f.opener)) ?? scan.chunk;
  if (tok.kind === "keyword") {
    switch (tok.text) {
      case "function":
      case "if":
      case "repeat":
        return open(tok.text);
      case "while":
      case "for":
        return open(tok.text, true);
      case "do":
        if (top && top.awaitingDo) top.awaitingDo = false;
        else open("do");
        return;
      case "end":
      case "until":
        if (top && !"({[".includes(top.opener)) stack.pop();
        return;
      case "else":
      case "elseif":
        block().returned = false;
        return;
      case "return":
        block().returned = true;
        return;
    }
    return;
  }
  if (tok.kind !== "symbol") return;
  if (tok.text === "(" || tok.text === "{" || tok.text === "[") open(tok.text);
  else if ((tok.text === ")" || tok.text === "}" || tok.text === "]") && top && CLOSERS[top.opener] === tok.text) stack.pop();
}
