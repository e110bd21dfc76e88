// The emitter's entry: a chunk becomes a module whose default export runs the chunk.
// Globals (when the program never reaches the global table as a value) are module-level
// variables; runtime globals never assigned are the runtime's own bindings, imported by name.
import type { Analysis } from "../analyse.ts";
import { EmitContext, type Mapping } from "./context.ts";
import { functionBody, varargsName } from "./functions.ts";
import { block, leadingComments } from "./statements.ts";
import { PLUGIN_GLOBALS } from "./globals.ts";
import { isPlugin } from "../design/plugin.ts";

export interface Emitted {
  code: string;
  mappings: Mapping[];
  /** "line:col" -> operand descriptions for runtime error messages. */
  names: Record<string, string[]>;
}

export const RUNTIME_MODULE = "qsys2ts/runtime";

/** A Lua module a chunk requires: its file name for require ("./util.lua") and its generated file. */
export interface ModuleImport {
  file: string;
  importPath: string;
}

export function emitChunk(analysis: Analysis, modules: ModuleImport[] = [], options: { plainJs?: boolean } = {}): Emitted {
  const ctx = new EmitContext(analysis, options);
  ctx.rt("LuaValue");
  const body = functionBody(ctx, analysis.main, () => {
    const env = analysis.chunkEnv;
    if (env) ctx.writer.writeLine(`let ${env.jsName}${ctx.ty(": LuaValue")} = ${ctx.rt("G")};`);
    block(ctx, analysis.chunk.body);
    leadingComments(ctx, Infinity);
  });
  if (ctx.plainJs) return plainJsChunk(ctx, body, analysis.usesCoroutines ? mainTwin(ctx, analysis) : undefined);
  const lines: string[] = [];
  const pluginAccess = pluginGlobals(ctx); // before the import list: it may import G
  lines.push(`// Compiled from ${analysis.chunk.name} by qsys2ts. Lua semantics come from the runtime's helpers.`);
  const registerModule = modules.length ? ctx.rt("registerModule") : "";
  const imports = ctx.importList().map(([name, local]) => (name === local ? name : `${name} as ${local}`));
  const typeOnly = new Set(["LuaValue"]);
  const specifiers = imports.map((s) => (typeOnly.has(s) ? `type ${s}` : s));
  lines.push(`import { ${specifiers.join(", ")} } from "${RUNTIME_MODULE}";`);
  // The Lua modules this chunk requires, registered for require before any chunk runs.
  const moduleNames = uniqueNames(modules.map((m) => "$mod_" + m.file.replace(/^\.\//, "").replace(/\.lua$/, "").replace(/[^A-Za-z0-9_]/g, "_")));
  modules.forEach((m, i) => lines.push(`import ${moduleNames[i]} from ${JSON.stringify(m.importPath)};`));
  modules.forEach((m, i) => lines.push(`${registerModule}(${JSON.stringify(m.file)}, ${moduleNames[i]});`));
  lines.push("");
  if (ctx.moduleGlobals.size) {
    for (const [name, init] of ctx.moduleGlobals) lines.push(`let ${name}${ctx.ty(": LuaValue")}${init ? ` = ${init}` : ""};`);
    lines.push("");
  }
  lines.push(`export default function main(...${varargsName(ctx)}: LuaValue[]): LuaValue {`);
  const text = lines.join("\n") + "\n" + body + "}\n" + pluginAccess;
  const { code, mappings } = ctx.takeMappings(ctx.resolveLoopLabels(text));
  return { code, mappings, names: ctx.names };
}

/**
 * A chunk as plain JavaScript, the body of `new Function("$rt", "$env", code)` (see
 * compiler/load-chunk.ts): runtime helpers come from `$rt`, the global table is `$env` (the
 * chunk's _ENV), and it returns the chunk's main function.
 */
function plainJsChunk(ctx: EmitContext, body: string, twin: string | undefined): Emitted {
  if (twin) ctx.rt("withCo");
  const env = ctx.importList().find(([name]) => name === "G")?.[1];
  const helpers = ctx.importList().filter(([name]) => name !== "LuaValue" && name !== "G").map(([name, local]) => (name === local ? name : `${name}: ${local}`));
  const lines = [`"use strict";`, `const { ${helpers.join(", ")} } = $rt;`];
  if (env) lines.push(`const ${env} = $env;`);
  for (const [name, init] of ctx.moduleGlobals) lines.push(`let ${name}${init ? ` = ${init}` : ""};`);
  const main = `function main(...${varargsName(ctx)}) {\n${body}}`;
  const text = twin ? `return ${ctx.rt("withCo")}(${main}, function* (...${varargsName(ctx)}) {\n${twin}});\n` : `return ${main};\n`;
  const { code, mappings } = ctx.takeMappings(ctx.resolveLoopLabels(lines.join("\n") + "\n" + text));
  return { code, mappings, names: ctx.names };
}

/** The generator twin of a loaded chunk's main function: coroutine.wrap(load(...)) may yield. */
function mainTwin(ctx: EmitContext, analysis: Analysis): string {
  ctx.co = true;
  const twin = functionBody(ctx, analysis.main, () => block(ctx, analysis.chunk.body));
  ctx.co = false;
  return twin;
}

/**
 * A plugin's module also exports how to read the globals it defines for Designer, so the
 * runtime can run its design-time functions after the chunk ran (static globals are
 * module variables nothing else can reach).
 */
function pluginGlobals(ctx: EmitContext): string {
  const a = ctx.analysis;
  if (!isPlugin(a)) return "";
  const head = `\n/** The globals this plugin defines for Designer (PluginInfo, GetControls...), read by the runtime. */\nexport function pluginGlobal(name: string): LuaValue {\n`;
  if (a.dynamicGlobals) return head + `  return ${ctx.rt("G")}.get(name);\n}\n`;
  const cases = PLUGIN_GLOBALS.filter((n) => (a.globals.get(n)?.assignments ?? 0) > 0).map((n) => `    case ${JSON.stringify(n)}:\n      return ${ctx.globalName(n)};\n`);
  return head + `  switch (name) {\n${cases.join("")}  }\n  return undefined;\n}\n`;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 2; seen.has(name); i++) name = `${n}_${i}`;
    seen.add(name);
    return name;
  });
}
