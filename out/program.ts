// Compiled from program.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add as $add,
  call,
  callMethod,
  eq,
  error,
  errorAt,
  first,
  forIn,
  forLimit,
  gt,
  index,
  io,
  ipairs,
  len,
  lt,
  type LuaValue,
  math,
  ne,
  NONE,
  notFalse,
  pairs,
  pcall,
  print,
  results,
  select,
  setindex,
  setmetatable,
  string,
  subInt,
  table,
  tableOf,
  tailcall,
  tailcalls,
  truthy,
  type,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $closure1: LuaValue; // closures reused while their upvalues are the same (as Lua 5.3)
  // A small event-driven program: a scheduler with closures, varargs, multiple results,
  // goto continue, string building and error handling with error objects
  let Scheduler: LuaValue = tableOf();
  setindex(Scheduler, "__index", Scheduler);
  setindex(Scheduler, "new", function (): LuaValue {
    return setmetatable(
      tableOf(undefined, { queue: tableOf(), now: 0, log: tableOf() }),
      Scheduler,
    );
  });
  setindex(
    Scheduler,
    "at",
    function (self?: LuaValue, time?: LuaValue, fn?: LuaValue, ...varargs: LuaValue[]): LuaValue {
      let args: LuaValue = table.pack(...varargs);
      setindex(
        index(self, "queue"),
        $add(len(index(self, "queue")), 1),
        tableOf(undefined, {
          time: time,
          seq: len(index(self, "queue")),
          run: tailcalls(function (): LuaValue {
            return tailcall(fn, ...results(table.unpack(args, 1, index(args, "n"))));
          }),
        }),
      );
      return NONE;
    },
  );
  setindex(Scheduler, "run", function (self?: LuaValue): LuaValue {
    table.sort(
      index(self, "queue"),
      ($closure1 ??= function (a?: LuaValue, b?: LuaValue): LuaValue {
        if (ne(index(a, "time"), index(b, "time"))) {
          return lt(index(a, "time"), index(b, "time"));
        }
        return lt(index(a, "seq"), index(b, "seq"));
      }),
    );
    for (const $it1 = forIn(ipairs(index(self, "queue"))); $it1.next();) {
      const _: LuaValue = $it1.a,
        ev: LuaValue = $it1.b;
      setindex(self, "now", index(ev, "time"));
      let [ok, err]: LuaValue[] = [...results(pcall(index(ev, "run")))];
      if (!truthy(ok)) {
        if (type(err) === "table") {
          setindex(
            index(self, "log"),
            $add(len(index(self, "log")), 1),
            string.format(
              "t=%g error %s: %s",
              index(self, "now"),
              index(err, "code"),
              index(err, "message"),
            ),
          );
        } else {
          setindex(
            index(self, "log"),
            $add(len(index(self, "log")), 1),
            string.format("t=%g error: %s", index(self, "now"), err),
          );
        }
        continue;
      }
      setindex(
        index(self, "log"),
        $add(len(index(self, "log")), 1),
        string.format("t=%g ok", index(self, "now")),
      );
    }
    return [len(index(self, "log")), index(self, "log")];
  });
  let s: LuaValue = first(call(index(Scheduler, "new")));
  let total: LuaValue = 0;
  function add(...varargs: LuaValue[]): LuaValue {
    for (let i = 1, $limit = forLimit(first(select("#", ...varargs)), 1); i <= $limit; i++) {
      let v: LuaValue = first(select(i, ...varargs));
      if (v === undefined) {
        errorAt(
          tableOf(undefined, { code: "E_NIL", message: `argument ${i} is nil` }),
          "program.lua:40: ",
        );
      }
      total = $add(total, v);
    }
    return total;
  }
  callMethod(s, "at", 2, add, 1, 2, 3);
  callMethod(s, "at", 1, add, 10);
  callMethod(s, "at", 3, add, 1, undefined, 3);
  callMethod(s, "at", 2.5, function (): LuaValue {
    errorAt("plain failure", "program.lua:48: ");
    return NONE;
  });
  callMethod(s, "at", 0.5, function (): LuaValue {
    let t: LuaValue = undefined;
    return index(t, "field");
  });
  callMethod(s, "at", 4, print, "printed", "by", "the", "scheduler", ...results(select("#")));
  let [n, log]: LuaValue[] = [...results(callMethod(s, "run"))];
  print(n, total);
  for (let i = 1, $limit = forLimit(n, 1); i <= $limit; i++) {
    print(index(log, i));
  }
  // Multiple results flowing through every position
  function minmax(...varargs: LuaValue[]): LuaValue {
    let lo: LuaValue = math.huge,
      hi: LuaValue = unm(math.huge);
    for (const $it1 = forIn(ipairs(tableOf([...varargs]))); $it1.next();) {
      const _: LuaValue = $it1.a,
        v: LuaValue = $it1.b;
      if (lt(v, lo)) {
        lo = v;
      }
      if (gt(v, hi)) {
        hi = v;
      }
    }
    return [lo, hi];
  }
  print(...results(minmax(3, 1, 4, 1, 5, 9, 2, 6)));
  print(first(minmax(3, 1, 4)));
  print(
    eq(index(tableOf([...results(minmax(7, 8))]), 2), 8),
    len(tableOf([...results(minmax(7, 8))])),
    ...results(select("#", ...results(minmax(7, 8)))),
  );
  let t: LuaValue = tableOf([first(minmax(2, 3)), ...results(minmax(4, 5))]);
  print(len(t), index(t, 1), index(t, 2), index(t, 3));
  print(string.format("%d..%d", ...results(minmax(10, 20, 30))));
  // A word frequency count with gsub/gmatch and sorted output
  let text: string = "the quick brown fox jumps over the lazy dog the fox";
  let counts: LuaValue = tableOf();
  for (const $it1 = forIn(callMethod(text, "gmatch", "%a+")); $it1.next();) {
    const w: LuaValue = $it1.a;
    setindex(counts, w, $add(notFalse(index(counts, w)) ?? 0, 1));
  }
  let words: LuaValue = tableOf();
  for (const $it2 = forIn(pairs(counts)); $it2.next();) {
    const w: LuaValue = $it2.a;
    setindex(words, $add(len(words), 1), w);
  }
  table.sort(words, function (a?: LuaValue, b?: LuaValue): LuaValue {
    return (
      gt(index(counts, a), index(counts, b)) || (eq(index(counts, a), index(counts, b)) && lt(a, b))
    );
  });
  for (let i = 1; i <= 4; i++) {
    io.write(index(words, i), "=", index(counts, index(words, i)), lt(i, 4) ? ", " : "\n");
  }
  print(
    first(callMethod(text, "gsub", "the", "THE")),
    ...results(select(2, ...results(callMethod(text, "gsub", "o", "0")))),
  );
  // Memoised recursion through a closure table
  let memo: LuaValue = tableOf();
  function fib(n_2?: LuaValue): LuaValue {
    if (n_2 < 2) {
      return n_2;
    }
    let v: LuaValue = index(memo, n_2);
    if (truthy(v)) {
      return v;
    }
    v = $add(fib(subInt(n_2, 1)), fib(subInt(n_2, 2)));
    setindex(memo, n_2, v);
    return v;
  }
  print(fib(50), fib(90), $add(fib(92), fib(91)));
}
