// Compiled from assignment.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  addInt,
  call,
  first,
  G,
  index,
  type LuaValue,
  mulInt,
  results,
  setindex,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  let $1: LuaValue,
    $2: LuaValue,
    $3: LuaValue,
    $4: LuaValue,
    $5: LuaValue,
    $6: LuaValue,
    $7: LuaValue,
    $8: LuaValue,
    $9: LuaValue,
    $10: LuaValue,
    $11: LuaValue,
    $12: LuaValue,
    $13: LuaValue,
    $14: LuaValue,
    $15: LuaValue,
    $16: LuaValue,
    $17: LuaValue,
    $18: LuaValue,
    $19: LuaValue;
  // Assignment: multiple targets, evaluation order, swaps
  let a: number = 1,
    b: number = 2,
    c: LuaValue;
  call(index(G, "print"), a, b, c);
  [a, b] = [b, a];
  call(index(G, "print"), a, b);
  let t: LuaValue = tableOf([1, 2, 3]);
  let i: LuaValue = 1;

  $1 = t;
  $2 = i;
  [$3, $4] = [addInt(i, 1), 20];
  setindex($1, $2, $4);
  i = $3;
  call(index(G, "print"), i, index(t, 1), index(t, 2));

  $5 = t;
  $6 = 1;
  $7 = t;
  $8 = 2;
  $9 = t;
  $10 = 3;
  [$11, $12, $13] = [index(t, 3), index(t, 1), undefined];
  setindex($9, $10, $13);
  setindex($7, $8, $12);
  setindex($5, $6, $11);
  call(index(G, "print"), index(t, 1), index(t, 2), index(t, 3));
  let x: LuaValue = 1,
    y: LuaValue;
  call(index(G, "print"), x, y);
  [x, y] = [
    ...results(
      call(function (): LuaValue {
        return [5, 6];
      }),
    ),
  ];
  call(index(G, "print"), x, y);
  let [p, q, r]: LuaValue[] = [
    0,
    ...results(
      call(function (): LuaValue {
        return [7, 8];
      }),
    ),
  ];
  call(index(G, "print"), p, q, r);

  [$14, $15] = ["global", "too"];
  setindex(G, "g2", $15);
  setindex(G, "g1", $14);
  call(
    index(G, "print"),
    index(G, "g1"),
    index(G, "g2"),
    ...results(call(index(G, "rawget"), index(G, "_G"), "g1")),
  );
  function f(): LuaValue {
    return [1, 2];
  }
  let [m, n, o]: LuaValue[] = [first(f()), ...results(f())];
  call(index(G, "print"), m, n, o);
  let z: number = 1;
  first(call(index(G, "print"), "evaluated"));
  call(index(G, "print"), z);
  let obj: LuaValue = tableOf();

  $16 = obj;
  $17 = obj;
  [$18, $19] = [10, 20];
  setindex($17, "y", $19);
  setindex($16, "x", $18);
  call(index(G, "print"), add(index(obj, "x"), index(obj, "y")));
  let s: LuaValue = 0;
  for (let k = 1; k <= 3; k++) {
    let k2: LuaValue = mulInt(k, 2);
    s = addInt(s, k2);
  }
  call(index(G, "print"), s);
  {
    let a_2: string = "inner";
    call(index(G, "print"), a_2);
  }
  call(index(G, "print"), a);
  let a_3: string = "shadow";
  call(index(G, "print"), a_3);
  let v: number = 1;
  let v_2: LuaValue = addInt(v, 1);
  call(index(G, "print"), v_2);
}
