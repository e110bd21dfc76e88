// The correctly rounded functions of runtime/lua/libm.ts against lua5.3 (glibc), bit for bit
// over random arguments. glibc itself misses correct rounding now and then (about 1 in 500
// for sin and tan, fewer for the others), so a few differences are allowed; V8's Math.*
// differ on 3-6% of these arguments and would fail.
import { describe, expect, it } from "vitest";
import { luaAvailable, runOracle } from "./oracle.ts";
import * as libm from "../runtime/lua/libm.ts";
import { rng } from "./differential.ts";

/** %a as C prints it, for comparing bits (normal doubles and zero are enough here). */
function hexFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0x0p+0" : "0x0p+0";
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const exp = ((hi >>> 20) & 0x7ff) - 1023;
  const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, "0").replace(/0+$/, "");
  return `${x < 0 ? "-" : ""}0x1${mant ? "." + mant : ""}p${exp >= 0 ? "+" : ""}${exp}`;
}

const ONE: [string, (x: number) => number, (r: () => number) => number][] = [
  ["exp", libm.exp, (r) => (r() - 0.5) * 1400],
  ["log", libm.log, (r) => r() < 0.3 ? 0.5 + r() : 10 ** ((r() - 0.5) * 600)],
  ["sin", libm.sin, (r) => (r() - 0.5) * 10 ** (r() * 12)],
  ["cos", libm.cos, (r) => (r() - 0.5) * 10 ** (r() * 12)],
  ["tan", libm.tan, (r) => (r() - 0.5) * 10 ** (r() * 12)],
  ["atan", libm.atan, (r) => (r() - 0.5) * 10 ** (r() * 20 - 10)],
  ["asin", libm.asin, (r) => r() * 2 - 1],
  ["acos", libm.acos, (r) => r() * 2 - 1],
];

describe.runIf(luaAvailable)("correctly rounded libm against glibc", () => {
  it("agrees bit for bit on all but a handful of 2000 arguments per function", () => {
    const r = rng(1234);
    const cases: [fn: string, lua: string, ours: string][] = [];
    for (const [name, f, gen] of ONE) for (let i = 0; i < 2000; i++) {
      const x = gen(r);
      cases.push([name, `math.${name}(${x})`, hexFloat(f(x))]);
    }
    for (let i = 0; i < 2000; i++) {
      const x = r() * 100;
      const y = (r() - 0.5) * 40;
      cases.push(["pow", `(${x})^(${y})`, hexFloat(libm.powC(x, y))]);
      const a = (r() - 0.5) * 10 ** (r() * 6);
      const b = (r() - 0.5) * 10 ** (r() * 6);
      cases.push(["atan2", `math.atan(${a}, ${b})`, hexFloat(libm.atan2(a, b))]);
      const l = r() * 1e6;
      cases.push(["log2", `math.log(${l}, 2)`, hexFloat(libm.log2(l))]);
    }
    const res = runOracle(`for _, v in ipairs({${cases.map((c) => c[1]).join(",\n")}}) do print(string.format("%a", v)) end`);
    expect(res.stderr).toBe("");
    const want = res.stdout.split("\n");
    const bad = new Map<string, number>();
    cases.forEach(([fn, , got], i) => {
      if (got !== want[i]) bad.set(fn, (bad.get(fn) ?? 0) + 1);
    });
    if (process.env.LIBM_DEBUG) console.log([...bad]);
    for (const [fn, n] of bad) expect(`${fn}: ${n} of 2000 differ`).toMatch(/: ([0-9]) of/);
  });
});
