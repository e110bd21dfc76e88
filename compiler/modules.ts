// A program's Lua modules: the files its `require("literal")` calls name, found as lua5.3 finds
// them when run from the script's directory with package.path "./?.lua;./?/init.lua"
// (`a.b` is ./a/b.lua or ./a/b/init.lua), followed transitively. Each becomes a chunk of its
// own in the bundle; the runtime's require (runtime/lua/package.ts) loads it from there.
//
// Not done here: requires whose argument is not a string literal (the runtime can still load
// any module bundled for another require, and the built-in ones), and paths a script adds to
// package.path itself.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, posix, resolve, sep } from "node:path";
import { parse, type Chunk, type L } from "./parse.ts";
import { stringValue } from "./emit/context.ts";
import { BUILTIN_MODULES } from "./emit/globals.ts";

export interface ProgramChunk {
  /** Absolute path of the Lua file. */
  path: string;
  /** The name in error messages: the script's base name, or the module file as lua5.3 names it ("./a/b.lua"). */
  chunkName: string;
  /** For a module, the file name require finds it under ("./a/b.lua"); undefined for the main chunk. */
  file: string | undefined;
  /** Where its TypeScript goes, relative to the output directory ("a/b.ts"). */
  tsPath: string;
  source: string;
  parsed: Chunk;
  /** The modules this chunk requires by literal name that were found (files, deduplicated). */
  requires: ProgramChunk[];
}

export interface Program {
  /** The main chunk first, then every module reached from it. */
  chunks: ProgramChunk[];
  /** Built-in modules required by literal name ("rapidjson", "json"). */
  builtins: string[];
  /** Literal module names that are neither built in nor found beside the script. */
  missing: string[];
}

/** The path templates searched, as package.path (runtime/lua/package.ts DEFAULT_PATH). */
const TEMPLATES = ["./?.lua", "./?/init.lua"];

/** Lua source as a byte string (one char per byte). */
export function readLuaFile(path: string): string {
  return readFileSync(path).toString("latin1");
}

/** Parse the main script and every module it requires (by literal name), transitively. */
export function collectProgram(source: string, path: string, chunkName = basename(path)): Program {
  const root = dirname(resolve(path));
  const mainTs = basename(path, extname(path)) + ".ts";
  const main: ProgramChunk = { path: resolve(path), chunkName, file: undefined, tsPath: mainTs, source, parsed: parse(source, chunkName), requires: [] };
  const byFile = new Map<string, ProgramChunk>();
  const missing = new Set<string>();
  const builtins = new Set<string>();
  const chunks = [main];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    for (const name of literalRequires(chunk.parsed)) {
      if (BUILTIN_MODULES.has(name)) {
        builtins.add(name);
        continue;
      }
      const file = findModule(root, name);
      if (file === undefined) {
        missing.add(name);
        continue;
      }
      let mod = byFile.get(file);
      if (!mod) {
        const abs = diskPath(root, file);
        const src = readLuaFile(abs);
        let tsPath = file.slice(2).replace(/\.lua$/, ".ts");
        if (tsPath === mainTs) tsPath = tsPath.replace(/\.ts$/, ".module.ts");
        mod = { path: abs, chunkName: file, file, tsPath, source: src, parsed: parse(src, file), requires: [] };
        byFile.set(file, mod);
        chunks.push(mod);
      }
      if (!chunk.requires.includes(mod)) chunk.requires.push(mod);
    }
  }
  return { chunks, builtins: [...builtins], missing: [...missing] };
}

/** The file require(name) finds, as "./a/b.lua", or undefined. */
function findModule(root: string, name: string): string | undefined {
  const n = name.split(".").join("/");
  for (const t of TEMPLATES) {
    const file = t.split("?").join(n);
    const abs = diskPath(root, file);
    // Stay beside the script: "../x" in a module name does not climb out.
    if (!abs.startsWith(root + sep)) continue;
    if (existsSync(abs) && statSync(abs).isFile()) return file;
  }
  return undefined;
}

/** A file name as Lua spells it (bytes, normally UTF-8) -> the path on disk. */
function diskPath(root: string, file: string): string {
  return join(root, ...Buffer.from(file.slice(2), "latin1").toString("utf8").split("/"));
}

/** Module names of `require "x"` / `require("x")` / `pcall(require, "x")` calls in a chunk, in source order. */
function literalRequires(chunk: Chunk): string[] {
  const names: string[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (!n || typeof n !== "object") return;
    const node = n as L.Node;
    const arg = requireArgument(node);
    if (arg !== undefined && !names.includes(arg)) names.push(arg);
    for (const key in node) if (key !== "loc" && key !== "range") visit((node as unknown as Record<string, unknown>)[key]);
  };
  visit(chunk.body);
  return names;
}

function requireArgument(node: L.Node): string | undefined {
  if (node.type === "CallExpression" && isRequire(node.base) && node.arguments[0]?.type === "StringLiteral") return stringValue(node.arguments[0]);
  // pcall(require, "optional")
  if (node.type === "CallExpression" && node.base.type === "Identifier" && node.base.name === "pcall" && node.arguments[0] && isRequire(node.arguments[0]) && node.arguments[1]?.type === "StringLiteral")
    return stringValue(node.arguments[1]);
  if (node.type === "StringCallExpression" && isRequire(node.base) && node.argument.type === "StringLiteral") return stringValue(node.argument);
  return undefined;
}

function isRequire(e: L.Expression): boolean {
  return e.type === "Identifier" && e.name === "require";
}

/** The import specifier from one generated file to another ("./util.ts", "../c.ts"). */
export function importPath(fromTs: string, toTs: string): string {
  const rel = posix.relative(posix.dirname(fromTs), toTs);
  return rel.startsWith(".") ? rel : "./" + rel;
}

/** Relative output path on this platform (for writing files). */
export function outputPath(outDir: string, tsPath: string): string {
  return join(outDir, ...tsPath.split("/"));
}
