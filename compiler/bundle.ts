// Bundling: the generated TypeScript plus the runtime become one ESM file for node, with no
// node_modules needed at run time. The generated code's positions are chained through
// esbuild's source map back to the Lua file, then turned into a compact table that the
// runtime reads when an error is raised (see runtime/lua/errors.ts). The table is put on the
// bundle's first line, so it exists before any code runs.
import { build } from "esbuild";
import { decode, encode, type SourceMapSegment } from "@jridgewell/sourcemap-codec";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileLua, type Compiled } from "./compile.ts";
import { designEntry } from "./design/embed.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (compiler/ in sources, lib/ when built): runtime/ sits beside it. */
const root = [resolve(here, ".."), resolve(here, "../..")].find((r) => basename(r) !== "lib") ?? resolve(here, "..");
export const RUNTIME_ENTRY = join(root, "runtime", "index.ts");

export const DEBUG_GLOBAL = "__QSYS2TS_DEBUG__";

export interface BundleResult {
  code: string;
  compiled: Compiled;
  /** Things worth telling the person building (e.g. controls used but no design file). */
  warnings: string[];
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

/** Compile and bundle a Lua file's source into one ESM program. */
export async function bundleLua(luaSource: string, luaPath: string, chunkName = basename(luaPath)): Promise<BundleResult> {
  const compiled = compileLua(luaSource, chunkName);
  const map = generatedSourceMap(compiled, luaPath, luaSource);
  const generated = compiled.code + `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`;
  const design = designEntry(compiled, luaPath, chunkName);
  const entry = [
    design.importChunk,
    `import { ${["registerChunk", "runMain", ...design.runtimeImports].join(", ")} } from "qsys2ts/runtime";`,
    `const debug = (globalThis as any).${DEBUG_GLOBAL};`,
    `registerChunk({ chunk: ${JSON.stringify(chunkName)}, file: import.meta.url, lines: debug.lines, names: debug.names });`,
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
    plugins: [
      {
        name: "qsys2ts-chunk",
        setup(build) {
          build.onResolve({ filter: /^\.\/__chunk__\.ts$/ }, () => ({ path: "__chunk__.ts", namespace: "qsys2ts-chunk" }));
          build.onLoad({ filter: /.*/, namespace: "qsys2ts-chunk" }, () => ({ contents: Buffer.from(generated, "latin1"), loader: "ts", resolveDir: dir }));
        },
      },
    ],
    logLevel: "silent",
    charset: "utf8",
    legalComments: "none",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".mjs"))!.text;
  const outMap = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map"))!.text);
  const debug = { lines: luaLineTable(outMap, luaPath), names: compiled.names };
  const code = `globalThis.${DEBUG_GLOBAL} = ${JSON.stringify(debug)};\n` + js;
  return { code, compiled, warnings: design.warnings };
}

/** Bundle line (1-based, +1 for the debug line) -> flat [jsCol, luaLine, luaCol, ...]. */
function luaLineTable(map: { sources: string[]; mappings: string }, luaPath: string): number[][] {
  const src = map.sources.findIndex((s) => resolve(s) === resolve(luaPath) || s.endsWith(basename(luaPath)));
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
