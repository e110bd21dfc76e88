// and/or/not in every combination, against lua5.3: all expressions built from five operands
// (nil, false, true, 10 and a comparison) with `and`, `or` and `not` up to three operands deep,
// each used as a condition, as a value, and compared with literals. The emitter writes these
// in many shapes (JS && and ||, conditionals, truthy(), notFalse() ?? ...), so every shape
// meets every kind of operand. (The exhaustive approach of the official constructs.lua.)
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput } from "./differential.ts";

const BASIC = ["nil", "false", "true", "10", "(0 == G1)", "b", "n"];

function combinations(depth: number): string[][] {
  const levels: string[][] = [BASIC];
  for (let n = 2; n <= depth; n++) {
    const out: string[] = [];
    for (let i = 1; i < n; i++) {
      for (const a of levels[i - 1]) {
        for (const b of levels[n - i - 1]) {
          for (const op of [" and ", " or "]) {
            out.push(`(${a}${op}${b})`);
            out.push(`not (${a}${op}${b})`);
          }
        }
      }
    }
    levels.push(out);
  }
  return levels;
}

function program(): string {
  const lines = ["G1 = 1", "local b, n = false, 7"];
  const [one, two, three] = combinations(3);
  // three operands: a sample (the full set is ~8000 cases)
  const cases = [...one, ...two, ...three.filter((_, i) => i % 3 === 0)];
  cases.forEach((e, i) => {
    lines.push(`do local ix = false; local function f() if ${e} then ix = true end; return ${e} end; local v = f(); print(${i}, v, ix) end`);
  });
  for (const [i, e] of [...one, ...two].entries()) {
    lines.push(`print('eq${i}', ${e} == false, ${e} == nil, ${e} ~= 10, ${e} == true, false == ${e}, (${e}) == b)`);
  }
  return lines.join("\n") + "\n";
}

describe.runIf(luaAvailable)("and, or, not in every combination", () => {
  it("gives lua5.3's values and branches", async () => {
    await expectSameOutput(program(), 1000);
  }, 120_000);
});
