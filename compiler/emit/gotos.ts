// Blocks holding goto labels. Each label gives at most two regions of its block: the
// statements from the first forward goto up to the label become a labelled block left by
// `break L`, and the statements from the label to the last backward goto become a labelled
// loop re-entered by `continue L`. When the regions of a block nest, that is all the output
// needs. When they cross (jumps that interleave), the block becomes a loop around a switch
// with one case per label, and `goto` sets the state and continues the loop.
// (The `goto continue` idiom at the end of a loop body is a plain `continue`: loops.ts.)
import type { L } from "../parse.ts";
import { rangeOf } from "../parse.ts";
import { declaredType, placeholder } from "./numbers.ts";
import type { EmitContext } from "./context.ts";
import type { Binding } from "../analyse.ts";
import { statementWithComments } from "./statements.ts";

interface Region {
  /** Statement indexes [from, to) of the block. */
  from: number;
  to: number;
  label: L.LabelStatement;
  gotos: L.GotoStatement[];
  kind: "forward" | "backward";
}

export function labelledBlock(ctx: EmitContext, stmts: L.Statement[]): void {
  const regions: Region[] = [];
  const labels: number[] = [];
  stmts.forEach((s, i) => {
    if (s.type !== "LabelStatement") return;
    const gotos = gotosTo(ctx, s);
    if (gotos.length === 0) return;
    labels.push(i);
    const forward = gotos.filter((g) => !ctx.analysis.gotos.get(g)!.backward);
    const backward = gotos.filter((g) => ctx.analysis.gotos.get(g)!.backward);
    const holding = (g: L.GotoStatement) => stmts.findIndex((x) => contains(x, g));
    if (forward.length) regions.push({ from: Math.min(...forward.map(holding)), to: i, label: s, gotos: forward, kind: "forward" });
    if (backward.length) {
      // a local declared in the loop and used after it keeps the loop open to the block's end
      let to = Math.max(...backward.map(holding)) + 1;
      if (usedAfter(ctx, stmts, i + 1, to)) to = stmts.length;
      regions.push({ from: i + 1, to, label: s, gotos: backward, kind: "backward" });
    }
  });
  if (!nested(regions)) return stateMachine(ctx, stmts, labels);
  regions.sort((a, b) => a.from - b.from || b.to - a.to);
  structured(ctx, stmts, 0, stmts.length, regions);
}

/** Gotos to a label, but those that are a loop's `continue`. */
function gotosTo(ctx: EmitContext, label: L.LabelStatement): L.GotoStatement[] {
  const out: L.GotoStatement[] = [];
  for (const [g, t] of ctx.analysis.gotos) if (t.label === label && !ctx.continueGotos.has(g)) out.push(g);
  return out;
}

/** A local declared by stmts[from, to) is referenced by a statement after them. */
function usedAfter(ctx: EmitContext, stmts: L.Statement[], from: number, to: number): boolean {
  const declared = new Set<Binding>();
  for (let i = from; i < to; i++) {
    const s = stmts[i];
    if (s.type === "LocalStatement") for (const v of s.variables) declared.add(ctx.binding(v));
    else if (s.type === "FunctionDeclaration" && s.isLocal && s.identifier?.type === "Identifier") declared.add(ctx.binding(s.identifier));
  }
  if (declared.size === 0) return false;
  const refers = (n: unknown): boolean => {
    if (Array.isArray(n)) return n.some(refers);
    if (!n || typeof n !== "object") return false;
    const node = n as L.Node;
    if (node.type === "Identifier") {
      const b = ctx.analysis.refs.get(node as L.Identifier);
      return b !== undefined && declared.has(b);
    }
    for (const key in node) if (key !== "loc" && key !== "range" && refers((node as unknown as Record<string, unknown>)[key])) return true;
    return false;
  };
  return refers(stmts.slice(to));
}

function contains(outer: L.Node, inner: L.Node): boolean {
  const [a, b] = rangeOf(outer);
  const [c, d] = rangeOf(inner);
  return a <= c && d <= b;
}

/** Every two regions are disjoint or one holds the other. */
function nested(regions: Region[]): boolean {
  for (const a of regions) {
    for (const b of regions) {
      const disjoint = a.to <= b.from || b.to <= a.from;
      const holds = (x: Region, y: Region) => x.from <= y.from && y.to <= x.to;
      if (!disjoint && !holds(a, b) && !holds(b, a)) return false;
    }
  }
  return true;
}

/** Emit stmts[from, to) with `regions` (sorted outermost first, all inside the range). */
function structured(ctx: EmitContext, stmts: L.Statement[], from: number, to: number, regions: Region[]): void {
  const w = ctx.writer;
  let r = 0;
  for (let i = from; i < to; ) {
    const region = regions[r];
    if (!region || region.from !== i) {
      statementWithComments(ctx, stmts[i++]);
      continue;
    }
    let end = r + 1;
    while (end < regions.length && regions[end].from < region.to) end++;
    const inner = regions.slice(r + 1, end);
    const name = ctx.label(region.label.label.name);
    if (region.kind === "forward") {
      for (const g of region.gotos) ctx.gotoJs.set(g, `break ${name};`);
      w.write(`${name}: `).inlineBlock(() => structured(ctx, stmts, region.from, region.to, inner));
    } else {
      for (const g of region.gotos) ctx.gotoJs.set(g, `continue ${name};`);
      ctx.wrapper(1);
      w.write(`${name}: while (true) `).inlineBlock(() => {
        structured(ctx, stmts, region.from, region.to, inner);
        w.writeLine(`break ${name};`);
      });
      ctx.wrapper(-1);
    }
    w.newLine();
    i = region.to;
    r = end;
  }
}

/**
 * Crossing jumps: `for (;;) switch (state)`, one case per label, falling through so the
 * block still runs top to bottom. The block's locals are declared ahead of the loop (a jump
 * back must find them initialised, which `let` inside a case would not be).
 */
function stateMachine(ctx: EmitContext, stmts: L.Statement[], labels: number[]): void {
  const w = ctx.writer;
  const state = ctx.temp();
  const name = ctx.label("jump");
  labels.forEach((li, k) => {
    for (const g of gotosTo(ctx, stmts[li] as L.LabelStatement)) ctx.gotoJs.set(g, `{ ${state} = ${k + 1}; continue ${name}; }`);
  });
  const locals = stmts.flatMap((s) => (s.type === "LocalStatement" ? s.variables.map((v) => ctx.binding(v)) : []));
  for (const b of locals) ctx.hoisted.add(b);
  if (locals.length) w.writeLine(`let ${locals.map((b) => `${b.jsName}${ctx.ty(`: ${declaredType(ctx, b)}`)}${placeholder(ctx, b)}`).join(", ")};`);
  w.writeLine(`${state} = 0;`);
  ctx.wrapper(1);
  w.write(`${name}: for (;;) `).inlineBlock(() => {
    w.write(`switch (${state}) `).inlineBlock(() => {
      w.writeLine("case 0:");
      w.indent(() => {
        for (let i = 0; i < labels[0]; i++) statementWithComments(ctx, stmts[i]);
      });
      labels.forEach((li, k) => {
        w.writeLine(`case ${k + 1}: // ::${(stmts[li] as L.LabelStatement).label.name}::`);
        const end = k + 1 < labels.length ? labels[k + 1] : stmts.length;
        w.indent(() => {
          for (let i = li + 1; i < end; i++) statementWithComments(ctx, stmts[i]);
        });
      });
    });
    w.writeLine(`break ${name};`);
  });
  ctx.wrapper(-1);
  w.newLine();
}
