// Compiled from ./modules/pong.lua by qsys2ts. Lua semantics come from the runtime's helpers.
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
import $mod_modules_ping from "./ping.ts";
registerModule("./modules/ping.lua", $mod_modules_ping);

export default function main(...varargs: LuaValue[]): LuaValue {
  let M: LuaValue = tableOf(undefined, { name: "pong" });
  setindex(index(index(G, "package"), "loaded"), varargs[0], M);
  setindex(M, "other", first(call(index(G, "require"), "modules.ping")));
  return M;
}
