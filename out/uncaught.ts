// Compiled from uncaught.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import { index, type LuaValue, print, tableOf } from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // An uncaught error ends the program: stdout so far, then lua: msg on stderr, exit 1
  print("before");
  let t: LuaValue = tableOf();
  function explode(): LuaValue {
    return index(index(t, "missing"), "field");
  }
  explode();
  print("never");
}
