// Compiled from control.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  call,
  first,
  float,
  forIn,
  forLimit,
  forPrep,
  index,
  io,
  ipairs,
  len,
  lt,
  type LuaValue,
  math,
  mkfloat,
  mul,
  mulInt,
  NONE,
  pcall,
  print,
  results,
  setindex,
  sub,
  tableOf,
  unm,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Control flow: if, while, repeat, numeric and generic for, break
  function classify(n?: LuaValue): LuaValue {
    if (n < 0) {
      return "neg";
    } else if (n === 0) {
      return "zero";
    } else if (n < 10) {
      return "small";
    } else {
      return "big";
    }
  }
  print(classify(-1), classify(0), classify(5), classify(50));
  let i: LuaValue = 0;
  while (i < 3) {
    i = addInt(i, 1);
  }
  print(i);
  let j: LuaValue = 0;
  while (true) {
    let k: LuaValue = j;
    j = addInt(j, 1);
    if (k >= 4) break;
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
    if (a > 3) {
      break;
    }
    io.write(a, " ");
  }
  print();
  print(
    ...results(
      pcall(function (): LuaValue {
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
  for (const $it5 = forIn(ipairs(tableOf(["x", "y"]))); $it5.next();) {
    const _: LuaValue = $it5.a,
      v: LuaValue = $it5.b;
    setindex(gen, add(len(gen), 1), function (): LuaValue {
      return v;
    });
  }
  print(first(call(index(gen, 1))), ...results(call(index(gen, 2))));
  let w: LuaValue = tableOf();
  let c: LuaValue = 0;
  while (c < 3) {
    c = addInt(c, 1);
    let cc: LuaValue = c;
    setindex(w, c, function (): LuaValue {
      return cc;
    });
  }
  print(first(call(index(w, 1))), ...results(call(index(w, 3))));
  for (const $it6 = forIn(ipairs(tableOf([1, 2, undefined, 4]))); $it6.next();) {
    const idx: LuaValue = $it6.a,
      v: LuaValue = $it6.b;
    io.write(idx, ":", v, " ");
  }
  print();
  function iter(s?: LuaValue, c_2?: LuaValue): LuaValue {
    if (lt(c_2, s)) {
      return [add(c_2, 1), mul(c_2, 2)];
    }
    return NONE;
  }
  for (const $it7 = forIn([iter, 3, 0]); $it7.next();) {
    const x: LuaValue = $it7.a,
      y: LuaValue = $it7.b;
    io.write(x, ",", y, " ");
  }
  print();
  for (let a = 1; a <= 3; a++) {
    for (let b = 1; b <= 3; b++) {
      if (b === 2) {
        break;
      }
      io.write(a, b, " ");
    }
  }
  print();
  let v: number = 5;
  for (const $for8 = forPrep(v, addInt(v, 1), 1); $for8.next();) {
    const v_2: LuaValue = $for8.value;
    io.write(v_2, " ");
  }
  print(v);
  for (let q = 1; q <= 3; q++) {
    let q_2: LuaValue = mulInt(q, 10);
    io.write(q_2, " ");
  }
  print();
  // numeric for at the int64 limits (5.3 wraps the counter), strings, zero steps, float starts
  for (const $for9 = forPrep(sub(math.maxinteger, 2), math.maxinteger, 2); $for9.next();) {
    const a: LuaValue = $for9.value;
    io.write(a, " ");
    if (lt(a, 0)) {
      break;
    }
  }
  print();
  for (const $for10 = forPrep(9007199254740990, 9007199254740994n, 1); $for10.next();) {
    const a: LuaValue = $for10.value;
    io.write(a, " ");
  }
  print();
  for (const $for11 = forPrep(-1, -3, math.mininteger); $for11.next();) {
    const a: LuaValue = $for11.value;
    io.write(a, " ");
    break;
  }
  print();
  print(
    ...results(
      pcall(function (): LuaValue {
        for (const $for1 = forPrep("1", 2, 1); $for1.next();) {
          const i_2: LuaValue = $for1.value;
          io.write(i_2, math.type(i_2), " ");
        }
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        for (let i_3 = 1, $limit = forLimit("2", 1); i_3 <= $limit; i_3++) {
          io.write(i_3, math.type(i_3), " ");
        }
        return NONE;
      }),
    ),
  );
  print(
    ...results(
      pcall(function (): LuaValue {
        for (const $for1 = forPrep(1, 2, "1"); $for1.next();) {
          const i_4: LuaValue = $for1.value;
          io.write(i_4, math.type(i_4), " ");
        }
        return NONE;
      }),
    ),
  );
  for (let i_5 = 1, $limit = forLimit(mkfloat(0 / 0), 1); i_5 <= $limit; i_5++) {
    print("nan", i_5);
  }
  for (let i_6 = 3, $limit = forLimit(2.5, -1); i_6 >= $limit; i_6--) {
    io.write(i_6, " ");
  }
  print();
  for (let i_7 = 1, $limit = forLimit(unm(math.huge), -1); i_7 >= $limit; i_7--) {
    if (i_7 < -2) {
      break;
    }
    io.write(i_7, " ");
  }
  print();
  for (let i_8 = 1, $limit = forLimit(math.huge, -1); i_8 >= $limit; i_8--) {
    print("never");
  }
  for (const $for12 = forPrep(1e-20, 2, 1); $for12.next();) {
    const i_9: LuaValue = $for12.value;
    io.write(i_9, " ");
  }
  print();
  for (const $for13 = forPrep(3, 1, float(0)); $for13.next();) {
    const i_10: LuaValue = $for13.value;
    io.write(i_10, " ");
    break;
  }
  print();
  let z: LuaValue = 0;
  for (const $for14 = forPrep(1, 10, 0); $for14.next();) {
    const a: LuaValue = $for14.value;
    z = addInt(z, 1);
  }
  print(z);
  for (const $for15 = forPrep(10, 1, 0); $for15.next();) {
    const a: LuaValue = $for15.value;
    z = addInt(z, 1);
    if (z > 3) {
      break;
    }
  }
  print(z);
}
