// The pipeline, one way: Lua source -> parse -> analyse -> emit -> (format). Used by the CLI,
// the bundler and the tests.
import { analyse } from "./analyse.ts";
import { emitChunk, type Emitted } from "./emit/index.ts";
import { formatTypeScript } from "./format.ts";
import { parse } from "./parse.ts";
import { isPlugin, usesDesign } from "./design/plugin.ts";

export interface Compiled extends Emitted {
  chunkName: string;
  /** The chunk defines GetControls: a plugin (its controls come from its design-time functions). */
  plugin: boolean;
  /** The chunk uses Controls, Component, NamedControl or Properties, or is a plugin. */
  usesDesign: boolean;
}

/** Compile a Lua chunk (a byte string, one char per byte) to unformatted TypeScript with mappings. */
export function compileLua(source: string, chunkName: string): Compiled {
  const chunk = parse(source, chunkName);
  const analysis = analyse(chunk);
  return { ...emitChunk(analysis), chunkName, plugin: isPlugin(analysis), usesDesign: usesDesign(analysis) };
}

/** Compile to readable, prettier-formatted TypeScript (no mappings: prettier moves code). */
export async function compileToReadableTs(source: string, chunkName: string): Promise<string> {
  return formatTypeScript(compileLua(source, chunkName).code);
}
