// Compiled from goto.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  concat,
  eq,
  forIn,
  ge,
  gt,
  io,
  ipairs,
  lt,
  type LuaValue,
  mod,
  print,
  results,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $1: LuaValue;
  $1 = 0;
  jump: for (;;) {
    switch ($1) {
      case 0:
        // goto and labels: continue, forward and backward jumps, nested loops
        for (let i = 1; i <= 5; i++) {
          if (eq(mod(i, 2), 0)) {
            continue;
          }
          io.write(i, " ");
        }
        print();
        let n: LuaValue = 0;
      case 1: // ::top::
        n = add(n, 1);
        if (lt(n, 4)) {
          {
            $1 = 1;
            continue jump;
          }
        }
        print("n", n);
        {
          skip: {
            break skip;
            print("skipped");
          }
          print("after skip");
        }
        for (let i = 1; i <= 3; i++) {
          next_i: {
            for (let j = 1; j <= 3; j++) {
              if (eq(j, 2)) {
                break next_i;
              }
              io.write(i, j, " ");
            }
          }
        }
        print();
        let k: LuaValue = 0;
        while (true) {
          k = add(k, 1);
          if (gt(k, 3)) {
            {
              $1 = 2;
              continue jump;
            }
          }
        }
      case 2: // ::done::
        print("k", k);
        let r: LuaValue = 0;
        while (true) {
          r = add(r, 1);
          cont: {
            if (eq(r, 2)) {
              break cont;
            }
            io.write("r", r, " ");
          }
          if (ge(r, 3)) break;
        }
        print();
        function find(t?: LuaValue, x?: LuaValue): LuaValue {
          found: {
            for (const [i, v] of forIn(ipairs(t))) {
              if (eq(v, x)) {
                break found;
              }
            }
            {
              return undefined;
            }
          }
          return concat("found ", x);
        }
        print(find(tableOf([1, 2, 3]), 2), ...results(find(tableOf([1]), 5)));
    }
    break jump;
  }
}
