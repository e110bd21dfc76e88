// Compiled from metatables.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  band,
  bnot,
  bor,
  bxor,
  call,
  callMethod,
  concat as $concat,
  div,
  eq,
  first,
  forIn,
  ge,
  getmetatable,
  gt,
  idiv,
  index,
  le,
  len,
  lt,
  type LuaValue,
  mod,
  mul,
  ne,
  NONE,
  pairs,
  pcall,
  pow,
  print,
  rawget,
  rawset,
  results,
  setindex,
  setmetatable,
  shl,
  shr,
  string,
  sub,
  table,
  tableOf,
  tostring,
  truthy,
  type,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $closure1: LuaValue; // closures reused while their upvalues are the same (as Lua 5.3)
  // Metatables and every metamethod Lua 5.3 consults
  let V: LuaValue = tableOf();
  setindex(V, "__index", V);
  setindex(V, "__name", "Vec");
  function vec(x?: LuaValue, y?: LuaValue): LuaValue {
    return setmetatable(tableOf(undefined, { x: x, y: y }), V);
  }
  setindex(V, "__add", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return vec(add(index(a, "x"), index(b, "x")), add(index(a, "y"), index(b, "y")));
  });
  setindex(V, "__sub", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return vec(sub(index(a, "x"), index(b, "x")), sub(index(a, "y"), index(b, "y")));
  });
  setindex(V, "__mul", function (a?: LuaValue, b?: LuaValue): LuaValue {
    if (type(b) === "number") {
      return vec(mul(index(a, "x"), b), mul(index(a, "y"), b));
    }
    return add(mul(index(a, "x"), index(b, "x")), mul(index(a, "y"), index(b, "y")));
  });
  setindex(V, "__div", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "div";
  });
  setindex(V, "__mod", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "mod";
  });
  setindex(V, "__pow", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "pow";
  });
  setindex(V, "__unm", function (a?: LuaValue): LuaValue {
    return vec(unm(index(a, "x")), unm(index(a, "y")));
  });
  setindex(V, "__idiv", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "idiv";
  });
  setindex(V, "__band", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "band";
  });
  setindex(V, "__bor", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "bor";
  });
  setindex(V, "__bxor", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "bxor";
  });
  setindex(V, "__shl", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "shl";
  });
  setindex(V, "__shr", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "shr";
  });
  setindex(V, "__bnot", function (a?: LuaValue): LuaValue {
    return "bnot";
  });
  setindex(V, "__concat", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return "concat";
  });
  setindex(V, "__len", function (a?: LuaValue): LuaValue {
    return 2;
  });
  setindex(V, "__eq", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return eq(index(a, "x"), index(b, "x")) && eq(index(a, "y"), index(b, "y"));
  });
  setindex(V, "__lt", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return lt(index(a, "x"), index(b, "x"));
  });
  setindex(V, "__le", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return le(index(a, "x"), index(b, "x"));
  });
  setindex(V, "__tostring", function (a?: LuaValue): LuaValue {
    return $concat("(", $concat(index(a, "x"), $concat(", ", $concat(index(a, "y"), ")"))));
  });
  setindex(V, "__call", function (self?: LuaValue, k?: LuaValue): LuaValue {
    return index(self, k);
  });
  setindex(V, "len2", function (self?: LuaValue): LuaValue {
    return add(mul(index(self, "x"), index(self, "x")), mul(index(self, "y"), index(self, "y")));
  });
  let a: LuaValue = first(vec(1, 2)),
    b: LuaValue = first(vec(3, 4));
  print(tostring(add(a, b)), tostring(sub(a, b)), mul(a, b), tostring(mul(a, 2)), tostring(unm(a)));
  print(
    div(a, b),
    mod(a, b),
    pow(a, b),
    idiv(a, b),
    band(a, b),
    bor(a, b),
    bxor(a, b),
    shl(a, b),
    shr(a, b),
    bnot(a),
    $concat(a, b),
    $concat("s", a),
    len(a),
  );
  print(eq(a, first(vec(1, 2))), ne(a, b), lt(a, b), le(a, b), gt(a, b), ge(a, b), eq(a, a));
  print(first(call(a, "x")), first(callMethod(a, "len2")), tostring(a), a);
  print(
    eq(getmetatable(a), V),
    eq(index(getmetatable("abc"), "__index"), string),
    getmetatable(tableOf()),
  );
  let protected_: LuaValue = setmetatable(tableOf(), tableOf(undefined, { __metatable: "locked" }));
  print(getmetatable(protected_), ...results(pcall(setmetatable, protected_, tableOf())));
  let defaults: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __index: function (t?: LuaValue, k?: LuaValue): LuaValue {
        return $concat(k, "!");
      },
    }),
  );
  print(index(defaults, "hello"), index(defaults, 1), rawget(defaults, "hello"));
  let chain: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __index: setmetatable(
        tableOf(undefined, { mid: "m" }),
        tableOf(undefined, { __index: tableOf(undefined, { base: "b" }) }),
      ),
    }),
  );
  print(index(chain, "mid"), index(chain, "base"), index(chain, "none"));
  let log: LuaValue = tableOf();
  let proxy: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __newindex: function (t?: LuaValue, k?: LuaValue, v?: LuaValue): LuaValue {
        setindex(log, add(len(log), 1), k);
        rawset(t, k, v);
        return NONE;
      },
    }),
  );
  setindex(proxy, "a", 1);
  setindex(proxy, "a", 2);
  setindex(proxy, "b", 3);
  print(table.concat(log, ","), index(proxy, "a"), index(proxy, "b"));
  let store: LuaValue = tableOf();
  let redirect: LuaValue = setmetatable(tableOf(), tableOf(undefined, { __newindex: store }));
  setindex(redirect, "k", "v");
  print(rawget(redirect, "k"), index(store, "k"));
  let counted: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __len: function (): LuaValue {
        return 42;
      },
    }),
  );
  print(len(counted));
  let p: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __pairs: function (t?: LuaValue): LuaValue {
        return [
          ($closure1 ??= function (_?: LuaValue, k?: LuaValue): LuaValue {
            if (!truthy(k)) {
              return [1, "one"];
            }
            return NONE;
          }),
          t,
          undefined,
        ];
      },
    }),
  );
  for (const $it1 = forIn(pairs(p)); $it1.next();) {
    const k: LuaValue = $it1.a,
      v: LuaValue = $it1.b;
    print("pairs", k, v);
  }
  let named: LuaValue = setmetatable(tableOf(), tableOf(undefined, { __name: "MyType" }));
  print(first(callMethod(tostring(named), "gsub", "0x%x+", "ADDR")));
  print(
    ...results(
      pcall(function (): LuaValue {
        return add(named, 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return lt(tableOf(), tableOf());
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return lt(tableOf(), 1);
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return lt(1, "x");
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return $concat(tableOf(), "");
      }),
    ),
  );
  let onlylt: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __lt: function (): LuaValue {
        return true;
      },
    }),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        return le(onlylt, onlylt);
      }),
    ),
  );
  let eqA: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __eq: function (): LuaValue {
        return true;
      },
    }),
  );
  let eqB: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __eq: function (): LuaValue {
        return false;
      },
    }),
  );
  print(eq(eqA, eqB), eq(eqB, eqA), eq(eqA, tableOf()), eq(eqA, 1));
  let cnt: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __index: function (t?: LuaValue, k?: LuaValue): LuaValue {
        return undefined;
      },
    }),
  );
  print(index(cnt, "anything"));
  print(first(callMethod("x", "rep", 3)), first(callMethod("%d", "format", 7)), "abc".length);
}
