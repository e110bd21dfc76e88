// Compiled from oop.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  call,
  callMethod,
  concat as $concat,
  eq,
  error,
  first,
  forIn,
  getmetatable,
  gt,
  index,
  ipairs,
  le,
  len,
  lt,
  type LuaValue,
  math,
  mul,
  ne,
  next,
  NONE,
  pairs,
  pcall,
  print,
  rawget,
  results,
  setindex,
  setmetatable,
  string,
  sub,
  table,
  tableOf,
  tailcall,
  tailcalls,
  tostring,
  truthy,
  type,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $closure1: LuaValue, $closure2: LuaValue, $closure3: LuaValue; // closures reused while their upvalues are the same (as Lua 5.3)
  // Classes with inheritance, metamethods and operator overloading, as Q-SYS plugins write them
  function class_(parent?: LuaValue): LuaValue {
    let c: LuaValue = tableOf();
    setindex(c, "__index", c);
    if (truthy(parent)) {
      setmetatable(
        c,
        tableOf(undefined, {
          __index: parent,
          __call: ($closure1 ??= tailcalls(function (
            cls?: LuaValue,
            ...varargs: LuaValue[]
          ): LuaValue {
            return tailcall(index(cls, "new"), ...varargs);
          }, true)),
        }),
      );
    } else {
      setmetatable(
        c,
        tableOf(undefined, {
          __call: ($closure2 ??= tailcalls(function (
            cls?: LuaValue,
            ...varargs: LuaValue[]
          ): LuaValue {
            return tailcall(index(cls, "new"), ...varargs);
          }, true)),
        }),
      );
    }
    setindex(c, "super", parent);
    return c;
  }
  // A 2D vector with arithmetic, comparison and text
  let Vec: LuaValue = class_();
  setindex(Vec, "new", function (x?: LuaValue, y?: LuaValue): LuaValue {
    return setmetatable(tableOf(undefined, { x: x, y: y }), Vec);
  });
  setindex(
    Vec,
    "__add",
    tailcalls(function (a?: LuaValue, b?: LuaValue): LuaValue {
      return tailcall(
        index(Vec, "new"),
        add(index(a, "x"), index(b, "x")),
        add(index(a, "y"), index(b, "y")),
      );
    }),
  );
  setindex(
    Vec,
    "__sub",
    tailcalls(function (a?: LuaValue, b?: LuaValue): LuaValue {
      return tailcall(
        index(Vec, "new"),
        sub(index(a, "x"), index(b, "x")),
        sub(index(a, "y"), index(b, "y")),
      );
    }),
  );
  setindex(
    Vec,
    "__mul",
    tailcalls(function (a?: LuaValue, b?: LuaValue): LuaValue {
      if (type(a) === "number") {
        return tailcall(index(Vec, "new"), mul(a, index(b, "x")), mul(a, index(b, "y")));
      }
      if (type(b) === "number") {
        return tailcall(index(Vec, "new"), mul(index(a, "x"), b), mul(index(a, "y"), b));
      }
      return add(mul(index(a, "x"), index(b, "x")), mul(index(a, "y"), index(b, "y")));
      // dot product
    }),
  );
  setindex(
    Vec,
    "__unm",
    tailcalls(function (a?: LuaValue): LuaValue {
      return tailcall(index(Vec, "new"), unm(index(a, "x")), unm(index(a, "y")));
    }),
  );
  setindex(Vec, "__eq", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return eq(index(a, "x"), index(b, "x")) && eq(index(a, "y"), index(b, "y"));
  });
  setindex(Vec, "__lt", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return lt(first(callMethod(a, "length")), first(callMethod(b, "length")));
  });
  setindex(Vec, "__le", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return le(first(callMethod(a, "length")), first(callMethod(b, "length")));
  });
  setindex(Vec, "__len", function (a?: LuaValue): LuaValue {
    return 2;
  });
  setindex(Vec, "__tostring", function (a?: LuaValue): LuaValue {
    return $concat("(", $concat(index(a, "x"), $concat(", ", $concat(index(a, "y"), ")"))));
  });
  setindex(Vec, "__concat", function (a?: LuaValue, b?: LuaValue): LuaValue {
    return $concat(tostring(a), tostring(b));
  });
  setindex(Vec, "length", function (self?: LuaValue): LuaValue {
    return math.sqrt(mul(self, self));
  });
  let a: LuaValue = first(call(Vec, 3, 4)),
    b: LuaValue = first(call(index(Vec, "new"), 1, 2));
  print(add(a, b), sub(a, b), mul(a, b), mul(2, a), mul(a, 0.5), unm(a));
  print(eq(a, first(call(Vec, 3, 4))), ne(a, b), lt(b, a), le(a, a), gt(a, b), len(a));
  print(
    first(callMethod(a, "length")),
    tostring(b),
    $concat("v=", a),
    $concat(a, "!"),
    $concat(a, b),
  );
  // Inheritance: Shape -> Rect -> Square, with overriding and super calls
  let Shape: LuaValue = class_();
  setindex(Shape, "new", function (name?: LuaValue): LuaValue {
    let s: LuaValue = setmetatable(tableOf(), Shape);
    setindex(s, "name", name);
    return s;
  });
  setindex(Shape, "area", function (self?: LuaValue): LuaValue {
    return 0;
  });
  setindex(Shape, "describe", function (self?: LuaValue): LuaValue {
    return string.format(
      "%s with area %s",
      index(self, "name"),
      ...results(callMethod(self, "area")),
    );
  });
  setindex(Shape, "__tostring", function (s?: LuaValue): LuaValue {
    return $concat("Shape<", $concat(index(s, "name"), ">"));
  });
  let Rect: LuaValue = class_(Shape);
  setindex(Rect, "new", function (w?: LuaValue, h?: LuaValue): LuaValue {
    let $1: LuaValue, $2: LuaValue, $3: LuaValue, $4: LuaValue;
    let r: LuaValue = first(call(index(Shape, "new"), "rect"));

    $1 = r;
    $2 = r;
    [$3, $4] = [w, h];
    setindex($2, "h", $4);
    setindex($1, "w", $3);
    return setmetatable(r, Rect);
  });
  setindex(Rect, "area", function (self?: LuaValue): LuaValue {
    return mul(index(self, "w"), index(self, "h"));
  });
  setindex(Rect, "__tostring", index(Shape, "__tostring"));
  let Square: LuaValue = class_(Rect);
  setindex(Square, "new", function (side?: LuaValue): LuaValue {
    let s: LuaValue = first(call(index(Rect, "new"), side, side));
    setindex(s, "name", "square");
    return setmetatable(s, Square);
  });
  setindex(Square, "describe", function (self?: LuaValue): LuaValue {
    return $concat("square! ", first(call(index(Rect, "describe"), self)));
  });
  let shapes: LuaValue = tableOf([
    first(call(Shape, "blob")),
    first(call(Rect, 2, 3)),
    first(call(Square, 4)),
    ...results(call(Rect, 1.5, 2)),
  ]);
  for (const $it1 = forIn(ipairs(shapes)); $it1.next();) {
    const i: LuaValue = $it1.a,
      s: LuaValue = $it1.b;
    print(
      i,
      first(callMethod(s, "describe")),
      eq(getmetatable(s), Square),
      eq(index(s, "super"), Shape),
    );
  }
  print(
    eq(index(Square, "super"), Rect),
    eq(index(Rect, "super"), Shape),
    rawget(Square, "area"),
    eq(index(Square, "area"), index(Rect, "area")),
  );
  // Sorting objects by a metamethod and by a comparator
  let vs: LuaValue = tableOf([
    first(call(Vec, 5, 5)),
    first(call(Vec, 1, 0)),
    first(call(Vec, -3, 4)),
    ...results(call(Vec, 0, 2)),
  ]);
  table.sort(vs);
  let out: LuaValue = tableOf();
  for (const $it2 = forIn(ipairs(vs)); $it2.next();) {
    const _: LuaValue = $it2.a,
      v: LuaValue = $it2.b;
    setindex(out, add(len(out), 1), tostring(v));
  }
  print(table.concat(out, " "));
  table.sort(vs, function (p?: LuaValue, q?: LuaValue): LuaValue {
    return gt(index(p, "x"), index(q, "x"));
  });
  out = tableOf();
  for (const $it3 = forIn(ipairs(vs)); $it3.next();) {
    const _: LuaValue = $it3.a,
      v: LuaValue = $it3.b;
    setindex(out, add(len(out), 1), tostring(v));
  }
  print(table.concat(out, " "));
  // Properties through __index/__newindex functions (read-only fields, computed values)
  function readonly_(t?: LuaValue): LuaValue {
    return setmetatable(
      tableOf(),
      tableOf(undefined, {
        __index: t,
        __newindex: ($closure3 ??= function (_?: LuaValue, k?: LuaValue): LuaValue {
          error($concat("attempt to update a read-only field '", $concat(tostring(k), "'")), 2);
          return NONE;
        }),
        __len: function (): LuaValue {
          return len(t);
        },
        __pairs: function (): LuaValue {
          return [next, t, undefined];
        },
      }),
    );
  }
  let days: LuaValue = first(readonly_(tableOf(["Mon", "Tue", "Wed"])));
  print(
    index(days, 2),
    len(days),
    ...results(
      pcall(function (): LuaValue {
        setindex(days, 4, "Thu");
        return NONE;
      }),
    ),
  );
  let n: LuaValue = 0;
  for (const $it4 = forIn(pairs(days)); $it4.next();) {
    const k: LuaValue = $it4.a,
      v: LuaValue = $it4.b;
    n = addInt(n, 1);
  }
  print("pairs saw", n);
  // Counting instances through a shared upvalue and a __gc-free finaliser list
  let created: LuaValue = 0;
  let Counter: LuaValue = class_();
  setindex(Counter, "new", function (): LuaValue {
    created = addInt(created, 1);
    return setmetatable(tableOf(undefined, { id: created }), Counter);
  });
  setindex(Counter, "__tostring", function (c?: LuaValue): LuaValue {
    return $concat("Counter#", index(c, "id"));
  });
  let c1: LuaValue = first(call(Counter)),
    c2: LuaValue = first(call(Counter)),
    c3: LuaValue = first(call(Counter));
  print(c1, c2, c3, created);
}
