// What every emitter shares: the analysis, the code writer, runtime imports (requested by
// name, so the output imports exactly what it uses), temporaries, and the source positions
// and operand names that runtime errors need.
import CodeBlockWriter from "code-block-writer";
import type { Analysis, Binding, FunctionInfo } from "../analyse.ts";
import type { L } from "../parse.ts";
import { RUNTIME_GLOBALS } from "./globals.ts";

/** Words that cannot name an import binding in a module (strict mode): `package`. */
const STRICT_RESERVED = new Set(["package", "implements", "interface", "private", "protected", "public", "static", "let", "yield", "await"]);

/** Positions are carried through the text as markers, removed by takeMappings(). */
const MARK_OPEN = "\u0001";
const MARK_CLOSE = "\u0002";

export interface Mapping {
  /** 0-based line and column in the generated text. */
  genLine: number;
  genCol: number;
  /** 1-based Lua line, 0-based Lua column. */
  line: number;
  col: number;
}

export interface FunctionState {
  info: FunctionInfo;
  temps: number;
  /** Temporaries to declare at the top of the function body. */
  tempNames: string[];
  varargs: string;
  /** JS labels in use in this function (JS forbids nesting two equal labels). */
  labels: Set<string>;
  /** The Lua loops being emitted, innermost last. */
  loops: LoopFrame[];
  /** The label of the loop a self tail call continues (emit/tailcalls.ts), when the body has one. */
  selfLoop?: string;
}

/** A Lua loop: labelled only when a goto wrapper loop stands between it and a break. */
export interface LoopFrame {
  id: number;
  label: string | undefined;
  /** Goto wrapper loops (JS loops of our own) currently open inside this loop. */
  wrappers: number;
}

const LOOP_OPEN = "\u0003";

export class EmitContext {
  writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: false });
  /** How each goto is written, decided where its label's block is structured. */
  readonly gotoJs = new Map<L.GotoStatement, string>();
  /** Gotos that are a loop's `continue`. */
  readonly continueGotos = new Set<L.GotoStatement>();
  private readonly imports = new Map<string, string>();
  private readonly positions: { line: number; col: number }[] = [];
  /** "line:col" -> operand descriptions, for "attempt to index a nil value (local 't')". */
  readonly names: Record<string, string[]> = {};
  fn!: FunctionState;
  /** Functions whose body makes proper tail calls: they get a trampolining entry (runtime/lua/tail.ts). */
  readonly tailFunctions = new Set<FunctionInfo>();
  /** Emitting a generator twin: calls go through callCo so coroutines can yield inside them. */
  co = false;
  /** Locals declared ahead of a goto state machine: their `local` statement only assigns. */
  readonly hoisted = new Set<Binding>();
  /** Comments not yet written, in source order. */
  pendingComments: L.Comment[];
  /** The variable caching each cached closure (see Analysis.closureCache), and those of each block. */
  private readonly closureVars = new Map<L.FunctionDeclaration, string>();
  private readonly blockClosureVars = new Map<L.Statement[], string[]>();

  /** Writing plain JavaScript (a chunk compiled at run time by `load`): no type annotations. */
  readonly plainJs: boolean;

  constructor(readonly analysis: Analysis, options: { plainJs?: boolean } = {}) {
    this.pendingComments = [...analysis.chunk.comments];
    this.plainJs = options.plainJs === true;
    for (const [e, home] of analysis.closureCache) {
      const name = `$closure${this.closureVars.size + 1}`;
      this.closureVars.set(e, name);
      let list = this.blockClosureVars.get(home);
      if (!list) this.blockClosureVars.set(home, (list = []));
      list.push(name);
    }
  }

  /** A type annotation (": LuaValue", "?: LuaValue"): left out in plain JavaScript. */
  ty(annotation: string): string {
    return this.plainJs ? "" : annotation;
  }

  /** The variable caching this function expression's closure, if it has one. */
  closureVar(e: L.FunctionDeclaration): string | undefined {
    return this.closureVars.get(e);
  }

  /** The closure caches a block declares. */
  blockClosureVarsOf(stmts: L.Statement[]): string[] {
    return this.blockClosureVars.get(stmts) ?? [];
  }

  /** The local name of a runtime export, imported on first use; aliased if Lua uses the name. */
  rt(name: string): string {
    let local = this.imports.get(name);
    if (local === undefined) {
      local = this.analysis.names.has(name) ? "$" + name : name;
      this.imports.set(name, local);
    }
    return local;
  }

  /** Import a runtime export under its Lua name (aliased when that is a JS reserved word: `package`). */
  rtGlobal(name: string, local = name): string {
    this.imports.set(name, local);
    return local;
  }

  /** Globals compiled to module-level variables: name -> initial value (a runtime import or undefined). */
  readonly moduleGlobals = new Map<string, string | undefined>();

  /**
   * A global in static mode (the program never reaches the global table as a value): a
   * runtime global that is never assigned is the runtime's own binding; any other global is a
   * module-level variable, initialised from the runtime when it provides one.
   */
  globalName(name: string): string {
    const b = this.analysis.globals.get(name);
    const provided = RUNTIME_GLOBALS.has(name);
    if (provided && (!b || b.assignments === 0)) return this.rtGlobal(name, STRICT_RESERVED.has(name) ? (b?.jsName ?? name + "_") : name);
    const js = b?.jsName ?? name;
    if (!this.moduleGlobals.has(js)) {
      let init: string | undefined;
      if (provided) {
        init = "$" + name;
        this.imports.set(name, init);
      }
      this.moduleGlobals.set(js, init);
    }
    return js;
  }

  /** A global's binding is the runtime's and cannot change: its members may be used directly. */
  isFixedRuntimeGlobal(name: string): boolean {
    if (this.analysis.dynamicGlobals || !RUNTIME_GLOBALS.has(name)) return false;
    const b = this.analysis.globals.get(name);
    return (!b || b.assignments === 0) && !this.analysis.fieldAssignedGlobals.has(name);
  }

  importList(): [string, string][] {
    return [...this.imports.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }

  /** A marker mapping the next generated token to a Lua position. */
  mark(line: number, col: number): string {
    this.positions.push({ line, col });
    return MARK_OPEN + (this.positions.length - 1).toString(36) + MARK_CLOSE;
  }

  /** A global read or written through _ENV: in a loaded chunk _ENV may be any value, named as Lua names it. */
  markGlobal(node: L.Node): string {
    const { line, column } = node.loc!.start;
    if (this.plainJs) this.names[`${line}:${column}`] ??= ["upvalue '_ENV'"];
    return this.mark(line, column);
  }

  markNode(node: L.Node): string {
    const loc = node.loc!;
    return this.mark(loc.start.line, loc.start.column);
  }

  /**
   * A marker for an operation that can fail on its operands; records how Lua would name them.
   * Positions must be unique per operation, so callers pass the operator's own position.
   */
  markOp(line: number, col: number, operands: (L.Node | undefined)[], constants = true): string {
    // Lua names constants only where they sit in a register (a called or indexed value).
    const descs = operands.map((o) => (o && (constants || !isLiteral(o)) ? this.describe(o) : ""));
    if (descs.some((d) => d)) this.names[`${line}:${col}`] = descs;
    return this.mark(line, col);
  }

  /** A marker for indexing the `_ENV` local `env` (a free name under a local or assigned _ENV). */
  markEnv(line: number, col: number, env: Binding): string {
    this.names[`${line}:${col}`] = [env.fn !== this.fn.info ? `upvalue '${env.name}'` : `local '${env.name}'`];
    return this.mark(line, col);
  }

  /** How Lua's error messages name an expression: local 'x', global 'x', field 'x', method 'x'. */
  describe(node: L.Node): string {
    switch (node.type) {
      case "Identifier": {
        const b = this.analysis.refs.get(node);
        // (lvm.c isEnv: a field of a variable named _ENV reads as a global)
        if (!b || b.kind === "global" || b.kind === "env") return `global '${node.name}'`;
        return b.fn !== this.fn.info ? `upvalue '${node.name}'` : `local '${node.name}'`;
      }
      case "MemberExpression":
        return node.indexer === ":" ? `method '${node.identifier.name}'` : `field '${node.identifier.name}'`;
      case "IndexExpression":
        // ldebug.c kname: only a string constant key has a name
        return `field '${node.index.type === "StringLiteral" ? stringValue(node.index) : "?"}'`;
      case "StringLiteral":
        return `constant '${stringValue(node)}'`;
    }
    return "";
  }

  binding(id: L.Identifier): Binding {
    const b = this.analysis.refs.get(id);
    if (!b) throw new Error(`unresolved identifier ${id.name}`);
    return b;
  }

  /** A fresh name for a variable the emitter declares where it is used (loop iterators). */
  localName(prefix: string): string {
    return `$${prefix}${++this.fn.temps}`;
  }

  /** A fresh temporary of the current function, declared at its top. */
  /** The one temporary of a twin's operators (see runtime/lua/coroutine-ops.ts). */
  coTemp(): string {
    const name = "$co";
    if (!this.fn.tempNames.includes(name)) this.fn.tempNames.push(name);
    return name;
  }

  /**
   * In a generator twin, an operation through its Co variant: a metamethod it leaves pending
   * runs in the coroutine, where it may yield.
   */
  coOperation(mark: string, helper: string, args: string[]): string {
    const t = this.coTemp();
    return `((${t} = ${mark}${this.rt(helper + "Co")}(${args.join(", ")})) !== ${this.rt("PENDING")} ? ${t} : yield* ${this.rt("pendingCo")}())`;
  }

  temp(): string {
    const name = `$${++this.fn.temps}`;
    this.fn.tempNames.push(name);
    return name;
  }

  private readonly loopFrames: LoopFrame[] = [];

  /** Start a Lua loop; returns the text to write just before the loop keyword. */
  openLoop(): string {
    const frame: LoopFrame = { id: this.loopFrames.length, label: undefined, wrappers: 0 };
    this.loopFrames.push(frame);
    this.fn.loops.push(frame);
    return `${LOOP_OPEN}${frame.id}${LOOP_OPEN}`;
  }

  closeLoop(): void {
    this.fn.loops.pop();
  }

  /** `break` or `continue` of the innermost Lua loop, labelled if a wrapper is in the way. */
  loopJump(kind: "break" | "continue"): string {
    const frame = this.fn.loops[this.fn.loops.length - 1];
    if (!frame || frame.wrappers === 0) return `${kind};`;
    frame.label ??= this.label("loop");
    return `${kind} ${frame.label};`;
  }

  /** Our own JS loops (goto structuring) open or close inside the current Lua loop. */
  wrapper(delta: 1 | -1): void {
    const frame = this.fn.loops[this.fn.loops.length - 1];
    if (frame) frame.wrappers += delta;
  }

  /** Put the labels that loopJump asked for in front of their loops. */
  resolveLoopLabels(text: string): string {
    return text.replace(/\u0003(\d+)\u0003/g, (_m, id) => {
      const label = this.loopFrames[Number(id)].label;
      return label ? `${label}: ` : "";
    });
  }

  /** A JS label unique within the current function. */
  label(base: string): string {
    let name = /^(break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|try|typeof|var|void|while|with|yield|let|static|await)$/.test(base) ? base + "_" : base;
    let n = 1;
    while (this.fn.labels.has(name)) name = `${base}_${++n}`;
    this.fn.labels.add(name);
    return name;
  }

  /** Strip the markers from the finished text and return it with its mappings. */
  takeMappings(text: string): { code: string; mappings: Mapping[] } {
    const mappings: Mapping[] = [];
    let out = "";
    let line = 0;
    let lineStart = 0;
    let last = 0;
    for (let i = text.indexOf(MARK_OPEN); i >= 0; i = text.indexOf(MARK_OPEN, last)) {
      const piece = text.slice(last, i);
      out += piece;
      for (let j = piece.indexOf("\n"); j >= 0; j = piece.indexOf("\n", j + 1)) {
        line++;
        lineStart = out.length - piece.length + j + 1;
      }
      const close = text.indexOf(MARK_CLOSE, i);
      const p = this.positions[parseInt(text.slice(i + 1, close), 36)];
      mappings.push({ genLine: line, genCol: out.length - lineStart, line: p.line, col: p.col });
      last = close + 1;
    }
    out += text.slice(last);
    return { code: out, mappings };
  }
}

function isLiteral(n: L.Node): boolean {
  return n.type === "StringLiteral" || n.type === "NumericLiteral" || n.type === "NilLiteral" || n.type === "BooleanLiteral";
}

export function stringValue(s: L.StringLiteral): string {
  return (s as unknown as { value: string }).value;
}
