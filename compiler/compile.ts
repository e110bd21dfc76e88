// The pipeline, one way: Lua source -> parse -> analyse -> emit -> (format). Used by the CLI,
// the bundler and the tests.
import { analyse } from "./analyse.ts";
import { functionDefinitions, namesTraceback, type FunctionDefinitions } from "./debug-info.ts";
import { emitChunk, type Emitted, type ModuleImport } from "./emit/index.ts";
import { formatTypeScript } from "./format.ts";
import { isPlugin, usesDesign } from "./design/plugin.ts";
import { collectProgram, importPath, type Program, type ProgramChunk } from "./modules.ts";
import { parse, type Chunk } from "./parse.ts";

export interface Compiled extends Emitted {
  chunkName: string;
  /** The chunk defines GetControls: a plugin (its controls come from its design-time functions). */
  plugin: boolean;
  /** The chunk uses Controls, Component, NamedControl or Properties, or is a plugin. */
  usesDesign: boolean;
  /** The chunk can reach load, loadfile or dofile (the global, or its name as a string where globals are a table): the bundle needs the compiler. */
  usesLoad: boolean;
  /** The chunk uses coroutines (its functions have generator twins). */
  usesCoroutines: boolean;
  /** Each function's last line and parameters, for debug.getinfo. */
  definitions: FunctionDefinitions;
  /** The chunk names debug.traceback: xpcall keeps the stacks of the errors it catches. */
  usesTraceback: boolean;
}

export interface CompileOptions {
  /** Globals are shared with other chunks (a program with Lua modules): they live in the global table. */
  sharedGlobals?: boolean;
  /** Lua modules this chunk imports and registers for require. */
  modules?: ModuleImport[];
}

/** Compile a Lua chunk (a byte string, one char per byte) to unformatted TypeScript with mappings. */
export function compileLua(source: string, chunkName: string, options: CompileOptions = {}): Compiled {
  return compileChunk(parse(source, chunkName), options);
}

/** Compile an already parsed chunk. */
export function compileChunk(chunk: Chunk, options: CompileOptions = {}): Compiled {
  const analysis = analyse(chunk, { sharedGlobals: options.sharedGlobals });
  const usesLoad = LOADERS.some((name) => analysis.globals.has(name) || (analysis.dynamicGlobals && mentionsString(chunk.body, name)));
  return { ...emitChunk(analysis, options.modules ?? []), chunkName: chunk.name, plugin: isPlugin(analysis), usesDesign: usesDesign(analysis), usesLoad, usesCoroutines: analysis.usesCoroutines, definitions: functionDefinitions(analysis), usesTraceback: namesTraceback(chunk) };
}

/** Compile to readable, prettier-formatted TypeScript (no mappings: prettier moves code). */
export async function compileToReadableTs(source: string, chunkName: string, options: CompileOptions = {}): Promise<string> {
  return formatTypeScript(compileLua(source, chunkName, options).code);
}

/** Format an already compiled chunk. */
export async function formatCompiled(compiled: Compiled): Promise<string> {
  return formatTypeScript(compiled.code);
}

export interface CompiledChunk {
  chunk: ProgramChunk;
  compiled: Compiled;
}

/**
 * Compile a script and its Lua modules (see modules.ts). With modules, every chunk keeps its
 * globals in the shared global table, as the chunks of one Lua state do.
 */
export function compileProgram(program: Program): CompiledChunk[] {
  const sharedGlobals = program.chunks.length > 1 || touchesJsonGlobal(program);
  return program.chunks.map((chunk) => {
    const modules = chunk.requires.map((m) => ({ file: m.file!, importPath: importPath(chunk.tsPath, m.tsPath) }));
    return { chunk, compiled: compileChunk(chunk.parsed, { sharedGlobals, modules }) };
  });
}

/** JSON4Lua's decode assigns the global `object` (runtime/qsys/json.ts): a script naming it must see it. */
function touchesJsonGlobal(program: Program): boolean {
  return program.builtins.includes("json") && program.chunks.some((c) => mentions(c.parsed.body, "object"));
}

/** The base functions that compile Lua at run time. */
const LOADERS = ["load", "loadfile", "dofile"];

function mentionsString(node: unknown, value: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentionsString(n, value));
  if (!node || typeof node !== "object") return false;
  const n = node as Record<string, unknown>;
  if (n.type === "StringLiteral" && n.value === value) return true;
  for (const key in n) if (key !== "loc" && key !== "range" && typeof n[key] === "object" && mentionsString(n[key], value)) return true;
  return false;
}

function mentions(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => mentions(n, name));
  if (!node || typeof node !== "object") return false;
  const n = node as Record<string, unknown>;
  if (n.type === "Identifier" && n.name === name) return true;
  for (const key in n) if (key !== "loc" && key !== "range" && typeof n[key] === "object" && mentions(n[key], name)) return true;
  return false;
}

/** Readable TypeScript for a script and each of its modules: [path relative to the output dir, text]. */
export async function compileFileToReadableTs(source: string, path: string, chunkName?: string): Promise<[string, string][]> {
  const chunks = compileProgram(collectProgram(source, path, chunkName));
  return Promise.all(chunks.map(async ({ chunk, compiled }) => [chunk.tsPath, await formatCompiled(compiled)] as [string, string]));
}
