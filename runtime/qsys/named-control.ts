// NamedControl (qsys-api.md §4.4): static functions on the design's named controls, each an
// error when the name does not exist. They act as the script's own writes (no EventHandler
// runs); the optional ramp is in seconds.
import { argError, checkNumber, checkString } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { mkfloat, type LuaValue } from "../lua/value.ts";
import { controlNumber, controlString } from "./controls/control-lua.ts";
import type { Control } from "./controls/control.ts";
import { currentDesign } from "./controls/live-design.ts";
import { libraryTable } from "./object.ts";

function named(name: LuaValue, fname: string): Control {
  const n = checkString(name, 1, fname);
  const c = currentDesign().named.get(n);
  if (c === undefined) throw argError(1, fname, `no named control '${n}'`);
  return c;
}

function ramp(v: LuaValue, fname: string): number {
  if (v === undefined) return 0;
  const s = checkNumber(v, 3, fname);
  return s > 0 ? s : 0;
}

/** The Lua global `NamedControl`. */
export const NamedControl = libraryTable("NamedControl", {
  GetValue: (name: LuaValue): LuaValue => mkfloat(named(name, "GetValue").value),
  GetString: (name: LuaValue): LuaValue => named(name, "GetString").string,
  GetPosition: (name: LuaValue): LuaValue => mkfloat(named(name, "GetPosition").position),
  SetValue: (name: LuaValue, v: LuaValue, seconds?: LuaValue): LuaValue => {
    named(name, "SetValue").setValue(controlNumber("Value", v), "script", ramp(seconds, "SetValue"));
    return NONE;
  },
  SetString: (name: LuaValue, v: LuaValue): LuaValue => {
    named(name, "SetString").setString(controlString("String", v), "script");
    return NONE;
  },
  SetPosition: (name: LuaValue, v: LuaValue, seconds?: LuaValue): LuaValue => {
    named(name, "SetPosition").setPosition(controlNumber("Position", v), "script", ramp(seconds, "SetPosition"));
    return NONE;
  },
  Trigger: (name: LuaValue): LuaValue => {
    named(name, "Trigger").trigger();
    return NONE;
  },
});
