// Helpers for the control-model tests: install a design (as a built service would) from a
// design file's JSON, and drive its controls through the Lua-visible API.
import { parseDesign } from "../runtime/qsys/controls/design-file.ts";
import { setControls } from "../runtime/qsys/controls/globals.ts";
import { buildDesign, setCurrentDesign, type LiveDesign } from "../runtime/qsys/controls/live-design.ts";
import { index } from "../runtime/lua/index-ops.ts";
import type { LuaValue } from "../runtime/lua/value.ts";

/** Build and install a script's design from a design file's content; returns the live design. */
export function install(json: object, file = "t.design.json"): LiveDesign {
  const spec = parseDesign(JSON.stringify(json), file, false);
  const d = buildDesign(spec, { name: spec.component ?? "T", type: spec.type ?? "device_controller_script", controls: spec.controls });
  setCurrentDesign(d);
  setControls(d.controlsTable);
  return d;
}

/** `Controls[name]` of the installed design. */
export function ctl(d: LiveDesign, name: string): LuaValue {
  return index(d.controlsTable, name);
}

/** The message of the Lua error `f` raises. */
export function luaErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    const v = (e as { value?: unknown }).value;
    return typeof v === "string" ? v : String(e);
  }
  return "no error";
}
