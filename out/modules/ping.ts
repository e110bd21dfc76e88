// Compiled from ./modules/ping.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  call,
  first,
  G,
  index,
  type LuaValue,
  registerModule,
  setindex,
  tableOf,
} from "qsys2ts/runtime";
import $mod_modules_pong from "./pong.ts";
registerModule("./modules/pong.lua", $mod_modules_pong);

export default function main(...varargs: LuaValue[]): LuaValue {
  let M: LuaValue = tableOf(undefined, { name: "ping" });
  setindex(index(index(G, "package"), "loaded"), varargs[0], M);
  setindex(M, "other", first(call(index(G, "require"), "modules.pong")));
  return M;
}
