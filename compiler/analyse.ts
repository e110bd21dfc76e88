// Analysis: resolves every name to a local or a global, gives locals their TypeScript names,
// records what each function needs (varargs, whether it always yields one value, whether its
// end is reachable), resolves gotos to labels, and decides how globals are compiled.
// Results live in side tables; the tree is not modified.
import { rangeOf, type Chunk, type L } from "./parse.ts";
import { inferTypes, type TypeFacts } from "./types.ts";

export interface Binding {
  name: string;
  jsName: string;
  /** "env": a free name inside the scope of a local `_ENV`, or in a chunk that assigns `_ENV`: `_ENV.name`. */
  kind: "local" | "global" | "env";
  /** For kind "env": the `_ENV` local the name is a field of. */
  env?: Binding;
  /** Assignments after the declaration (a `local function` or initialised local counts 0). */
  assignments: number;
  /** Declared by `local function f` or `function f` (globals): always a function value or nil. */
  functionsOnly: boolean;
  /** Referenced from a function nested inside the declaring one. */
  captured: boolean;
  fn: FunctionInfo | undefined;
  /** For `local function f`: the function, to know what its calls return. */
  fnInfo?: FunctionInfo;
  /** Locals: the scope that declares it (a block; a function's body for its parameters). */
  scope?: ScopeInfo;
}

/** A Lua block as the closure cache sees it. */
export interface ScopeInfo {
  block: L.Statement[];
  /** Loop bodies and functions entered from the chunk down to this block: how often it may repeat. */
  reps: number;
}

export type FunctionNode = L.FunctionDeclaration | L.Chunk;

export interface FunctionInfo {
  node: FunctionNode | undefined;
  parent: FunctionInfo | undefined;
  isVararg: boolean;
  /** Every return yields exactly one value and the end is unreachable: callers skip first(). */
  singleResult: boolean;
  endReachable: boolean;
  /** Its return statements (not those of nested functions). */
  returns: L.ReturnStatement[];
  /** The local that names it, for `local function f`. */
  self?: Binding;
}

export interface GotoTarget {
  label: L.LabelStatement;
  /** The statement list holding the label. */
  block: L.Statement[];
  backward: boolean;
}

export interface Analysis {
  chunk: Chunk;
  refs: Map<L.Identifier, Binding>;
  functions: Map<L.Node, FunctionInfo>;
  main: FunctionInfo;
  globals: Map<string, Binding>;
  /** The program reaches the global table as a value (_G, _ENV, load...): globals live in G. */
  dynamicGlobals: boolean;
  /** Every name spelled in the program, so runtime imports can avoid them. */
  names: Set<string>;
  gotos: Map<L.GotoStatement, GotoTarget>;
  /** Statement lists containing labels that gotos target. */
  labelledBlocks: Set<L.Statement[]>;
  /** Globals whose fields the program assigns (`function string.trim()`): no direct member access. */
  fieldAssignedGlobals: Set<string>;
  /** The program uses coroutines: functions get generator twins (runtime/lua/coroutine.ts). */
  usesCoroutines: boolean;
  /** The implicit `self` parameter of `function a:m()` definitions. */
  selfBindings: Map<L.FunctionDeclaration, Binding>;
  /** What is known of the values of locals and expressions (compiler/types.ts). */
  types: TypeFacts;
  /**
   * Function expressions that may run more than once with the same upvalues, with the block
   * whose instance their closure is cached in (Lua 5.3 reuses such a closure: lvm.c getcached).
   */
  closureCache: Map<L.FunctionDeclaration, L.Statement[]>;
  /**
   * The chunk's own `_ENV` as a variable, when the chunk assigns it (`_ENV = t`): it starts
   * as the global table, and every free name is a field of it.
   */
  chunkEnv: Binding | undefined;
}

const JS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval undefined NaN Infinity async of get set " +
    "any boolean number string symbol never unknown object declare namespace module type abstract readonly as is keyof infer " +
    "constructor require globalThis"
  ).split(" "),
);

/**
 * Globals through which a program can reach the global table itself. (`require` is not one:
 * built-in modules never touch globals, and a program that bundles Lua modules is compiled
 * with `sharedGlobals`, see AnalyseOptions.)
 */
const DYNAMIC_GLOBAL_NAMES = new Set(["_G", "_ENV", "load", "loadstring", "dofile", "loadfile", "setfenv", "getfenv"]);

export interface AnalyseOptions {
  /** The chunk shares its globals with other chunks (a program with Lua modules): globals live in G. */
  sharedGlobals?: boolean;
  /** Give functions coroutine twins even if the chunk never names `coroutine` (a chunk loaded by a program that does). */
  coroutines?: boolean;
}

interface Scope {
  vars: Map<string, Binding>;
  fn: FunctionInfo;
  info: ScopeInfo;
}

/** A function being analysed, with the locals of enclosing functions it uses. */
interface OpenFunction {
  info: FunctionInfo;
  captured: Set<Binding>;
}


export function analyse(chunk: Chunk, options: AnalyseOptions = {}): Analysis {
  const a: Analysis = {
    chunk,
    refs: new Map(),
    functions: new Map(),
    main: { node: undefined, parent: undefined, isVararg: true, singleResult: false, endReachable: true, returns: [] },
    globals: new Map(),
    dynamicGlobals: options.sharedGlobals === true,
    names: new Set(),
    gotos: new Map(),
    labelledBlocks: new Set(),
    fieldAssignedGlobals: new Set(),
    selfBindings: new Map(),
    usesCoroutines: false,
    types: undefined as unknown as TypeFacts,
    chunkEnv: undefined,
    closureCache: new Map(),
  };
  collectNames(chunk.body, a.names);
  a.usesCoroutines = options.coroutines === true || a.names.has("coroutine");
  const scopes: Scope[] = [];
  /** Locals that shadow a visible local: they get fresh names once all globals are known. */
  const shadowing = new Set<Binding>();
  const locals: Binding[] = [];

  const lookup = (name: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const b = scopes[i].vars.get(name);
      if (b) return b;
    }
    return undefined;
  };

  const declare = (id: L.Identifier, functionsOnly = false): Binding => {
    const scope = scopes[scopes.length - 1];
    const b: Binding = { name: id.name, jsName: id.name, kind: "local", assignments: 0, functionsOnly, captured: false, fn: scope.fn, scope: scope.info };
    if (lookup(id.name)) shadowing.add(b);
    locals.push(b);
    a.refs.set(id, b);
    return b;
  };
  const bind = (b: Binding) => scopes[scopes.length - 1].vars.set(b.name, b);

  const globalBinding = (name: string): Binding => {
    let b = a.globals.get(name);
    if (!b) {
      b = { name, jsName: JS_RESERVED.has(name) ? name + "_" : name, kind: "global", assignments: 0, functionsOnly: true, captured: false, fn: undefined };
      a.globals.set(name, b);
      if (DYNAMIC_GLOBAL_NAMES.has(name)) a.dynamicGlobals = true;
    }
    return b;
  };

  const resolve = (id: L.Identifier): Binding => {
    const fn = scopes[scopes.length - 1].fn;
    let b = lookup(id.name);
    if (!b) {
      // a free name is a field of the visible `_ENV` local, if there is one
      const env = lookup("_ENV");
      if (env) {
        capture(env, fn);
        b = { name: id.name, jsName: id.name, kind: "env", env, assignments: 0, functionsOnly: false, captured: false, fn: undefined };
      } else b = globalBinding(id.name);
    }
    if (b.kind === "local") capture(b, fn);
    a.refs.set(id, b);
    return b;
  };

  const open: OpenFunction[] = [];
  /** A local used in `fn`: an upvalue of every function from fn out to the one declaring it. */
  const capture = (b: Binding, fn: FunctionInfo): void => {
    if (b.fn === fn) return;
    b.captured = true;
    for (let i = open.length - 1; i >= 0 && open[i].info !== b.fn; i--) open[i].captured.add(b);
  };

  const expr = (e: L.Expression | null | undefined): void => {
    if (!e) return;
    switch (e.type) {
      case "Identifier":
        resolve(e);
        return;
      case "FunctionDeclaration": {
        const site = scopes[scopes.length - 1].info;
        const captured = new Set<Binding>();
        func(e, undefined, captured);
        cacheClosure(e, site, captured);
        return;
      }
      case "TableConstructorExpression":
        for (const f of e.fields) {
          if (f.type === "TableKey") expr(f.key);
          expr(f.value);
        }
        return;
      case "BinaryExpression":
      case "LogicalExpression":
        expr(e.left);
        expr(e.right);
        return;
      case "UnaryExpression":
        expr(e.argument);
        return;
      case "MemberExpression":
        expr(e.base);
        return;
      case "IndexExpression":
        expr(e.base);
        expr(e.index);
        return;
      case "CallExpression":
        expr(e.base);
        e.arguments.forEach(expr);
        return;
      case "TableCallExpression":
        expr(e.base);
        expr(e.arguments);
        return;
      case "StringCallExpression":
        expr(e.base);
        expr(e.argument);
        return;
      case "VarargLiteral": {
        return;
      }
    }
  };

  const assignTarget = (t: L.Expression, isFunction: boolean): void => {
    if (t.type === "Identifier") {
      const b = resolve(t);
      b.assignments++;
      if (!isFunction) b.functionsOnly = false;
      return;
    }
    expr(t);
    noteFieldAssignment(t);
  };

  const noteFieldAssignment = (t: L.Expression): void => {
    let base: L.Expression = t;
    while (base.type === "MemberExpression" || base.type === "IndexExpression") base = base.base;
    if (base.type === "Identifier" && a.refs.get(base)?.kind === "global") a.fieldAssignedGlobals.add(base.name);
  };

  const func = (node: L.FunctionDeclaration, selfFor: L.Identifier | undefined, captured = new Set<Binding>()): FunctionInfo => {
    const outer = scopes[scopes.length - 1];
    const parent = outer.fn;
    const info: FunctionInfo = { node, parent, isVararg: false, singleResult: false, endReachable: true, returns: [] };
    a.functions.set(node, info);
    const scope: ScopeInfo = { block: node.body, reps: outer.info.reps + 1 };
    depths.set(scope, scopes.length);
    scopes.push({ vars: new Map(), fn: info, info: scope });
    open.push({ info, captured });
    if (selfFor) {
      const b = declare(selfFor);
      bind(b);
      a.selfBindings.set(node, b);
    }
    for (const p of node.parameters) {
      if (p.type === "VarargLiteral") info.isVararg = true;
      else bind(declare(p));
    }
    const returns = info.returns;
    info.endReachable = block(node.body, returns);
    info.singleResult = !info.endReachable && returns.every((r) => r.arguments.length === 1 && !isMulti(a.chunk, r.arguments[0]));
    open.pop();
    scopes.pop();
    return info;
  };

  /**
   * Lua 5.3 reuses the last closure of a function expression when its upvalues are the same
   * variables, so `f() == f()` for `function f() return function () end end`. The closure is
   * cached in the innermost block declaring one of its upvalues (the chunk's body when it has
   * none), where needed: when a loop or function stands between that block and the expression.
   */
  const cacheClosure = (e: L.FunctionDeclaration, site: ScopeInfo, captured: Set<Binding>): void => {
    let home: ScopeInfo = chunkScope;
    // the upvalues' blocks all enclose the expression: the deepest is the innermost
    for (const b of captured) if (b.scope && depthOf(b.scope) > depthOf(home)) home = b.scope;
    if (site.reps > home.reps) a.closureCache.set(e, home.block);
  };
  const depths = new Map<ScopeInfo, number>();
  const depthOf = (s: ScopeInfo): number => depths.get(s) ?? 0;

  /** Analyse a statement list in a new scope; returns whether its end is reachable. */
  const block = (stmts: L.Statement[], returns: L.ReturnStatement[], before?: () => void, after?: () => void, loop = false): boolean => {
    const outer = scopes[scopes.length - 1];
    // a function's body shares the scope info of its parameters
    const info = outer.info.block === stmts ? outer.info : { block: stmts, reps: outer.info.reps + (loop ? 1 : 0) };
    depths.set(info, scopes.length);
    scopes.push({ vars: new Map(), fn: outer.fn, info });
    before?.();
    const reachable = statements(stmts, returns);
    after?.();
    scopes.pop();
    return reachable;
  };

  const statements = (stmts: L.Statement[], returns: L.ReturnStatement[]): boolean => {
    let reachable = true;
    for (const s of stmts) reachable = statement(s, returns) && reachable && !endsFlow(s);
    return reachable;
  };

  const statement = (s: L.Statement, returns: L.ReturnStatement[]): boolean => {
    switch (s.type) {
      case "LocalStatement": {
        s.init.forEach(expr);
        const bs = s.variables.map((v) => declare(v));
        bs.forEach(bind);
        return true;
      }
      case "AssignmentStatement":
        s.variables.forEach((v, i) => assignTarget(v, s.init[i]?.type === "FunctionDeclaration"));
        s.init.forEach(expr);
        return true;
      case "CallStatement":
        expr(s.expression);
        return true;
      case "FunctionDeclaration": {
        const id = s.identifier;
        if (s.isLocal && id?.type === "Identifier") {
          const b = declare(id, true);
          bind(b);
          b.fnInfo = func(s, undefined);
          b.fnInfo.self = b;
        } else if (id?.type === "Identifier") {
          assignTarget(id, true);
          func(s, undefined);
        } else if (id?.type === "MemberExpression") {
          expr(id.base);
          noteFieldAssignment(id);
          func(s, id.indexer === ":" ? ({ type: "Identifier", name: "self" } as L.Identifier) : undefined);
        }
        return true;
      }
      case "ReturnStatement":
        s.arguments.forEach(expr);
        returns.push(s);
        return false;
      case "IfStatement": {
        let any = false;
        let hasElse = false;
        for (const c of s.clauses) {
          if (c.type !== "ElseClause") expr(c.condition);
          else hasElse = true;
          if (block(c.body, returns)) any = true;
        }
        return any || !hasElse;
      }
      case "WhileStatement":
        expr(s.condition);
        block(s.body, returns, undefined, undefined, true);
        return !(s.condition.type === "BooleanLiteral" && s.condition.value) || containsBreak(s.body);
      case "RepeatStatement":
        // the condition sees the body's locals
        block(s.body, returns, undefined, () => expr(s.condition), true);
        return true;
      case "DoStatement":
        return block(s.body, returns);
      case "ForNumericStatement":
        expr(s.start);
        expr(s.end);
        expr(s.step);
        block(s.body, returns, () => bind(declare(s.variable)), undefined, true);
        return true;
      case "ForGenericStatement":
        s.iterators.forEach(expr);
        block(s.body, returns, () => s.variables.forEach((v) => bind(declare(v))), undefined, true);
        return true;
      case "GotoStatement":
      case "LabelStatement":
      case "BreakStatement":
        return true;
    }
    return true;
  };

  const chunkScope: ScopeInfo = { block: chunk.body, reps: 0 };
  scopes.push({ vars: new Map(), fn: a.main, info: chunkScope });
  if (assignsEnv(chunk.body)) {
    // the chunk's _ENV becomes a variable of its main function, holding the global table first
    const env: Binding = { name: "_ENV", jsName: "_ENV", kind: "local", assignments: 0, functionsOnly: false, captured: false, fn: a.main, scope: chunkScope };
    bind(env);
    locals.push(env);
    a.chunkEnv = env;
    a.dynamicGlobals = true;
  }
  a.functions.set(chunk as unknown as L.Node, a.main);
  a.main.endReachable = statements(chunk.body, []);
  scopes.pop();

  nameLocals(locals, shadowing, a);
  resolveGotos(chunk.body, a);
  // a goto may run a block's local statements again: no cache there (each run is a new variable)
  for (const [e, home] of a.closureCache) if (a.labelledBlocks.has(home)) a.closureCache.delete(e);
  // print calls the global tostring: a program that replaces it keeps its globals in G
  if (a.globals.get("tostring")?.assignments) a.dynamicGlobals = true;
  if (a.dynamicGlobals) for (const b of a.globals.values()) b.functionsOnly = false;
  a.types = inferTypes(a);
  return a;
}

/**
 * TypeScript names for locals: the Lua name, except for JS reserved words and locals that
 * shadow another local or a global the program uses (JS `let` has a temporal dead zone and
 * forbids redeclaration in one block; Lua allows both).
 */
function nameLocals(locals: Binding[], shadowing: Set<Binding>, a: Analysis): void {
  const taken = new Set<string>([...a.names]);
  const counters = new Map<string, number>();
  for (const b of locals) {
    const base = JS_RESERVED.has(b.name) ? b.name + "_" : b.name;
    if (!shadowing.has(b) && !a.globals.has(b.name) && base === b.name) continue;
    if (!shadowing.has(b) && !a.globals.has(b.name) && !taken.has(base)) {
      b.jsName = base;
      taken.add(base);
      continue;
    }
    let n = counters.get(base) ?? 1;
    let candidate: string;
    do candidate = `${base}_${++n}`;
    while (taken.has(candidate));
    counters.set(base, n);
    taken.add(candidate);
    b.jsName = candidate;
  }
}

function endsFlow(s: L.Statement): boolean {
  return s.type === "ReturnStatement" || s.type === "BreakStatement" || s.type === "GotoStatement";
}

function containsBreak(stmts: L.Statement[]): boolean {
  for (const s of stmts) {
    if (s.type === "BreakStatement" || s.type === "GotoStatement") return true;
    if (s.type === "IfStatement" && s.clauses.some((c) => containsBreak(c.body))) return true;
    if (s.type === "DoStatement" && containsBreak(s.body)) return true;
  }
  return false;
}

/** Some statement assigns to a name `_ENV` (the chunk's, or a local one: either way, rare). */
function assignsEnv(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(assignsEnv);
  if (!node || typeof node !== "object") return false;
  const n = node as any;
  if (n.type === "AssignmentStatement" && n.variables.some((v: L.Expression) => v.type === "Identifier" && v.name === "_ENV")) return true;
  for (const key in n) if (key !== "loc" && key !== "range" && typeof n[key] === "object" && assignsEnv(n[key])) return true;
  return false;
}

/** Calls and `...` yield several values in multi-value positions unless parenthesised. */
export function isMulti(chunk: Chunk, e: L.Expression): boolean {
  return (e.type === "CallExpression" || e.type === "StringCallExpression" || e.type === "TableCallExpression" || e.type === "VarargLiteral") && !chunk.parenthesized.has(e);
}

function collectNames(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectNames(n, out);
    return;
  }
  if (!node || typeof node !== "object") return;
  const n = node as any;
  if (n.type === "Identifier") out.add(n.name);
  for (const key in n) if (key !== "loc" && key !== "range" && typeof n[key] === "object") collectNames(n[key], out);
}

/** Resolve each goto to its label: the nearest visible label of that name in the same function. */
function resolveGotos(body: L.Statement[], a: Analysis): void {
  const visit = (stmts: L.Statement[], visible: Map<string, { label: L.LabelStatement; block: L.Statement[]; index: number }>[]) => {
    const here = new Map<string, { label: L.LabelStatement; block: L.Statement[]; index: number }>();
    stmts.forEach((s, index) => {
      if (s.type === "LabelStatement") here.set(s.label.name, { label: s, block: stmts, index });
    });
    const stack = [...visible, here];
    stmts.forEach((s, index) => {
      if (s.type === "GotoStatement") {
        for (let i = stack.length - 1; i >= 0; i--) {
          const t = stack[i].get(s.label.name);
          if (t) {
            const backward = t.block === stmts ? t.index < index : rangeOf(t.label)[0] < rangeOf(s)[0];
            a.gotos.set(s, { label: t.label, block: t.block, backward });
            a.labelledBlocks.add(t.block);
            return;
          }
        }
        throw Object.assign(new Error(`no visible label '${s.label.name}' for goto`), { node: s });
      }
      for (const child of childBlocks(s)) visit(child, stack);
      for (const fn of nestedFunctions(s)) visit(fn.body, []);
    });
  };
  visit(body, []);
}

function childBlocks(s: L.Statement): L.Statement[][] {
  switch (s.type) {
    case "IfStatement":
      return s.clauses.map((c) => c.body);
    case "WhileStatement":
    case "RepeatStatement":
    case "DoStatement":
    case "ForNumericStatement":
    case "ForGenericStatement":
      return [s.body];
  }
  return [];
}

function nestedFunctions(s: L.Node): L.FunctionDeclaration[] {
  const out: L.FunctionDeclaration[] = [];
  const walk = (n: any, top: boolean) => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach((x) => walk(x, false));
    if (n.type === "FunctionDeclaration") {
      out.push(n);
      return;
    }
    // statements of child blocks are visited by resolveGotos itself
    if (!top && isStatement(n)) return;
    for (const k in n) if (k !== "loc" && k !== "range" && k !== "body") walk(n[k], false);
    if (top && n.type === "RepeatStatement") walk(n.condition, false);
  };
  walk(s, true);
  return out;
}

function isStatement(n: any): boolean {
  return typeof n.type === "string" && n.type.endsWith("Statement") && n.type !== "FunctionDeclaration";
}
