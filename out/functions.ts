// Compiled from functions.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  call,
  callMethod,
  concat,
  eq,
  first,
  forIn,
  index,
  ipairs,
  len,
  type LuaValue,
  math,
  mulInt,
  NONE,
  notFalse,
  print,
  results,
  select,
  setindex,
  string,
  subInt,
  table,
  tableOf,
  type,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Functions: varargs, multiple results in every position, closures, methods
  function three(): LuaValue {
    return [1, 2, 3];
  }
  function none(): LuaValue {
    return NONE;
  }
  function one(): LuaValue {
    return "x";
  }
  print(...results(three()));
  print(first(three()), "end");
  print(first(three()));
  print(...results(none()));
  print(first(none()));
  print(
    first(select("#", ...results(none()))),
    first(select("#", ...results(three()))),
    first(select("#", undefined, undefined)),
    ...results(select("#")),
  );
  print(
    first(select(2, "a", "b", "c")),
    first(select(-1, "a", "b", "c")),
    ...results(select(-2, "a", "b", "c")),
  );
  let t: LuaValue = tableOf([...results(three())]);
  let u: LuaValue = tableOf([first(three()), ...results(three())]);
  let v: LuaValue = tableOf([first(three())]);
  print(len(t), len(u), len(v), index(u, 4));
  let [a, b, c, d]: LuaValue[] = [...results(three())];
  print(a, b, c, d);
  let e: LuaValue = first(three()),
    f: LuaValue;
  print(e, f);
  function pass(...varargs: LuaValue[]): LuaValue {
    return varargs;
  }
  print(...results(pass(1, undefined, 3)));
  print(...results(select("#", ...results(pass(undefined, undefined)))));
  function count(...varargs: LuaValue[]): LuaValue {
    return select("#", ...varargs);
  }
  print(
    first(count()),
    first(count(undefined)),
    first(count(...results(three()))),
    ...results(count(first(three()), undefined)),
  );
  function tail(n?: LuaValue): LuaValue {
    tailcall: for (;;) {
      if (n === 0) {
        return "done";
      }
      n = subInt(n, 1);
      continue tailcall;
    }
  }
  print(...results(tail(100000)));
  function varsum(...varargs: LuaValue[]): LuaValue {
    let s: LuaValue = 0;
    for (const $it1 = forIn(ipairs(tableOf([...varargs]))); $it1.next();) {
      const _: LuaValue = $it1.a,
        x: LuaValue = $it1.b;
      s = add(s, x);
    }
    return [s, ...varargs];
  }
  print(...results(varsum(1, 2, 3)));
  let packed: LuaValue = table.pack(...results(three()));
  print(index(packed, "n"), index(packed, 3));
  print(...results(table.unpack(tableOf([1, 2, 3]))));
  function counter(): LuaValue {
    let n: LuaValue = 0;
    return function (): LuaValue {
      n = addInt(n, 1);
      return n;
    };
  }
  let c1: LuaValue = counter(),
    c2: LuaValue = counter();
  print(first(call(c1)), first(call(c1)), ...results(call(c2)));
  let obj: LuaValue = tableOf(undefined, { name: "obj" });
  setindex(obj, "plain", function (x?: LuaValue): LuaValue {
    return x;
  });
  setindex(obj, "method", function (self?: LuaValue, x?: LuaValue): LuaValue {
    return concat(index(self, "name"), x);
  });
  print(
    first(call(index(obj, "plain"), 5)),
    first(callMethod(obj, "method", "!")),
    ...results(call(index(obj, "method"), obj, "?")),
  );
  let deep: LuaValue = tableOf(undefined, { a: tableOf(undefined, { b: tableOf() }) });
  setindex(index(index(deep, "a"), "b"), "f", function (): LuaValue {
    return "deep";
  });
  setindex(index(index(deep, "a"), "b"), "g", function (self?: LuaValue): LuaValue {
    return eq(self, index(index(deep, "a"), "b"));
  });
  print(
    first(call(index(index(index(deep, "a"), "b"), "f"))),
    ...results(callMethod(index(index(deep, "a"), "b"), "g")),
  );
  let s: string = "text";
  print(
    first(callMethod(s, "upper")),
    first(callMethod("%d", "rep", 2)),
    len(first(callMethod(s, "rep", 3, ","))),
  );
  print(
    type(print),
    type(undefined),
    type(tableOf()),
    type("s"),
    type(2),
    type(true),
    type(counter),
  );
  function fact(n?: LuaValue): LuaValue {
    if (n <= 1) {
      return 1;
    }
    return mulInt(n, fact(subInt(n, 1)));
  }
  print(fact(20), fact(21));
  function defaults(x?: LuaValue, y?: LuaValue): LuaValue {
    y = notFalse(y) ?? "default";
    return [x, y];
  }
  print(first(defaults(1)), first(defaults(1, false)), ...results(defaults(1, 2)));
  print(string.format("%s %s", one(), ...results(three())));
  print(math.max(...results(three())), math.min(...results(three())));
  function ret_nil(): LuaValue {
    return undefined;
  }
  print(ret_nil(), ...results(select("#", ret_nil())));
}
