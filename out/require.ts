// Compiled from require.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  call,
  eq,
  first,
  G,
  index,
  type LuaValue,
  ne,
  NONE,
  registerModule,
  results,
  setindex,
  tableOf,
} from "qsys2ts/runtime";
import $mod_modules_util from "./modules/util.ts";
import $mod_modules_shapes_init from "./modules/shapes/init.ts";
import $mod_modules_shapes_square from "./modules/shapes/square.ts";
import $mod_modules_noreturn from "./modules/noreturn.ts";
import $mod_modules_broken from "./modules/broken.ts";
import $mod_modules_ping from "./modules/ping.ts";
registerModule("./modules/util.lua", $mod_modules_util);
registerModule("./modules/shapes/init.lua", $mod_modules_shapes_init);
registerModule("./modules/shapes/square.lua", $mod_modules_shapes_square);
registerModule("./modules/noreturn.lua", $mod_modules_noreturn);
registerModule("./modules/broken.lua", $mod_modules_broken);
registerModule("./modules/ping.lua", $mod_modules_ping);

export default function main(...varargs: LuaValue[]): LuaValue {
  // require: Lua modules beside the script, compiled into the same bundle.
  // The search path is set to what qsys2ts searches, so lua5.3 reports the same files.
  setindex(index(G, "package"), "path", "./?.lua;./?/init.lua");
  setindex(index(G, "package"), "cpath", "");
  setindex(G, "counter", 0);
  // a global the modules see: one global table for all chunks
  let util: LuaValue = first(call(index(G, "require"), "modules.util"));
  call(
    index(G, "print"),
    index(util, "name"),
    index(util, "file"),
    ...results(call(index(util, "greet"), "world")),
  );
  call(
    index(G, "print"),
    eq(first(call(index(G, "require"), "modules.util")), util),
    eq(index(index(index(G, "package"), "loaded"), "modules.util"), util),
  );
  call(index(G, "print"), index(G, "counter"), index(G, "loaded_by_util"));
  // a folder with init.lua, and a dotted name inside it
  let shapes: LuaValue = first(call(index(G, "require"), "modules.shapes"));
  call(index(G, "print"), first(call(index(shapes, "area"), 3)), index(shapes, "kind"));
  call(index(G, "print"), index(first(call(index(G, "require"), "modules.shapes.square")), "side"));
  // a module that returns nothing is stored as true
  call(
    index(G, "print"),
    first(call(index(G, "require"), "modules.noreturn")),
    index(index(index(G, "package"), "loaded"), "modules.noreturn"),
    index(G, "noreturn_ran"),
  );
  // errors inside modules name the module file
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(util, "fail"), "boom")));
  call(
    index(G, "print"),
    ...results(
      call(index(G, "pcall"), function (): LuaValue {
        call(index(util, "fail2"), "caller");
        return NONE;
      }),
    ),
  );
  let [ok, err]: LuaValue[] = [
    ...results(call(index(G, "pcall"), index(G, "require"), "modules.broken")),
  ];
  call(index(G, "print"), ok, err);
  call(index(G, "print"), index(index(index(G, "package"), "loaded"), "modules.broken"));
  // a module that is not there
  [ok, err] = [...results(call(index(G, "pcall"), index(G, "require"), "modules.absent"))];
  call(index(G, "print"), ok, err);
  // the standard libraries are modules too
  call(
    index(G, "print"),
    eq(first(call(index(G, "require"), "string")), index(G, "string")),
    eq(first(call(index(G, "require"), "_G")), index(G, "_G")),
    eq(index(index(index(G, "package"), "loaded"), "package"), index(G, "package")),
  );
  // package.preload comes first
  setindex(
    index(index(G, "package"), "preload"),
    "virtual",
    function (...varargs: LuaValue[]): LuaValue {
      call(index(G, "print"), "preload", ...varargs);
      return tableOf(undefined, { v: 1 });
    },
  );
  call(index(G, "print"), index(first(call(index(G, "require"), "virtual")), "v"));
  // package.searchpath
  call(
    index(G, "print"),
    ...results(
      call(
        index(index(G, "package"), "searchpath"),
        "modules.util",
        index(index(G, "package"), "path"),
      ),
    ),
  );
  call(
    index(G, "print"),
    ...results(
      call(
        index(index(G, "package"), "searchpath"),
        "modules.nothere",
        index(index(G, "package"), "path"),
      ),
    ),
  );
  // reloading after clearing package.loaded runs the module again
  setindex(index(index(G, "package"), "loaded"), "modules.util", undefined);
  let util2: LuaValue = first(call(index(G, "require"), "modules.util"));
  call(index(G, "print"), ne(util2, util), index(G, "counter"));
  // two modules that register themselves before requiring each other
  let a: LuaValue = first(call(index(G, "require"), "modules.ping"));
  call(
    index(G, "print"),
    index(a, "name"),
    index(index(a, "other"), "name"),
    eq(index(index(a, "other"), "other"), a),
  );
}
