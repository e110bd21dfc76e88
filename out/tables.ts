// Compiled from tables.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  concat as $concat,
  first,
  float,
  floatPow,
  forIn,
  index,
  len,
  type LuaValue,
  math,
  mkfloat,
  modInt,
  mulInt,
  next,
  NONE,
  pairs,
  pcall,
  print,
  rawequal,
  rawget,
  rawlen,
  results,
  setindex,
  table,
  tableOf,
  tostring,
  type,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Table constructors, keys, length and traversal
  let t: LuaValue = tableOf([10, 20, 30], { x: 1 }, ["y z", 2, addInt(3, 1), 40]);
  print(
    len(t),
    index(t, 1),
    index(t, 4),
    index(t, "x"),
    index(t, "y z"),
    index(t, float(1)),
    index(t, float(4)),
  );
  setindex(t, float(1), "one");
  print(index(t, 1), len(t));
  let f: LuaValue = tableOf(["c"], undefined, [1, "a", 2, "b"]);
  print(index(f, 1), index(f, 2), len(f));
  let holes: LuaValue = tableOf([1, undefined, 3]);
  print(len(holes), index(holes, 3));
  let n: LuaValue = tableOf(undefined, { n: 0 });
  for (let i = 1; i <= 100; i++) {
    setindex(n, i, mulInt(i, i));
  }
  print(len(n), index(n, 100), index(n, 101));
  setindex(n, 100, undefined);
  print(len(n));
  let keys: LuaValue = tableOf();
  let src: LuaValue = tableOf([1, 2, 3], { a: 1, b: 2, c: 3 });
  for (const $it1 = forIn(pairs(src)); $it1.next();) {
    const k: LuaValue = $it1.a,
      v: LuaValue = $it1.b;
    setindex(keys, add(len(keys), 1), $concat(tostring(k), $concat("=", tostring(v))));
  }
  table.sort(keys);
  print(table.concat(keys, " "));
  let count: LuaValue = 0;
  for (const $it2 = forIn(pairs(tableOf())); $it2.next();) {
    const k: LuaValue = $it2.a;
    count = addInt(count, 1);
  }
  print(count, first(next(tableOf())), type(next), rawlen(tableOf([1, 2])), rawlen("abc"));
  print(
    ...results(
      pcall(function (): LuaValue {
        let x: LuaValue = tableOf();
        setindex(x, undefined, 1);
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let x: LuaValue = tableOf();
        setindex(x, mkfloat(0 / 0), 1);
        return NONE;
      }),
    ),
  );
  print(
    index(tableOf(), undefined),
    rawget(tableOf([5]), 1),
    rawequal(t, t),
    rawequal(t, tableOf()),
  );
  let nested: LuaValue = tableOf(undefined, {
    a: tableOf(undefined, { b: tableOf(undefined, { c: "deep" }) }),
  });
  print(
    index(index(index(nested, "a"), "b"), "c"),
    len(tableOf([tableOf(), tableOf(), tableOf()])),
  );
  let mixed: LuaValue = tableOf(undefined, undefined, [
    1.5,
    "float",
    -1,
    "neg",
    0,
    "zero",
    mkfloat(floatPow(2, 53)),
    "big",
  ]);
  print(
    index(mixed, 1.5),
    index(mixed, -1),
    index(mixed, 0),
    index(mixed, mkfloat(floatPow(2, 53))),
    index(mixed, 9007199254740992n),
  );
  let m: LuaValue = tableOf();
  setindex(m, mkfloat(floatPow(2, 63)), "f");
  setindex(m, math.mininteger, "i");
  print(
    index(m, mkfloat(floatPow(2, 63))),
    index(m, math.mininteger),
    index(m, unm(mkfloat(floatPow(2, 63)))),
  );
  let arr: LuaValue = tableOf();
  for (let i = 1; i <= 10; i++) {
    setindex(arr, i, i);
  }
  for (let i = 1; i <= 10; i++) {
    if (modInt(i, 2) === 0) {
      setindex(arr, i, undefined);
    }
  }
  let s: LuaValue = 0;
  for (const $it3 = forIn(pairs(arr)); $it3.next();) {
    const _: LuaValue = $it3.a,
      v: LuaValue = $it3.b;
    s = add(s, v);
  }
  print(s);
  let gone: LuaValue = tableOf(undefined, { a: 1, b: 2, c: 3, d: 4 });
  for (const $it4 = forIn(pairs(gone)); $it4.next();) {
    const k: LuaValue = $it4.a;
    setindex(gone, k, undefined);
  }
  print(...results(next(gone)));
}
