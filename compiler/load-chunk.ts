// The compiler inside a built program that uses `load`. compiler/bundle.ts adds this module
// (and with it parse, analyse and emit, but not prettier or esbuild) to such a program and
// registers it with the runtime (runtime/lua/load.ts setChunkCompiler). A loaded chunk is
// emitted as plain JavaScript and evaluated with `new Function`: its helpers come from the
// runtime's entry, its globals from the _ENV it is loaded with. Its positions are registered
// under a file name of its own, named in the code by `//# sourceURL`, so V8's stack frames
// map back to `[string "..."]:LINE:` as the bundle's do.
import { analyse } from "./analyse.ts";
import { functionDefinitions, namesTraceback } from "./debug-info.ts";
import { emitChunk } from "./emit/index.ts";
import type { Mapping } from "./emit/context.ts";
import { LuaSyntaxError, parse, type Chunk } from "./parse.ts";
import type { ChunkInfo } from "../runtime/lua/errors.ts";
import type { ChunkCompiler, LoadedChunk } from "../runtime/lua/load.ts";
import type { LuaFunction, LuaValue } from "../runtime/lua/value.ts";

/** What the compiled code needs of the runtime: its public entry, as a namespace object. */
export interface RuntimeEntry {
  registerChunk(info: ChunkInfo): void;
  keepStacksForHandlers(): void;
  readonly [helper: string]: unknown;
}

export interface LoadOptions {
  /** The program uses coroutines: loaded functions get generator twins too, so they can yield. */
  coroutines?: boolean;
}

/** `new Function` puts two lines before the body ("function anonymous($rt,$env\n) {"). */
const FUNCTION_HEADER_LINES = 2;

let serial = 0;

export function chunkCompiler(runtime: RuntimeEntry, options: LoadOptions = {}): ChunkCompiler {
  return (text, shortSrc, source) => {
    let chunk: Chunk;
    try {
      chunk = parse(text, shortSrc, { shebang: false });
    } catch (e) {
      if (e instanceof LuaSyntaxError) return `${e.file}:${e.line}: ${e.reason}`;
      throw e;
    }
    if (namesTraceback(chunk)) runtime.keepStacksForHandlers();
    let emitted;
    try {
      const analysis = analyse(chunk, { sharedGlobals: true, coroutines: options.coroutines });
      // analysis.functions holds the main chunk too: closures are the others
      emitted = { ...emitChunk(analysis, [], { plainJs: true }), closures: analysis.functions.size > 1, definitions: functionDefinitions(analysis) };
    } catch (e) {
      const line = (e as { node?: { loc?: { start: { line: number } } } }).node?.loc?.start.line;
      return `${shortSrc}:${line ?? 1}: ${(e as Error).message}`;
    }
    const file = `lua-load-${++serial}.js`;
    const factory = new Function("$rt", "$env", `${emitted.code}//# sourceURL=${file}\n`) as (rt: RuntimeEntry, env: LuaValue) => LuaFunction;
    runtime.registerChunk({ chunk: shortSrc, source, file, lines: lineTable(emitted.mappings), names: emitted.names, definitions: emitted.definitions, code: emitted.code });
    const loaded: LoadedChunk = { instantiate: (env) => factory(runtime, env), file, closures: emitted.closures };
    return loaded;
  };
}

/** The emitter's mappings as errors.ts reads them: V8 line (1-based) -> flat [jsCol, luaLine, luaCol, ...]. */
function lineTable(mappings: Mapping[]): number[][] {
  const table: number[][] = [];
  for (const m of mappings) (table[m.genLine + FUNCTION_HEADER_LINES] ??= []).push(m.genCol, m.line, m.col);
  for (let i = 0; i < table.length; i++) {
    const row = (table[i] ??= []);
    // sort the triples by column
    const triples: number[][] = [];
    for (let k = 0; k < row.length; k += 3) triples.push(row.slice(k, k + 3));
    triples.sort((a, b) => a[0] - b[0]);
    table[i] = triples.flat();
  }
  return table;
}
