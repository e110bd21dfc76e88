// Compiled from errors.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  assert,
  assertAt,
  call,
  callMethod,
  concat,
  error,
  errorAt,
  first,
  idivInt,
  index,
  io,
  le,
  len,
  lt,
  type LuaValue,
  math,
  modInt,
  mul,
  NONE,
  pcall,
  print,
  results,
  select,
  setindex,
  setmetatable,
  string,
  table,
  tableOf,
  tailcall,
  tailcalls,
  tostring,
  type,
  unm,
  xpcall,
} from "qsys2ts/runtime";

let undefinedglobal: LuaValue;
let undefinedfn: LuaValue;

export default function main(...varargs: LuaValue[]): LuaValue {
  let $closure1: LuaValue; // closures reused while their upvalues are the same (as Lua 5.3)
  // Errors: levels, values, pcall/xpcall, and Lua's runtime error messages
  function lvl1(): LuaValue {
    errorAt("level one", "errors.lua:2: ");
    return NONE;
  }
  function lvl2(): LuaValue {
    error("level two", 2);
    return NONE;
  }
  function lvl0(): LuaValue {
    error("no position", 0);
    return NONE;
  }
  print(...results(pcall(lvl1)));
  print(...results(pcall(lvl2)));
  print(...results(pcall(lvl0)));
  print(...results(pcall(error)));
  print(...results(pcall(error, undefined)));
  print(...results(pcall(error, 42)));
  let [ok, e]: LuaValue[] = [...results(pcall(error, tableOf(undefined, { code: 7 })))];
  print(ok, type(e), index(e, "code"));
  print(...results(select("#", ...results(pcall(error)))));
  print(
    ...results(
      xpcall(
        function (): LuaValue {
          errorAt("x", "errors.lua:14: ");
          return NONE;
        },
        function (m?: LuaValue): LuaValue {
          return concat("handled: ", m);
        },
      ),
    ),
  );
  print(
    ...results(
      xpcall(
        function (a?: LuaValue, b?: LuaValue): LuaValue {
          return add(a, b);
        },
        print,
        3,
        4,
      ),
    ),
  );
  print(...results(pcall(pcall, error, "nested")));
  let t: LuaValue = undefined;
  let up: LuaValue = undefined;
  print(
    ...results(
      pcall(function (): LuaValue {
        return index(t, "x");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let l: LuaValue;
        return index(l, "x");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return index(undefinedglobal, "x");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        call(undefinedfn);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let tbl: LuaValue = tableOf();
        call(index(tbl, "method"));
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let tbl: LuaValue = tableOf();
        callMethod(tbl, "method");
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let tbl: LuaValue = tableOf();
        return index(index(tbl, "a"), "b");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return add(1, undefined);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let n: LuaValue;
        return add(n, 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let tbl: LuaValue = tableOf();
        return mul(index(tbl, "x"), 2);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return add("abc", 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return len(undefined);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let l: number = 5;
        return len(l);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return unm(tableOf());
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return concat(tableOf(), "x");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let s: string = "x";
        return concat(s, tableOf());
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return lt(1, undefined);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return lt("a", 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return le(tableOf(), tableOf());
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let f: number = 5;
        call(f);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        setindex(up, "field", 1);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(
        tailcalls(function (): LuaValue {
          return tailcall("x");
        }),
      ),
    ),
  );
  print(...results(pcall(string.rep)));
  print(...results(pcall(setmetatable, 1, tableOf())));
  print(
    ...results(
      pcall(function (): LuaValue {
        return idivInt(1, 0);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return modInt(1, 0);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        assertAt("errors.lua:45: ", false);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        assertAt("errors.lua:46: ", undefined, "custom message");
        return NONE;
      }),
    ),
  );
  print(
    type(
      ...results(
        select(
          2,
          ...results(
            pcall(function (): LuaValue {
              assertAt("errors.lua:47: ", false, tableOf([1]));
              return NONE;
            }),
          ),
        ),
      ),
    ),
  );
  print(
    first(assertAt("errors.lua:48: ", 1, "unused")),
    ...results(select("#", ...results(assert(1, 2, 3)))),
  );
  function rec(n?: LuaValue): LuaValue {
    return add(rec(add(n, 1)), 1);
  }
  let [okso, err]: LuaValue[] = [...results(pcall(rec, 1))];
  print(okso, err);
  print(
    ...results(
      select(
        "#",
        ...results(
          pcall(function (): LuaValue {
            error(
              setmetatable(
                tableOf(),
                tableOf(undefined, {
                  __tostring: ($closure1 ??= function (): LuaValue {
                    return "custom";
                  }),
                }),
              ),
            );
            return NONE;
          }),
        ),
      ),
    ),
  );
  print(tostring(...results(select(2, ...results(pcall(error, "with traceback?"))))));
  print(...results(pcall(string.rep)));
  print(...results(pcall(string.sub)));
  print(...results(pcall(math.floor, "x")));
  print(...results(pcall(table.insert, 1, 2)));
  print(...results(pcall(setmetatable, 1)));
  print(
    ...results(
      pcall(function (): LuaValue {
        string.rep();
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        callMethod("x", "rep", tableOf());
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        call(index("x", "rep"), tableOf());
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let s: LuaValue = string;
        call(index(s, "rep"));
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let rep: LuaValue = string.rep;
        call(rep);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      xpcall(
        string.char,
        function (m?: LuaValue): LuaValue {
          return concat("H:", m);
        },
        -1,
      ),
    ),
  );
  let f: LuaValue = string.rep;
  print(
    ...results(
      pcall(function (): LuaValue {
        call(f);
        return NONE;
      }),
    ),
  );
  let t_2: LuaValue = tableOf(undefined, { g: string.sub });
  print(
    ...results(
      pcall(function (): LuaValue {
        call(index(t_2, "g"));
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        callMethod(t_2, "g");
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        callMethod("x", "sub", tableOf());
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        callMethod("x", "format", 1);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let s: string = "%d";
        callMethod(s, "format", "x");
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        io.write(tableOf());
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        setmetatable(1);
        return NONE;
      }),
    ),
  );
}
