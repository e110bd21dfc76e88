// Compiled from ./modules/util.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  call,
  concat,
  G,
  index,
  type LuaValue,
  NONE,
  setindex,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // a plain module: gets its name and file as ...
  let [name, file]: LuaValue[] = [...varargs];
  let M: LuaValue = tableOf(undefined, { name: name, file: file });
  setindex(G, "counter", add(index(G, "counter"), 1));
  setindex(G, "loaded_by_util", true);
  setindex(M, "greet", function (who?: LuaValue): LuaValue {
    return concat("hello ", who);
  });
  setindex(M, "fail", function (msg?: LuaValue): LuaValue {
    call(index(G, "error"), msg);
    return NONE;
  });
  setindex(M, "fail2", function (msg?: LuaValue): LuaValue {
    call(index(G, "error"), msg, 2);
    return NONE;
  });
  return M;
}
