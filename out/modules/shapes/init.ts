// Compiled from ./modules/shapes/init.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  call,
  first,
  G,
  index,
  type LuaValue,
  registerModule,
  tableOf,
  tailcall,
  tailcalls,
} from "qsys2ts/runtime";
import $mod_modules_shapes_square from "./square.ts";
registerModule("./modules/shapes/square.lua", $mod_modules_shapes_square);

export default function main(...varargs: LuaValue[]): LuaValue {
  let square: LuaValue = first(call(index(G, "require"), "modules.shapes.square"));
  return tableOf(undefined, {
    area: tailcalls(function (n?: LuaValue): LuaValue {
      return tailcall(index(square, "area"), n);
    }),
    kind: "shapes",
  });
}
