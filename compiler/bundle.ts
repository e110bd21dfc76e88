// Bundling: the generated TypeScript plus the runtime become one ESM file for node, with no
// node_modules needed at run time. The generated code's positions are chained through
// esbuild's source map back to the Lua file, then turned into a compact table that the
// runtime reads when an error is raised (see runtime/lua/errors.ts). The table is put on the
// bundle's first line, so it exists before any code runs.
import { build } from "esbuild";
import { decode, encode, type SourceMapSegment } from "@jridgewell/sourcemap-codec";
import { basename, dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileProgram, type Compiled } from "./compile.ts";
import { designEntry } from "./design/embed.ts";
import { collectProgram } from "./modules.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (compiler/ in sources, lib/ when built): runtime/ sits beside it. */
const root = [resolve(here, ".."), resolve(here, "../..")].find((r) => basename(r) !== "lib") ?? resolve(here, "..");
export const RUNTIME_ENTRY = join(root, "runtime", "index.ts");
/** The compiler as `load` uses it at run time (only in programs that use load). */
const LOAD_COMPILER = join(root, "compiler", "load-chunk.ts");
/** The WebSocket protocol client, the `ws` package (only in programs that name WebSocket). */
const WEBSOCKET_CLIENT = join(root, "runtime", "qsys", "websocket-client.ts");
/**
 * ws is CommonJS and requires Node's modules (events, https...), which an ESM bundle can only
 * do through a real `require`. Its optional native helpers are never bundled: ws tries them
 * inside try/catch and works without them.
 */
const REQUIRE_BANNER = `import { createRequire as __qsys2tsCreateRequire } from "node:module"; const require = __qsys2tsCreateRequire(import.meta.url);`;
const OPTIONAL_NATIVE = ["bufferutil", "utf-8-validate"];

export const DEBUG_GLOBAL = "__QSYS2TS_DEBUG__";

export interface BundleResult {
  code: string;
  /** The main chunk's compilation. */
  compiled: Compiled;
  /** Things worth telling the person building (e.g. controls used but no design file). */
  warnings: string[];
  /** Literal module names found neither built in nor beside the script (require fails at run time). */
  missingModules: string[];
}

/** A V3 source map for the generated TypeScript, from the emitter's mappings. */
function generatedSourceMap(compiled: Compiled, luaFile: string, luaSource: string): string {
  const lines: SourceMapSegment[][] = [];
  for (const m of compiled.mappings) {
    (lines[m.genLine] ??= []).push([m.genCol, 0, m.line - 1, m.col]);
  }
  for (let i = 0; i < lines.length; i++) lines[i] ??= [];
  for (const l of lines) l.sort((a, b) => a[0] - b[0]);
  return JSON.stringify({ version: 3, sources: [luaFile], sourcesContent: [luaSource], names: [], mappings: encode(lines) });
}

const CHUNK_NAMESPACE = "qsys2ts-chunk";

/** Compile and bundle a Lua file's source, with the Lua modules it requires, into one ESM program. */
export async function bundleLua(luaSource: string, luaPath: string, chunkName = basename(luaPath)): Promise<BundleResult> {
  const program = collectProgram(luaSource, luaPath, chunkName);
  const chunks = compileProgram(program);
  // Generated files live in a virtual namespace, keyed by their output path ("main.ts", "a/b.ts").
  const generated = new Map<string, string>();
  for (const { chunk, compiled } of chunks) {
    const map = generatedSourceMap(compiled, chunk.path, chunk.source);
    generated.set(chunk.tsPath, compiled.code + `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`);
  }
  const main = chunks[0].chunk;
  const usesDesign = chunks.some((c) => c.compiled.usesDesign);
  const design = designEntry(chunks[0].compiled, luaPath, chunkName, "./" + main.tsPath, usesDesign);
  const usesLoad = chunks.some((c) => c.compiled.usesLoad);
  const usesTraceback = chunks.some((c) => c.compiled.usesTraceback);
  // The word anywhere in a chunk's text (also in strings given to load or indexing _G): the
  // program may reach WebSocket, so it carries the client.
  const usesWebSocket = chunks.some((c) => c.chunk.source.includes("WebSocket"));
  const entry = [
    ...(usesWebSocket ? [`import ${JSON.stringify(WEBSOCKET_CLIENT)};`] : []),
    design.importChunk,
    `import { ${["registerChunk", "runMain", ...(usesTraceback ? ["keepStacksForHandlers"] : []), ...design.runtimeImports].join(", ")} } from "qsys2ts/runtime";`,
    ...(usesTraceback ? ["keepStacksForHandlers();"] : []),
    ...(usesLoad ? loadCompiler(chunks.some((c) => c.compiled.usesCoroutines)) : []),
    `const debug = (globalThis as any).${DEBUG_GLOBAL};`,
    `for (const c of debug.chunks) registerChunk({ chunk: c.chunk, file: import.meta.url, lines: c.lines, names: c.names, definitions: c.definitions });`,
    `runMain(${design.main}, import.meta.url);`,
  ].join("\n");
  const dir = dirname(resolve(luaPath));
  const result = await build({
    stdin: { contents: entry, loader: "ts", resolveDir: dir, sourcefile: "__entry__.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    sourcemap: "external",
    outfile: join(dir, "__bundle__.mjs"),
    alias: { "qsys2ts/runtime": RUNTIME_ENTRY },
    ...(usesWebSocket ? { banner: { js: REQUIRE_BANNER }, external: OPTIONAL_NATIVE } : {}),
    plugins: [
      {
        name: "qsys2ts-chunk",
        setup(build) {
          build.onResolve({ filter: /^\.\.?\// }, (args) => {
            const fromEntry = args.importer === "<stdin>" || args.importer.endsWith("__entry__.ts");
            if (args.namespace !== CHUNK_NAMESPACE && !fromEntry) return undefined;
            const base = args.namespace === CHUNK_NAMESPACE ? posix.dirname(args.importer) : ".";
            const path = posix.normalize(posix.join(base, args.path));
            return generated.has(path) ? { path, namespace: CHUNK_NAMESPACE } : undefined;
          });
          build.onLoad({ filter: /.*/, namespace: CHUNK_NAMESPACE }, (args) => ({
            contents: Buffer.from(generated.get(args.path)!, "latin1"),
            loader: "ts",
            resolveDir: dir,
          }));
        },
      },
    ],
    logLevel: "silent",
    charset: "utf8",
    legalComments: "none",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".mjs"))!.text;
  const outMap = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map"))!.text);
  const debug = {
    chunks: chunks.map(({ chunk, compiled }) => ({ chunk: chunk.chunkName, lines: luaLineTable(outMap, dir, chunk.path), names: compiled.names, definitions: compiled.definitions })),
  };
  const code = `globalThis.${DEBUG_GLOBAL} = ${JSON.stringify(debug)};\n` + js;
  const warnings = [...design.warnings, ...program.missing.map((n) => `module '${n}' is neither built in nor beside the script: require("${n}") fails at run time unless the script fills package.preload["${n}"]`)];
  return { code, compiled: chunks[0].compiled, warnings, missingModules: program.missing };
}

/** Entry lines giving `load` its compiler: the whole runtime entry, since loaded code may use any helper. */
function loadCompiler(coroutines: boolean): string[] {
  return [
    `import * as $runtime from "qsys2ts/runtime";`,
    `import { chunkCompiler } from ${JSON.stringify(LOAD_COMPILER)};`,
    `$runtime.setChunkCompiler(chunkCompiler($runtime, { coroutines: ${coroutines} }));`,
  ];
}

/** Bundle line (1-based, +1 for the debug line) -> flat [jsCol, luaLine, luaCol, ...]. */
function luaLineTable(map: { sources: string[]; mappings: string }, outDir: string, luaPath: string): number[][] {
  // esbuild names sources relative to the output file's directory.
  const src = map.sources.findIndex((s) => resolve(outDir, s) === resolve(luaPath));
  const decoded = decode(map.mappings);
  const table: number[][] = [[]]; // the debug line itself
  for (const line of decoded) {
    const row: number[] = [];
    for (const seg of line) {
      if (seg.length >= 4 && seg[1] === src) row.push(seg[0], seg[2]! + 1, seg[3]!);
    }
    table.push(row);
  }
  while (table.length && table[table.length - 1].length === 0) table.pop();
  return table;
}
