// Number-subtype inference (DESIGN.md "Value model"): what the compiler can prove about the
// value of each local and expression, so the emitter may skip runtime helpers. Flow-
// insensitive: a local's type is the join of the types of everything ever assigned to it,
// computed as a least fixed point from an optimistic start. Parameters of a local function
// that is only ever called directly take the join of the arguments at its call sites.
//
// The types:
//   smallint  an integer held as a JS number (|v| < 2^53): literals, counters of plain loops, x % small
//   int       an integer (a JS number, or a bigint beyond 2^53)
//   float     a float; a float local whose every value is computed by the compiler lives as a
//             raw JS number (rawFloats), boxed only where the value leaves (see emit/numbers.ts)
//   number    a number of either subtype
//   boolean, string
//   any       anything (metamethods, calls, globals, tables...)
// "bottom" (no value yet) exists only during the fixed point.
import { isMulti, type Analysis, type Binding } from "./analyse.ts";
import type { Chunk, L } from "./parse.ts";
import { RUNTIME_GLOBALS } from "./emit/globals.ts";

export type StaticType = "bottom" | "smallint" | "int" | "float" | "number" | "boolean" | "string" | "any";

export interface TypeFacts {
  /** The type of each local (locals never assigned a typed value are "any"). */
  locals: Map<Binding, StaticType>;
  /** Float locals that live as raw JS numbers. */
  rawFloats: Set<Binding>;
  exprType(e: L.Expression): StaticType;
}

const NUMERIC = new Set<StaticType>(["smallint", "int", "float", "number"]);
const INTEGER = new Set<StaticType>(["smallint", "int"]);

export function isNumeric(t: StaticType): boolean {
  return NUMERIC.has(t);
}

export function isInteger(t: StaticType): boolean {
  return INTEGER.has(t);
}

/** Least upper bound. */
export function join(a: StaticType, b: StaticType): StaticType {
  if (a === b || b === "bottom") return a;
  if (a === "bottom") return b;
  if (isInteger(a) && isInteger(b)) return "int";
  if (isNumeric(a) && isNumeric(b)) return "number";
  return "any";
}

/** Math functions that always return a float (lmathlib.c), when `math` is the runtime's. */
const FLOAT_MATH = new Set(["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "deg", "rad", "pow", "cosh", "sinh", "tanh", "log10"]);
const FLOAT_MATH_VALUES = new Set(["pi", "huge"]);

/**
 * A numeric for whose start and step are small integer literals runs as a plain JS counting
 * loop (its counter is a smallint): the limit is clipped to 2^53, and no feasible number of
 * iterations takes the counter near it.
 */
export function plainLoop(chunk: Chunk, s: L.ForNumericStatement): { start: number; step: number } | undefined {
  const start = smallIntLiteral(chunk, s.start);
  const step = s.step === null ? 1 : smallIntLiteral(chunk, s.step);
  if (start === undefined || step === undefined || step === 0 || Math.abs(start) > 2 ** 40 || Math.abs(step) > 2 ** 16) return undefined;
  return { start, step };
}

export function smallIntLiteral(chunk: Chunk, e: L.Expression): number | undefined {
  let neg = false;
  if (e.type === "UnaryExpression" && e.operator === "-") {
    neg = true;
    e = e.argument;
  }
  if (e.type !== "NumericLiteral") return undefined;
  const n = chunk.numbers.get(e)!;
  if (n.kind !== "int" || typeof n.value !== "number") return undefined;
  return neg ? -n.value : n.value;
}

type Source = () => StaticType;

export function inferTypes(a: Analysis): TypeFacts {
  const chunk = a.chunk;
  const types = new Map<Binding, StaticType>();
  const sources = new Map<Binding, Source[]>();
  /** Locals that may hold a raw float: declared and assigned by statements, not parameters or loop variables. */
  const rawCandidates = new Set<Binding>();
  const notRaw = new Set<Binding>();
  const calls = new Map<Binding, L.Expression[][]>();
  const escapes = new Set<Binding>();
  /** What each function that always returns one value returns (joined over its returns). */
  const returnTypes = new Map<L.FunctionDeclaration, StaticType>();
  const returns = new Map<L.FunctionDeclaration, L.Expression[]>();
  let currentFunction: L.FunctionDeclaration | undefined;

  const local = (id: L.Identifier): Binding | undefined => {
    const b = a.refs.get(id);
    return b && b.kind === "local" ? b : undefined;
  };
  const isGlobal = (id: L.Identifier): boolean => a.refs.get(id)?.kind === "global";
  const addSource = (b: Binding, src: Source) => {
    let list = sources.get(b);
    if (!list) sources.set(b, (list = []));
    list.push(src);
  };
  const ANY: Source = () => "any";

  const fixedMath = (): boolean => {
    if (a.dynamicGlobals || !RUNTIME_GLOBALS.has("math")) return false;
    const g = a.globals.get("math");
    return (!g || g.assignments === 0) && !a.fieldAssignedGlobals.has("math");
  };

  const typeOf = (e: L.Expression): StaticType => {
    switch (e.type) {
      case "NumericLiteral": {
        const n = chunk.numbers.get(e)!;
        return n.kind === "float" ? "float" : typeof n.value === "number" ? "smallint" : "int";
      }
      case "StringLiteral":
        return "string";
      case "BooleanLiteral":
        return "boolean";
      case "Identifier": {
        const b = local(e);
        return b ? (types.get(b) ?? "any") : "any";
      }
      case "UnaryExpression": {
        const t = typeOf(e.argument);
        if (e.operator === "not") return "boolean";
        if (t === "bottom") return t;
        if (e.operator === "-") return isNumeric(t) ? t : "any";
        if (e.operator === "#") return t === "string" ? "smallint" : "any";
        return isNumeric(t) ? "int" : "any"; // ~
      }
      case "BinaryExpression":
        return binaryType(e.operator as string, typeOf(e.left), typeOf(e.right));
      case "LogicalExpression": {
        const l = typeOf(e.left);
        const r = typeOf(e.right);
        if (l === "bottom" || r === "bottom") return "bottom";
        // numbers and strings are never false: `x or y` is x, `x and y` is y
        const neverFalse = isNumeric(l) || l === "string";
        if (e.operator === "or") return neverFalse ? l : l === "boolean" && r === "boolean" ? "boolean" : "any";
        return neverFalse ? r : l === "boolean" && r === "boolean" ? "boolean" : "any";
      }
      case "CallExpression": {
        const base = e.base;
        const callee = base.type === "Identifier" ? local(base) : undefined;
        const fn = callee && callee.assignments === 0 ? callee.fnInfo : undefined;
        if (fn?.singleResult && fn.node?.type === "FunctionDeclaration") return returnTypes.get(fn.node) ?? "any";
        if (base.type === "MemberExpression" && base.indexer === "." && base.base.type === "Identifier" && base.base.name === "math" && isGlobal(base.base) && FLOAT_MATH.has(base.identifier.name) && fixedMath()) return "float";
        return "any";
      }
      case "MemberExpression":
        if (e.base.type === "Identifier" && e.base.name === "math" && isGlobal(e.base) && FLOAT_MATH_VALUES.has(e.identifier.name) && fixedMath()) return "float";
        return "any";
    }
    return "any";
  };

  // Collect what is assigned to each local, which locals are local functions called directly
  const visitExpr = (e: L.Expression | null | undefined): void => {
    if (!e) return;
    switch (e.type) {
      case "Identifier": {
        const b = local(e);
        if (b) escapes.add(b);
        return;
      }
      case "FunctionDeclaration":
        visitFunction(e);
        return;
      case "CallExpression":
      case "StringCallExpression":
      case "TableCallExpression": {
        const args = e.type === "CallExpression" ? e.arguments : e.type === "StringCallExpression" ? [e.argument] : [e.arguments];
        const b = e.base.type === "Identifier" ? local(e.base) : undefined;
        if (b) {
          let list = calls.get(b);
          if (!list) calls.set(b, (list = []));
          list.push(args);
        } else visitExpr(e.base);
        args.forEach(visitExpr);
        return;
      }
      case "TableConstructorExpression":
        for (const f of e.fields) {
          if (f.type === "TableKey") visitExpr(f.key);
          visitExpr(f.value);
        }
        return;
      case "BinaryExpression":
      case "LogicalExpression":
        visitExpr(e.left);
        visitExpr(e.right);
        return;
      case "UnaryExpression":
        visitExpr(e.argument);
        return;
      case "MemberExpression":
        visitExpr(e.base);
        return;
      case "IndexExpression":
        visitExpr(e.base);
        visitExpr(e.index);
    }
  };

  /** `targets = values` (local or assignment statement): each local target gets its source. */
  const assign = (targets: L.Expression[], values: L.Expression[], declared: boolean): void => {
    const lastMulti = values.length > 0 && isMulti(chunk, values[values.length - 1]);
    targets.forEach((t, i) => {
      if (t.type !== "Identifier") return;
      const b = local(t);
      if (!b) return;
      if (declared) rawCandidates.add(b);
      const v = values[i];
      if (v === undefined || (i === values.length - 1 && lastMulti)) addSource(b, ANY);
      else addSource(b, () => typeOf(v));
    });
  };

  const visitFunction = (f: L.FunctionDeclaration): void => {
    for (const p of f.parameters) if (p.type === "Identifier") notRaw.add(a.refs.get(p)!);
    const outer = currentFunction;
    currentFunction = f;
    returns.set(f, []);
    visitBlock(f.body);
    currentFunction = outer;
  };

  const visitBlock = (stmts: L.Statement[]): void => stmts.forEach(visitStatement);

  const visitStatement = (s: L.Statement): void => {
    switch (s.type) {
      case "LocalStatement":
        s.init.forEach(visitExpr);
        assign(s.variables, s.init, true);
        return;
      case "AssignmentStatement":
        s.init.forEach(visitExpr);
        for (const t of s.variables) if (t.type !== "Identifier") visitExpr(t);
        assign(s.variables, s.init, false);
        return;
      case "CallStatement":
        visitExpr(s.expression);
        return;
      case "FunctionDeclaration": {
        const id = s.identifier;
        if (id?.type === "Identifier") {
          const b = local(id);
          if (b) addSource(b, ANY);
        } else if (id) visitExpr(id.type === "MemberExpression" ? id.base : id);
        visitFunction(s);
        return;
      }
      case "ReturnStatement":
        s.arguments.forEach(visitExpr);
        if (currentFunction && s.arguments.length === 1) returns.get(currentFunction)!.push(s.arguments[0]);
        return;
      case "IfStatement":
        for (const c of s.clauses) {
          if (c.type !== "ElseClause") visitExpr(c.condition);
          visitBlock(c.body);
        }
        return;
      case "WhileStatement":
      case "RepeatStatement":
        visitExpr(s.condition);
        visitBlock(s.body);
        return;
      case "DoStatement":
        visitBlock(s.body);
        return;
      case "ForNumericStatement": {
        visitExpr(s.start);
        visitExpr(s.end);
        visitExpr(s.step);
        const b = a.refs.get(s.variable)!;
        notRaw.add(b);
        if (plainLoop(chunk, s)) addSource(b, () => "smallint");
        else {
          // forPrep: an integer loop when start and step are integers, else a float loop
          const step = s.step;
          addSource(b, () => {
            const start = typeOf(s.start);
            const by = step ? typeOf(step) : "smallint";
            if (start === "bottom" || by === "bottom") return "bottom";
            if (isInteger(start) && isInteger(by)) return "int";
            const numeric = isNumeric(start) && isNumeric(by) && isNumeric(typeOf(s.end));
            return numeric && (start === "float" || by === "float") ? "float" : "any";
          });
        }
        visitBlock(s.body);
        return;
      }
      case "ForGenericStatement":
        s.iterators.forEach(visitExpr);
        for (const v of s.variables) {
          const b = a.refs.get(v)!;
          notRaw.add(b);
          addSource(b, ANY);
        }
        visitBlock(s.body);
        return;
    }
  };
  visitBlock(chunk.body);
  for (const b of a.selfBindings.values()) addSource(b, ANY);
  if (a.chunkEnv) addSource(a.chunkEnv, ANY); // the global table before any assignment

  // Parameters: from the call sites of local functions that are only ever called directly
  for (const fn of a.functions.keys()) {
    if (fn.type !== "FunctionDeclaration") continue;
    const params = fn.parameters.filter((p): p is L.Identifier => p.type === "Identifier").map((p) => a.refs.get(p)!);
    const id = fn.identifier;
    const owner = fn.isLocal && id?.type === "Identifier" ? local(id) : undefined;
    const sites = owner && owner.fnInfo?.node === fn && owner.assignments === 0 && !escapes.has(owner) ? calls.get(owner) : undefined;
    params.forEach((p, i) => {
      if (!sites) return addSource(p, ANY);
      for (const args of sites) {
        const multiFrom = args.length > 0 && isMulti(chunk, args[args.length - 1]) ? args.length - 1 : Infinity;
        const arg = args[i];
        if (arg === undefined || i >= multiFrom) addSource(p, ANY);
        else addSource(p, () => typeOf(arg));
      }
      if (sites.length === 0) addSource(p, ANY);
    });
  }

  // Least fixed point from "bottom"
  for (const b of sources.keys()) types.set(b, "bottom");
  for (const fn of returns.keys()) returnTypes.set(fn, "bottom");
  for (let round = 0, changed = true; changed && round < 50; round++) {
    changed = false;
    for (const [fn, list] of returns) {
      let t: StaticType = "bottom";
      for (const r of list) t = join(t, typeOf(r));
      if (t !== returnTypes.get(fn)) {
        returnTypes.set(fn, t);
        changed = true;
      }
    }
    for (const [b, list] of sources) {
      let t: StaticType = "bottom";
      for (const src of list) t = join(t, src());
      if (t !== types.get(b)) {
        types.set(b, t);
        changed = true;
      }
    }
  }
  const rawFloats = new Set<Binding>();
  for (const [fn, t] of returnTypes) if (t === "bottom") returnTypes.set(fn, "any");
  for (const [b, t] of types) {
    if (t === "bottom") types.set(b, "any");
    else if (t === "float" && rawCandidates.has(b) && !notRaw.has(b)) rawFloats.add(b);
  }
  return { locals: types, rawFloats, exprType: (e) => (e.type === "VarargLiteral" ? "any" : typeOf(e)) };
}

/** The type of `l op r` (lvm.c's rules for the subtypes). */
function binaryType(op: string, l: StaticType, r: StaticType): StaticType {
  if (["==", "~=", "<", "<=", ">", ">="].includes(op)) return "boolean";
  if (l === "bottom" || r === "bottom") return "bottom";
  if (op === "..") return (isNumeric(l) || l === "string") && (isNumeric(r) || r === "string") ? "string" : "any";
  if (!isNumeric(l) || !isNumeric(r)) return "any";
  const float = l === "float" || r === "float";
  const ints = isInteger(l) && isInteger(r);
  switch (op) {
    case "+":
    case "-":
    case "*":
      return float ? "float" : ints ? "int" : "number";
    case "/":
    case "^":
      return "float";
    case "//":
      return float ? "float" : ints ? (l === "smallint" && r === "smallint" ? "smallint" : "int") : "number";
    case "%":
      // |a % b| < |b|
      return float ? "float" : ints ? (r === "smallint" ? "smallint" : "int") : "number";
    default:
      return "int"; // bitwise operators on numbers (or an error)
  }
}
