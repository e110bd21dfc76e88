// How a built service gets its design: NAME.design.json beside NAME.lua (or NAME.qplug) is
// checked at build time and embedded in the bundle; the runtime's designService installs it
// before the chunk runs (QSYS2TS_DESIGN at run time names a file that replaces it). Programs
// that use no controls and have no design file start exactly as before.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parseDesign } from "../../runtime/qsys/controls/design-file.ts";
import type { Compiled } from "../compile.ts";

export interface DesignEntry {
  /** The `import` of the chunk (with pluginGlobal for a plugin). */
  importChunk: string;
  /** Wraps the chunk's main for runMain: `designService(main, {...})`, or just `main`. */
  main: string;
  /** Runtime exports the entry needs besides registerChunk and runMain. */
  runtimeImports: string[];
  warnings: string[];
}

/** The design file that belongs to a script: NAME.design.json in the same folder. */
export function designFileFor(luaPath: string): string {
  return join(dirname(luaPath), basename(luaPath, extname(luaPath)) + ".design.json");
}

/**
 * Read and check the design file beside `luaPath` (a DesignError names what is wrong).
 * `usesDesign`: whether any chunk of the program (the script or a Lua module it requires)
 * uses the design.
 */
export function designEntry(compiled: Compiled, luaPath: string, chunkName: string, chunkImport: string, usesDesign = compiled.usesDesign): DesignEntry {
  const file = designFileFor(luaPath);
  const text = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const warnings: string[] = [];
  if (text !== undefined) parseDesign(text, file, compiled.plugin);
  else if (usesDesign && !compiled.plugin)
    warnings.push(`${chunkName} uses Controls but has no ${basename(file)}: it starts with no controls (draft one with: qsys2ts design ${basename(luaPath)})`);
  if (text === undefined && !usesDesign) return { importChunk: `import main from ${JSON.stringify(chunkImport)};`, main: "main", runtimeImports: [], warnings };
  const opts = [`script: ${JSON.stringify(chunkName)}`];
  if (text !== undefined) opts.push(`design: ${JSON.stringify(text)}`, `designFile: ${JSON.stringify(basename(file))}`);
  if (compiled.plugin) opts.push("pluginGlobal");
  return {
    importChunk: `import main${compiled.plugin ? ", { pluginGlobal }" : ""} from ${JSON.stringify(chunkImport)};`,
    main: `designService(main, { ${opts.join(", ")} })`,
    runtimeImports: ["designService"],
    warnings,
  };
}
