// Compiled from ./modules/noreturn.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import { G, type LuaValue, setindex } from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  setindex(G, "noreturn_ran", "yes");
}
