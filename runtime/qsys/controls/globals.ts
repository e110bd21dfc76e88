// The Lua globals `Controls` and `Properties`. They are live bindings: generated code imports
// them by name, and they change value as the service starts — nil while a plugin's
// design-time functions run (so its `if Controls then ... end` is skipped), then the design's
// tables. Programs that reach the global table as a value read them from G, kept in step here.
import { G } from "../../lua/env.ts";
import type { LuaValue } from "../../lua/value.ts";

export let Controls: LuaValue = undefined;
export let Properties: LuaValue = undefined;

export function setControls(v: LuaValue): void {
  Controls = v;
  G.set("Controls", v);
}

export function setProperties(v: LuaValue): void {
  Properties = v;
  G.set("Properties", v);
}
