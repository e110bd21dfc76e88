// Starting a service that has controls: load its design, build its controls, then run the chunk.
//
// The design file comes embedded from build time (NAME.design.json beside the script), or from
// the file QSYS2TS_DESIGN names at run time, which replaces it. A script's own controls are the
// design file's. A plugin's chunk runs twice, as a plugin lives twice on Q-SYS: once with
// `Controls` nil, as Designer runs it (its top level defines PluginInfo, GetProperties,
// GetControls...; its run-time code, inside `if Controls then ... end`, is skipped; whatever it
// prints goes nowhere), then its design-time functions declare the controls and `Properties`,
// and the chunk runs again with them, as the Core runs it.
//
// A bad design file or a failing design-time function stops the service before any run-time
// code runs: the error (file, JSON path or Lua position) goes to stderr and the exit status is 1.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { flushStdout, muteStdout, writeStderr } from "../../lua/output.ts";
import { toLuaError } from "../../lua/errors.ts";
import { tostring } from "../../lua/concat.ts";
import type { LuaValue } from "../../lua/value.ts";
import { startControlStdin } from "./control-stdin.ts";
import { DesignError, emptyDesign, parseDesign, type DesignSpec } from "./design-file.ts";
import { setControls, setProperties } from "./globals.ts";
import { buildDesign, setCurrentDesign, type LiveDesign } from "./live-design.ts";
import { runPluginDesign, type ChunkGlobal } from "./plugin.ts";
import { qrcDesign } from "./qrc-adapter.ts";
import { startQrcFromEnv } from "../qrc/config.ts";

export interface ServiceOptions {
  /** The script's file name ("room.lua"), for messages and the default component name. */
  script: string;
  /** The design file's text, embedded at build time, and its name. */
  design?: string;
  designFile?: string;
  /** For a plugin: reads the globals its chunk defined. */
  pluginGlobal?: ChunkGlobal;
}

/** The environment variable naming a design file that replaces the embedded one. */
export const DESIGN_ENV = "QSYS2TS_DESIGN";

function loadDesign(opts: ServiceOptions, plugin: boolean): DesignSpec {
  const override = process.env[DESIGN_ENV];
  if (override) {
    let text: string;
    try {
      text = readFileSync(override, "utf8");
    } catch (e) {
      throw new DesignError(`${override}: cannot read the design file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return parseDesign(text, override, plugin);
  }
  if (opts.design !== undefined) return parseDesign(opts.design, opts.designFile ?? "design.json", plugin);
  return emptyDesign();
}

function scriptBase(script: string): string {
  return basename(script, extname(script));
}

function runPlugin(main: (...args: LuaValue[]) => LuaValue, args: LuaValue[], opts: ServiceOptions, spec: DesignSpec): LiveDesign {
  setControls(undefined);
  setProperties(undefined);
  muteStdout(true);
  try {
    try {
      main(...args);
    } catch (e) {
      const err = toLuaError(e);
      throw new DesignError(
        `${opts.script}: the plugin's design-time run failed (run-time code belongs inside "if Controls then ... end"): ` +
          (typeof err.value === "string" ? err.value : tostring(err.value)),
      );
    }
    const pd = runPluginDesign(opts.script, opts.pluginGlobal!, spec.properties, spec.file);
    for (const w of pd.warnings) writeStderr(`warning: ${w}\n`);
    const name = spec.component ?? scriptBase(opts.script);
    const design = buildDesign(spec, { name, type: spec.type ?? `%PLUGIN%_${pd.id || pd.name}`, controls: pd.controls, properties: pd.propertyList });
    for (const [flat, look] of pd.layout) {
      const c = design.own.controls.get(flat);
      if (!c) continue;
      if (look.legend !== undefined) c.legend = look.legend;
      if (look.color !== undefined) c.color = look.color;
    }
    setProperties(pd.properties);
    return design;
  } finally {
    muteStdout(false);
  }
}

/** Install the design, then run the chunk (twice for a plugin); the result is runMain's main. */
export function designService(main: (...args: LuaValue[]) => LuaValue, opts: ServiceOptions): (...args: LuaValue[]) => LuaValue {
  return (...args: LuaValue[]) => {
    let design: LiveDesign;
    try {
      const plugin = opts.pluginGlobal !== undefined;
      const spec = loadDesign(opts, plugin);
      design = plugin
        ? runPlugin(main, args, opts, spec)
        : buildDesign(spec, { name: spec.component ?? scriptBase(opts.script), type: spec.type ?? "device_controller_script", controls: spec.controls });
    } catch (e) {
      if (!(e instanceof DesignError)) throw e;
      writeStderr(`${e.message}\n`);
      flushStdout();
      process.exit(1);
    }
    setCurrentDesign(design);
    setControls(design.controlsTable);
    if (process.env.QSYS2TS_CONTROL_STDIN === "1") startControlStdin();
    const result = main(...args);
    // The top level has run and the controls exist: QRC clients may now reach them.
    void startQrcFromEnv(qrcDesign());
    return result;
  };
}
