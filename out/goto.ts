// Compiled from goto.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  eq,
  forIn,
  io,
  ipairs,
  type LuaValue,
  modInt,
  print,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $1: LuaValue;
  // goto and labels: continue, forward and backward jumps, nested loops
  for (let i = 1; i <= 5; i++) {
    if (modInt(i, 2) === 0) {
      continue;
    }
    io.write(i, " ");
  }
  print();
  let n: LuaValue = 0;
  top: while (true) {
    n = addInt(n, 1);
    if (n < 4) {
      continue top;
    }
    break top;
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
        if (j === 2) {
          break next_i;
        }
        io.write(i, j, " ");
      }
    }
  }
  print();
  let k: LuaValue = 0;
  done: {
    while (true) {
      k = addInt(k, 1);
      if (k > 3) {
        break done;
      }
    }
  }
  print("k", k);
  let r: LuaValue = 0;
  while (true) {
    r = addInt(r, 1);
    cont: {
      if (r === 2) {
        break cont;
      }
      io.write("r", r, " ");
    }
    if (r >= 3) break;
  }
  print();
  function find(t?: LuaValue, x?: LuaValue): LuaValue {
    found: {
      for (const $it1 = forIn(ipairs(t)); $it1.next();) {
        const i: LuaValue = $it1.a,
          v: LuaValue = $it1.b;
        if (eq(v, x)) {
          break found;
        }
      }
      {
        return undefined;
      }
    }
    return `found ${x}`;
  }
  print(find(tableOf([1, 2, 3]), 2), find(tableOf([1]), 5));
  // crossing jumps
  let i: LuaValue = 1;
  a: while (true) {
    c: {
      if (i > 3) {
        break c;
      }
      io.write("a", i, " ");
      b: while (true) {
        i = addInt(i, 1);
        if (modInt(i, 2) === 0) {
          continue b;
        }
        break b;
      }
      continue a;
    }
    break a;
  }
  print("c", i);
  {
    let x: LuaValue, y: LuaValue;
    $1 = 0;
    jump: for (;;) {
      switch ($1) {
        case 0:
          [x, y] = [0, undefined];
          {
            $1 = 2;
            continue jump;
          }
        case 1: // ::one::
          x = add(x, 10);
          {
            $1 = 3;
            continue jump;
          }
        case 2: // ::two::
          y = 5;
          x = add(x, y);
          {
            $1 = 1;
            continue jump;
          }
        case 3: // ::three::
          print("x", x);
      }
      break jump;
    }
  }
  for (let k_2 = 1; k_2 <= 3; k_2++) {
    let n_2: LuaValue = 0;
    again: while (true) {
      n_2 = addInt(n_2, 1);
      if (n_2 < k_2) {
        continue again;
      }
      break again;
    }
    if (k_2 === 2) {
      continue;
    }
    io.write(k_2, ":", n_2, " ");
  }
  print();
}
