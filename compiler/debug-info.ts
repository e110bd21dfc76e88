// What debug.getinfo needs of a chunk beyond positions (runtime/lua/debug.ts): for each
// function, keyed by where it starts (as the emitter maps its `function` keyword), its last
// line, its number of parameters and whether it takes `...`.
import type { Analysis } from "./analyse.ts";
import type { L } from "./parse.ts";

/** "line:col" of a function -> [lastlinedefined, nparams, isvararg (1/0)]. */
export type FunctionDefinitions = Record<string, number[]>;

export function functionDefinitions(analysis: Analysis): FunctionDefinitions {
  const out: FunctionDefinitions = {};
  for (const [node, info] of analysis.functions) {
    if (node.type !== "FunctionDeclaration" || !node.loc) continue;
    const fn = node as L.FunctionDeclaration;
    const params = fn.parameters.filter((p) => p.type === "Identifier").length + (analysis.selfBindings.has(fn) ? 1 : 0);
    out[`${node.loc.start.line}:${node.loc.start.column}`] = [node.loc.end.line, params, info.isVararg ? 1 : 0];
  }
  return out;
}
