// Compiled from tablelib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  first,
  float,
  forIn,
  gt,
  index,
  io,
  ipairs,
  le,
  len,
  type LuaValue,
  mul,
  NONE,
  pcall,
  print,
  results,
  select,
  setmetatable,
  table,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The table library: queues of commands, sorted presets, joined status lines
  let queue: LuaValue = tableOf();
  table.insert(queue, "POWER ON");
  table.insert(queue, 1, "WAKE");
  table.insert(queue, "INPUT 2");
  print(
    len(queue),
    table.concat(queue, "; "),
    first(table.remove(queue, 1)),
    first(table.remove(queue)),
    len(queue),
  );
  print(first(pcall(table.insert, queue, 5, "x")), ...results(pcall(table.insert, queue, 1, 2, 3)));
  let presets: LuaValue = tableOf([
    tableOf(undefined, { name: "Lecture", level: -10 }),
    tableOf(undefined, { name: "Movie", level: -4 }),
    tableOf(undefined, { name: "Off", level: -100 }),
    tableOf(undefined, { name: "Loud", level: 0 }),
  ]);
  table.sort(presets, function (a?: LuaValue, b?: LuaValue): LuaValue {
    return gt(index(a, "level"), index(b, "level"));
  });
  for (const $it1 = forIn(ipairs(presets)); $it1.next();) {
    const i: LuaValue = $it1.a,
      p: LuaValue = $it1.b;
    io.write(i, ":", index(p, "name"), " ");
  }
  print();
  let words: LuaValue = tableOf(["delta", "Alpha", "charlie", "bravo", "alpha"]);
  table.sort(words);
  print(table.concat(words, " "));
  print(
    first(pcall(table.sort, tableOf([3, 1, "x"]))),
    ...results(
      pcall(table.sort, tableOf([1, 2, 3]), function (a?: LuaValue, b?: LuaValue): LuaValue {
        return true;
      }),
    ),
  );
  print(
    table.concat(tableOf([1, 2.5, "x", float(3)]), "-"),
    table.concat(tableOf(), "x"),
    ...results(pcall(table.concat, tableOf([1, tableOf(), 3]))),
  );
  print(
    first(table.unpack(tableOf([1, 2, 3]))),
    first(table.unpack(tableOf([1, 2, 3]), 2)),
    ...results(select("#", ...results(table.unpack(tableOf(), 1, 3)))),
  );
  let p: LuaValue = table.pack(undefined, "b", undefined);
  print(index(p, "n"), index(p, 1), index(p, 2), index(p, 3));
  let moved: LuaValue = first(table.move(tableOf([1, 2, 3, 4, 5]), 2, 4, 1));
  print(table.concat(moved, ","));
  print(table.concat(first(table.move(tableOf([1, 2, 3]), 1, 3, 3, tableOf(["a", "b"]))), ","));
  let proxy: LuaValue = setmetatable(
    tableOf(),
    tableOf(undefined, {
      __index: function (_?: LuaValue, i?: LuaValue): LuaValue {
        if (le(i, 3)) {
          return mul(i, 10);
        }
        return NONE;
      },
      __len: function (): LuaValue {
        return 3;
      },
    }),
  );
  print(table.concat(proxy, "+"), ...results(table.unpack(proxy)));
}
