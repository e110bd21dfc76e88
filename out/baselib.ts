// Compiled from baselib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  call,
  eq,
  first,
  float,
  G,
  index,
  type LuaValue,
  results,
  setindex,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The base library
  call(
    index(G, "print"),
    first(call(index(G, "type"), 1)),
    first(call(index(G, "type"), "1")),
    first(call(index(G, "type"), undefined)),
    first(call(index(G, "type"), tableOf())),
    first(call(index(G, "type"), index(G, "print"))),
    ...results(call(index(G, "type"), true)),
  );
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "type"))));
  call(
    index(G, "print"),
    first(call(index(G, "tostring"), undefined)),
    first(call(index(G, "tostring"), false)),
    first(call(index(G, "tostring"), 12)),
    first(call(index(G, "tostring"), 1.5)),
    ...results(call(index(G, "tostring"), "s")),
  );
  call(
    index(G, "print"),
    ...results(call(index(G, "select"), "#", ...results(call(index(G, "tostring"), undefined)))),
  );
  call(
    index(G, "print"),
    first(call(index(G, "rawequal"), 1, float(1))),
    first(call(index(G, "rawequal"), "a", "a")),
    first(call(index(G, "rawequal"), tableOf(), tableOf())),
    ...results(call(index(G, "rawlen"), tableOf([1, 2, 3]))),
  );
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "rawlen"), 5)));
  let t: LuaValue = first(
    call(
      index(G, "setmetatable"),
      tableOf(),
      tableOf(undefined, {
        __index: function (): LuaValue {
          return "meta";
        },
      }),
    ),
  );
  call(
    index(G, "print"),
    index(t, "x"),
    first(call(index(G, "rawget"), t, "x")),
    eq(first(call(index(G, "rawset"), t, "x", 1)), t),
    index(t, "x"),
  );
  call(
    index(G, "print"),
    first(call(index(G, "next"), tableOf(), undefined)),
    first(call(index(G, "next"), tableOf([10]))),
    ...results(call(index(G, "next"), tableOf([10]), 1)),
  );
  call(
    index(G, "print"),
    ...results(call(index(G, "pcall"), index(G, "next"), tableOf(), "nokey")),
  );
  call(
    index(G, "print"),
    first(call(index(G, "ipairs"), tableOf())) !== undefined,
    ...results(call(index(G, "select"), "#", ...results(call(index(G, "ipairs"), tableOf())))),
  );
  let [it, st, init]: LuaValue[] = [...results(call(index(G, "pairs"), tableOf()))];
  call(index(G, "print"), eq(it, index(G, "next")), init);
  call(
    index(G, "print"),
    index(G, "_VERSION"),
    eq(index(index(G, "_G"), "_G"), index(G, "_G")),
    eq(index(index(G, "_G"), "print"), index(G, "print")),
  );
  call(
    index(G, "print"),
    first(call(index(G, "type"), ...results(call(index(G, "collectgarbage"), "count")))),
    first(call(index(G, "collectgarbage"))),
    ...results(call(index(G, "collectgarbage"), "step")),
  );
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "collectgarbage"), "bogus")));
  call(
    index(G, "print"),
    first(call(index(G, "tonumber"), "  12  ")),
    first(call(index(G, "tonumber"), "12a")),
    first(call(index(G, "tonumber"), "1e1")),
    first(call(index(G, "tonumber"), "0x1e")),
    ...results(call(index(G, "tonumber"), "1e+1")),
  );
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "tonumber"))));
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "tonumber"), "10", 99)));
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "tonumber"), 10, 16)));
  call(
    index(G, "print"),
    first(call(index(G, "select"), 1, "a", "b")),
    ...results(call(index(G, "pcall"), index(G, "select"), 0, "a")),
  );
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "select"), -5, "a")));
  call(index(G, "print"), ...results(call(index(G, "pcall"), index(G, "ipairs"))));
  call(
    index(G, "print"),
    ...results(call(index(G, "pcall"), index(G, "setmetatable"), tableOf(), 1)),
  );
  call(
    index(G, "print"),
    ...results(
      call(
        index(G, "getmetatable"),
        ...results(
          call(index(G, "setmetatable"), tableOf(), tableOf(undefined, { __metatable: false })),
        ),
      ),
    ),
  );
  setindex(index(G, "_G"), "newglobal", "via _G");
  call(index(G, "print"), index(G, "newglobal"));
  let env: LuaValue = G;
  call(index(G, "print"), eq(env, index(G, "_G")));
}
