// `#t` when a table has more than one border: Lua 5.3 answers from the size of its array part
// (luaH_getn), so the runtime models ltable.c's sizes. Each program below runs on lua5.3 and
// compiled by qsys2ts and must print the same borders. Tables here have integer keys only:
// with string keys in the hash part, lua5.3's own answer can change from run to run (its
// string hash has a random seed).
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, pick, rng } from "./differential.ts";

describe.runIf(luaAvailable)("# on tables with holes, against lua5.3", () => {
  it("constructors size the array part as lparser.c does (nils inside, expanded tails, rounding from 16 on)", async () => {
    const r = rng(1618);
    const lines: string[] = ["local function f(...) return ... end"];
    for (let i = 0; i < 400; i++) {
      const n = pick(r, [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 18, 23, 31, 33, 40]);
      const density = pick(r, [0.1, 0.3, 0.6]);
      const items = Array.from({ length: n }, (_, k) => (r() < density ? "nil" : String(k + 1)));
      const tail = r() < 0.4 ? `f(${Array.from({ length: pick(r, [0, 1, 2, 5]) }, () => (r() < 0.5 ? "nil" : "0")).join(", ")})` : undefined;
      const records = r() < 0.3 ? ["x = 1", `[${n + 3}] = 2`].slice(0, pick(r, [1, 2])) : [];
      const fields = [...items, ...records, ...(tail ? [tail] : [])];
      // the border, then after an append and after clearing the last slot found
      lines.push(`do local t = {${fields.join(", ")}} local a = #t t[#t + 1] = 0 local b = #t t[#t] = nil print(${i}, a, b, #t) end`);
    }
    await expectSameOutput(lines.join("\n"), 399);
  });

  it("varargs, table.pack and the examples a reader would try", async () => {
    await expectSameOutput(
      String.raw`
local function n(...) return #{...} end
print(n(1, nil, 3), n(nil, nil), n(1, nil), n(nil, 2), n(1, 2, nil, nil, 5, nil))
print(#table.pack(1, nil, 3), #table.pack(nil, nil, nil, 4), #table.pack(1, nil, nil, nil, nil, nil))
print(#{1, 2, 3, nil, 5, nil}, #{1, 2, nil, 4}, #{nil, nil, 3})
local t = {1, 2, 3} t[2] = nil print(#t)
t = {} for i = 1, 8 do t[i] = i end t[8] = nil t[4] = nil print(#t)
t = {} t[1] = 1 t[2] = 2 t[4] = 4 print(#t)
t = {} for i = 1, 20 do t[i] = i end for i = 1, 20, 2 do t[i] = nil end print(#t)
t = {} for i = 1, 10 do t[i] = i end t[5] = nil print(#t)
t = {} t[2] = 2 print(#t) t[1] = 1 print(#t) t[4] = 4 print(#t)
`,
      7,
    );
  });

  it("sequences with holes punched into the array part, then grown by appends and table.insert/remove", async () => {
    const r = rng(4242);
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const n = pick(r, [3, 5, 8, 12, 17, 30, 64]);
      const ops: string[] = [`local t = {} for i = 1, ${n} do t[i] = i end io.write(#t)`];
      for (let o = 0; o < pick(r, [4, 12, 30]); o++) {
        const x = r();
        if (x < 0.4) ops.push(`t[${1 + Math.floor(r() * n)}] = nil`);
        else if (x < 0.55) ops.push(`t[#t + 1] = 0`);
        else if (x < 0.65) ops.push(`table.insert(t, 0)`);
        else if (x < 0.75) ops.push(`table.insert(t, 1, 0)`);
        else if (x < 0.85) ops.push(`table.remove(t)`);
        else ops.push(`t[${1 + Math.floor(r() * n)}] = 0`);
        ops.push(`io.write(" ", #t)`);
      }
      lines.push(`do ${ops.join(" ")} print() end`);
    }
    await expectSameOutput(lines.join("\n"), 299);
  });
});
