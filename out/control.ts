// Compiled from control.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  call,
  eq,
  first,
  float,
  forIn,
  forLimit,
  forPrep,
  ge,
  gt,
  index,
  io,
  ipairs,
  len,
  lt,
  type LuaValue,
  math,
  mul,
  NONE,
  pcall,
  print,
  results,
  setindex,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $1: LuaValue, $2: LuaValue, $3: LuaValue, $4: LuaValue, $5: LuaValue;
  // Control flow: if, while, repeat, numeric and generic for, break
  function classify(n?: LuaValue): LuaValue {
    if (lt(n, 0)) {
      return "neg";
    } else if (eq(n, 0)) {
      return "zero";
    } else if (lt(n, 10)) {
      return "small";
    } else {
      return "big";
    }
  }
  print(classify(-1), classify(0), classify(5), ...results(classify(50)));
  let i: LuaValue = 0;
  while (lt(i, 3)) {
    i = add(i, 1);
  }
  print(i);
  let j: LuaValue = 0;
  while (true) {
    let k: LuaValue = j;
    j = add(j, 1);
    if (ge(k, 4)) break;
  }
  print(j);
  for (let a = 1; a <= 3; a++) {
    io.write(a, " ");
  }
  print();
  for (let a = 3; a >= 1; a--) {
    io.write(a, " ");
  }
  print();
  for (let a = 1; a <= 0; a++) {
    print("never");
  }
  for (const $for1 = forPrep(1, 2, 0.5); $for1.next();) {
    const a: LuaValue = $for1.value;
    io.write(a, " ");
  }
  print();
  for (const $for2 = forPrep(0.1, 0.35, 0.1); $for2.next();) {
    const a: LuaValue = $for2.value;
    io.write(a, " ");
  }
  print();
  for (const $for3 = forPrep(float(1), 3, 1); $for3.next();) {
    const a: LuaValue = $for3.value;
    io.write(a, " ");
  }
  print();
  for (let a = 10; a >= 1; a += -4) {
    io.write(a, " ");
  }
  print();
  for (const $for4 = forPrep(math.mininteger, add(math.mininteger, 2), 1); $for4.next();) {
    const a: LuaValue = $for4.value;
    io.write(a, " ");
  }
  print();
  for (let a = 1, $limit = forLimit(3.7, 1); a <= $limit; a++) {
    io.write(a, " ");
  }
  print();
  for (let a = 3, $limit = forLimit(1.5, -1); a >= $limit; a--) {
    io.write(a, " ");
  }
  print();
  for (let a = 1, $limit = forLimit(math.huge, 1); a <= $limit; a++) {
    if (gt(a, 3)) {
      break;
    }
    io.write(a, " ");
  }
  print();
  print(
    ...results(
      pcall(function (): LuaValue {
        let $1: LuaValue;
        for (const $for1 = forPrep(1, 10, 0); $for1.next();) {
          const a: LuaValue = $for1.value;
        }
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        let $1: LuaValue;
        for (const $for1 = forPrep("x", 10, 1); $for1.next();) {
          const a: LuaValue = $for1.value;
        }
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        for (let a = 1, $limit = forLimit(tableOf(), 1); a <= $limit; a++) {}
        return NONE;
      }),
    ),
  );
  let fns: LuaValue = tableOf();
  for (let a = 1; a <= 3; a++) {
    setindex(fns, a, function (): LuaValue {
      return a;
    });
  }
  print(first(call(index(fns, 1))), first(call(index(fns, 2))), ...results(call(index(fns, 3))));
  let gen: LuaValue = tableOf();
  for (const [_, v] of forIn(ipairs(tableOf(["x", "y"])))) {
    setindex(gen, add(len(gen), 1), function (): LuaValue {
      return v;
    });
  }
  print(first(call(index(gen, 1))), ...results(call(index(gen, 2))));
  let w: LuaValue = tableOf();
  let c: LuaValue = 0;
  while (lt(c, 3)) {
    c = add(c, 1);
    let cc: LuaValue = c;
    setindex(w, c, function (): LuaValue {
      return cc;
    });
  }
  print(first(call(index(w, 1))), ...results(call(index(w, 3))));
  for (const [idx, v] of forIn(ipairs(tableOf([1, 2, undefined, 4])))) {
    io.write(idx, ":", v, " ");
  }
  print();
  function iter(s?: LuaValue, c_2?: LuaValue): LuaValue {
    if (lt(c_2, s)) {
      return [add(c_2, 1), mul(c_2, 2)];
    }
    return NONE;
  }
  for (const [x, y] of forIn([iter, 3, 0])) {
    io.write(x, ",", y, " ");
  }
  print();
  for (let a = 1; a <= 3; a++) {
    for (let b = 1; b <= 3; b++) {
      if (eq(b, 2)) {
        break;
      }
      io.write(a, b, " ");
    }
  }
  print();
  let v: LuaValue = 5;
  for (const $for5 = forPrep(v, add(v, 1), 1); $for5.next();) {
    const v_2: LuaValue = $for5.value;
    io.write(v_2, " ");
  }
  print(v);
  for (let q = 1; q <= 3; q++) {
    let q_2: LuaValue = mul(q, 10);
    io.write(q_2, " ");
  }
  print();
}
