// Compiled from ./modules/shapes/square.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import { type LuaValue, mul, setindex, tableOf } from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let S: LuaValue = tableOf(undefined, { side: "four" });
  setindex(S, "area", function (n?: LuaValue): LuaValue {
    return mul(n, n);
  });
  return S;
}
