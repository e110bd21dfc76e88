// What debug.getinfo needs of a chunk beyond positions (runtime/lua/debug.ts): for each
// function, keyed by where it starts (as the emitter maps its `function` keyword), its last
// line, its number of parameters, whether it takes `...`, and how many upvalues Lua would
// give it (the outer locals it or its nested functions use, and _ENV if they use a global).
import type { Analysis, Binding, FunctionInfo } from "./analyse.ts";
import type { Chunk, L } from "./parse.ts";

/**
 * The chunk names `traceback` (debug.traceback, or the string): xpcall then keeps the stack
 * of the errors it catches, for a message handler's traceback (runtime/lua/errors.ts).
 */
export function namesTraceback(chunk: Chunk): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (!node || typeof node !== "object") return false;
    const n = node as Record<string, unknown>;
    if ((n.type === "Identifier" && n.name === "traceback") || (n.type === "StringLiteral" && n.value === "traceback")) return true;
    for (const key in n) if (key !== "loc" && key !== "range" && typeof n[key] === "object" && visit(n[key])) return true;
    return false;
  };
  return visit(chunk.body);
}

/** "line:col" of a function -> [lastlinedefined, nparams, isvararg (1/0), nups]. */
export type FunctionDefinitions = Record<string, number[]>;

export function functionDefinitions(analysis: Analysis): FunctionDefinitions {
  const upvalues = upvaluesOf(analysis);
  const out: FunctionDefinitions = {};
  for (const [node, info] of analysis.functions) {
    if (node.type !== "FunctionDeclaration" || !node.loc) continue;
    const fn = node as L.FunctionDeclaration;
    const params = fn.parameters.filter((p) => p.type === "Identifier").length + (analysis.selfBindings.has(fn) ? 1 : 0);
    out[`${node.loc.start.line}:${node.loc.start.column}`] = [node.loc.end.line, params, info.isVararg ? 1 : 0, upvalues.get(info)?.size ?? 0];
  }
  return out;
}

/** Each function's upvalues: the bindings of enclosing functions it reaches ("_ENV" for globals). */
function upvaluesOf(analysis: Analysis): Map<FunctionInfo, Set<Binding | "_ENV">> {
  const out = new Map<FunctionInfo, Set<Binding | "_ENV">>();
  const stack: FunctionInfo[] = [analysis.main];
  const capture = (upvalue: Binding | "_ENV", declaredIn: FunctionInfo) => {
    for (let i = stack.length - 1; i >= 0 && stack[i] !== declaredIn; i--) {
      let set = out.get(stack[i]);
      if (!set) out.set(stack[i], (set = new Set()));
      set.add(upvalue);
    }
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as L.Node;
    const fn = n.type === "FunctionDeclaration" ? analysis.functions.get(n) : undefined;
    if (n.type === "Identifier") {
      const b = analysis.refs.get(n);
      if (b?.kind === "local" && b.fn) capture(b, b.fn);
      else if (b?.kind === "global") capture("_ENV", analysis.main);
    }
    const fields = n as unknown as Record<string, unknown>;
    if (fn) {
      visit(fields.identifier); // `function t.m()` names t where the function is defined
      stack.push(fn);
    }
    for (const key in n) if (key !== "loc" && key !== "range" && !(fn && key === "identifier")) visit(fields[key]);
    if (fn) stack.pop();
  };
  visit(analysis.chunk.body);
  return out;
}
