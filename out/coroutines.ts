// Compiled from coroutines.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addCo,
  call,
  callCo,
  callMethod,
  callMethodCo,
  concat,
  concatCo,
  coroutine,
  error,
  errorAt,
  first,
  forIn,
  forInCo,
  forLimit,
  index,
  indexCo,
  io,
  ipairs,
  type LuaValue,
  mul,
  mulCo,
  NONE,
  pcall,
  PENDING,
  pendingCo,
  print,
  results,
  select,
  setindex,
  setindexCo,
  subInt,
  tableOf,
  tostring,
  truthy,
  twinOf,
  type,
  withCo,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $closure1: LuaValue; // closures reused while their upvalues are the same (as Lua 5.3)
  // Coroutines: values both ways, status, wrap, errors, yield across pcall and nested calls
  let co: LuaValue = coroutine.create(
    withCo(
      function (a?: LuaValue, b?: LuaValue): LuaValue {
        print("start", a, b);
        let c: LuaValue = first(coroutine.yield(add(a, b)));
        print("got", c);
        let [d, e]: LuaValue[] = [...results(coroutine.yield(mul(c, 2)))];
        print("got", d, e);
        return ["done", a];
      },
      function* (a?: LuaValue, b?: LuaValue): Generator<LuaValue, LuaValue, LuaValue> {
        let $co: LuaValue;
        print("start", a, b);
        let c: LuaValue = first(
          yield* callCo(
            coroutine.yield,
            ($co = addCo(a, b)) !== PENDING ? $co : yield* pendingCo(),
          ),
        );
        print("got", c);
        let [d, e]: LuaValue[] = [
          ...results(
            yield* callCo(
              coroutine.yield,
              ($co = mulCo(c, 2)) !== PENDING ? $co : yield* pendingCo(),
            ),
          ),
        ];
        print("got", d, e);
        return ["done", a];
      },
    ),
  );
  print(coroutine.status(co));
  print(...results(coroutine.resume(co, 1, 2)));
  print(coroutine.status(co));
  print(...results(coroutine.resume(co, 10)));
  print(...results(coroutine.resume(co, "x", "y")));
  print(coroutine.status(co));
  print(...results(coroutine.resume(co)));
  let gen = withCo(
    function gen(n?: LuaValue): LuaValue {
      return coroutine.wrap(
        withCo(
          function (): LuaValue {
            for (let i = 1, $limit = forLimit(n, 1); i <= $limit; i++) {
              coroutine.yield(i);
            }
            return NONE;
          },
          function* (): Generator<LuaValue, LuaValue, LuaValue> {
            for (let i = 1, $limit = forLimit(n, 1); i <= $limit; i++) {
              yield* callCo(coroutine.yield, i);
            }
            return NONE;
          },
        ),
      );
    },
    function* (n?: LuaValue): Generator<LuaValue, LuaValue, LuaValue> {
      return coroutine.wrap(
        withCo(
          function (): LuaValue {
            for (let i = 1, $limit = forLimit(n, 1); i <= $limit; i++) {
              coroutine.yield(i);
            }
            return NONE;
          },
          function* (): Generator<LuaValue, LuaValue, LuaValue> {
            for (let i = 1, $limit = forLimit(n, 1); i <= $limit; i++) {
              yield* callCo(coroutine.yield, i);
            }
            return NONE;
          },
        ),
      );
    },
  );
  for (const $it1 = forIn(gen(4)); $it1.next();) {
    const v: LuaValue = $it1.a;
    io.write(v, " ");
  }
  print();
  let deep = withCo(
    function deep(n?: LuaValue): LuaValue {
      tailcall: for (;;) {
        if (n === 0) {
          coroutine.yield("bottom");
          return "up";
        }
        n = subInt(n, 1);
        continue tailcall;
      }
    },
    function* (n?: LuaValue): Generator<LuaValue, LuaValue, LuaValue> {
      tailcall: for (;;) {
        if (n === 0) {
          yield* callCo(coroutine.yield, "bottom");
          return "up";
        }
        n = subInt(n, 1);
        continue tailcall;
      }
    },
  );
  let d: LuaValue = coroutine.wrap(
    withCo(
      function (): LuaValue {
        return deep(5);
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        return yield* twinOf(deep)(5);
      },
    ),
  );
  print(first(call(d)), ...results(call(d)));
  let failing: LuaValue = coroutine.create(
    withCo(
      function (): LuaValue {
        errorAt("inside", "coroutines.lua:27: ");
        return NONE;
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        errorAt("inside", "coroutines.lua:27: ");
        return NONE;
      },
    ),
  );
  print(...results(coroutine.resume(failing)));
  print(coroutine.status(failing), ...results(coroutine.resume(failing)));
  let w: LuaValue = coroutine.wrap(
    withCo(
      function (): LuaValue {
        errorAt("wrapped", "coroutines.lua:30: ");
        return NONE;
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        errorAt("wrapped", "coroutines.lua:30: ");
        return NONE;
      },
    ),
  );
  print(...results(pcall(w)));
  let tbl: LuaValue = coroutine.wrap(
    withCo(
      function (): LuaValue {
        errorAt(tableOf(undefined, { code: 3 }), "coroutines.lua:32: ");
        return NONE;
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        errorAt(tableOf(undefined, { code: 3 }), "coroutines.lua:32: ");
        return NONE;
      },
    ),
  );
  let [ok, err]: LuaValue[] = [...results(pcall(tbl))];
  print(ok, type(err), index(err, "code"));
  let across: LuaValue = coroutine.create(
    withCo(
      function (): LuaValue {
        let [ok2, v]: LuaValue[] = [
          ...results(
            pcall(
              ($closure1 ??= withCo(
                function (): LuaValue {
                  let got: LuaValue = first(coroutine.yield("from pcall"));
                  errorAt(concat("after ", got), "coroutines.lua:38: ");
                  return NONE;
                },
                function* (): Generator<LuaValue, LuaValue, LuaValue> {
                  let $co: LuaValue;
                  let got: LuaValue = first(yield* callCo(coroutine.yield, "from pcall"));
                  errorAt(
                    ($co = concatCo("after ", got)) !== PENDING ? $co : yield* pendingCo(),
                    "coroutines.lua:38: ",
                  );
                  return NONE;
                },
              )),
            ),
          ),
        ];
        coroutine.yield(concat(tostring(ok2), concat(" ", v)));
        return "end";
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        let $co: LuaValue;
        let [ok2, v]: LuaValue[] = [
          ...results(
            yield* callCo(
              pcall,
              ($closure1 ??= withCo(
                function (): LuaValue {
                  let got: LuaValue = first(coroutine.yield("from pcall"));
                  errorAt(concat("after ", got), "coroutines.lua:38: ");
                  return NONE;
                },
                function* (): Generator<LuaValue, LuaValue, LuaValue> {
                  let $co: LuaValue;
                  let got: LuaValue = first(yield* callCo(coroutine.yield, "from pcall"));
                  errorAt(
                    ($co = concatCo("after ", got)) !== PENDING ? $co : yield* pendingCo(),
                    "coroutines.lua:38: ",
                  );
                  return NONE;
                },
              )),
            ),
          ),
        ];
        yield* callCo(
          coroutine.yield,
          ($co = concatCo(
            tostring(ok2),
            ($co = concatCo(" ", v)) !== PENDING ? $co : yield* pendingCo(),
          )) !== PENDING
            ? $co
            : yield* pendingCo(),
        );
        return "end";
      },
    ),
  );
  print(...results(coroutine.resume(across)));
  print(...results(coroutine.resume(across, "resume")));
  print(...results(coroutine.resume(across)));
  print(coroutine.isyieldable(), ...results(select(2, ...results(coroutine.running()))));
  let inner: LuaValue = coroutine.create(
    withCo(
      function (): LuaValue {
        print(coroutine.isyieldable(), ...results(select(2, ...results(coroutine.running()))));
        print(coroutine.status(...results(coroutine.running())));
        return NONE;
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        print(
          first(yield* callCo(coroutine.isyieldable)),
          ...results(select(2, ...results(coroutine.running()))),
        );
        print(...results(coroutine.status(...results(coroutine.running()))));
        return NONE;
      },
    ),
  );
  coroutine.resume(inner);
  print(...results(pcall(coroutine.yield, 1)));
  print(
    ...results(
      coroutine.resume(
        coroutine.create(
          withCo(
            function (...varargs: LuaValue[]): LuaValue {
              return [first(select("#", ...varargs)), ...varargs];
            },
            function* (...varargs: LuaValue[]): Generator<LuaValue, LuaValue, LuaValue> {
              return [first(select("#", ...varargs)), ...varargs];
            },
          ),
        ),
        undefined,
        undefined,
      ),
    ),
  );
  let obj: LuaValue = tableOf(undefined, { n: 0 });
  setindex(
    obj,
    "step",
    withCo(
      function (self?: LuaValue): LuaValue {
        setindex(self, "n", add(index(self, "n"), 1));
        coroutine.yield(index(self, "n"));
        return NONE;
      },
      function* (self?: LuaValue): Generator<LuaValue, LuaValue, LuaValue> {
        let $co: LuaValue;
        if (
          setindexCo(
            self,
            "n",
            ($co = addCo(($co = indexCo(self, "n")) !== PENDING ? $co : yield* pendingCo(), 1)) !==
              PENDING
              ? $co
              : yield* pendingCo(),
          ) === PENDING
        )
          yield* pendingCo();
        yield* callCo(
          coroutine.yield,
          ($co = indexCo(self, "n")) !== PENDING ? $co : yield* pendingCo(),
        );
        return NONE;
      },
    ),
  );
  let stepper: LuaValue = coroutine.wrap(
    withCo(
      function (): LuaValue {
        while (true) {
          callMethod(obj, "step");
        }
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        while (true) {
          yield* callMethodCo(obj, "step");
        }
      },
    ),
  );
  print(first(call(stepper)), first(call(stepper)), ...results(call(stepper)));
  let producer: LuaValue = coroutine.create(
    withCo(
      function (): LuaValue {
        for (const $it1 = forIn(ipairs(tableOf(["a", "b"]))); $it1.next();) {
          const _: LuaValue = $it1.a,
            item: LuaValue = $it1.b;
          coroutine.yield(item);
        }
        return NONE;
      },
      function* (): Generator<LuaValue, LuaValue, LuaValue> {
        let $1: LuaValue;
        for (const $for1 = forInCo(ipairs(tableOf(["a", "b"]))); ;) {
          const $step1 = yield* $for1.step();
          if ($step1 === undefined) break;
          const [_, item] = $step1;
          yield* callCo(coroutine.yield, item);
        }
        return NONE;
      },
    ),
  );
  while (true) {
    let [ok3, item]: LuaValue[] = [...results(coroutine.resume(producer))];
    if (!truthy(item)) {
      break;
    }
    io.write(item, ";");
  }
  print(coroutine.status(producer));
  print(...results(coroutine.resume(...results(coroutine.running()))));
  print(
    ...results(
      pcall(
        withCo(
          function (): LuaValue {
            return coroutine.resume(1);
          },
          function* (): Generator<LuaValue, LuaValue, LuaValue> {
            return coroutine.resume(1);
          },
        ),
      ),
    ),
  );
}
