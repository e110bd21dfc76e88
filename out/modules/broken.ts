// Compiled from ./modules/broken.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import { index, type LuaValue } from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let t: LuaValue = undefined;
  return index(t, "field");
}
