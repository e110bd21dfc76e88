// Random arithmetic on typed locals against lua5.3 (see lua-cases.ts): a seeded generator
// writes small functions whose locals the compiler types (integers, floats, mixes, values near
// 2^53 and 2^63) and whose expressions use every arithmetic and comparison operator, so the
// typed code of compiler/emit/numbers.ts meets the cases it must get right.
import { sameAsLua } from "./lua-cases.ts";

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INTS = ["0", "1", "-1", "7", "-7", "3", "2", "1000", "9007199254740991", "9007199254740993", "-9007199254740993", "math.maxinteger", "math.mininteger", "4611686018427387904"];
const FLOATS = ["0.0", "-0.0", "1.0", "-1.5", "2.5", "0.1", "1e15", "2^53", "2^63", "-2^63", "1e308", "3.0", "7.25", "1/0", "-1/0"];
const ARITH = ["+", "-", "*", "/", "//", "%", "^"];
const COMPARE = ["<", "<=", ">", ">=", "==", "~="];

function randomCase(rand: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const names = ["a", "b", "c"];
  // locals typed int, float or number (assigned both)
  for (const n of names) {
    const kind = rand();
    if (kind < 0.4) lines.push(`local ${n} = ${pick(INTS)}`);
    else if (kind < 0.8) lines.push(`local ${n} = ${pick(FLOATS)}`);
    else lines.push(`local ${n} = ${pick(INTS)}; if ${n} ~= 0 then ${n} = ${pick(FLOATS)} end`);
  }
  const operand = () => (rand() < 0.7 ? pick(names) : rand() < 0.5 ? pick(INTS) : pick(FLOATS));
  const expr = (depth: number): string => {
    if (depth === 0 || rand() < 0.3) return operand();
    const op = pick(ARITH);
    return `(${expr(depth - 1)} ${op} ${expr(depth - 1)})`;
  };
  const shown: string[] = [];
  for (let i = 0; i < 3; i++) {
    const e = expr(2);
    lines.push(`local r${i} = ${e}`);
    shown.push(`r${i}`, `math.type(r${i})`);
  }
  shown.push(`${pick(names)} ${pick(COMPARE)} ${pick(names)}`, `${operand()} ${pick(COMPARE)} ${operand()}`);
  // a loop that accumulates into a typed local
  lines.push(`local acc = ${pick(rand() < 0.5 ? INTS : FLOATS)}`);
  lines.push(`for i = 1, 5 do acc = acc ${pick(["+", "-", "*"])} i ${pick(["+", "*"])} ${pick(names)} end`);
  shown.push("acc", "math.type(acc)");
  lines.push(`print(${shown.join(", ")})`);
  return lines.join("; ");
}

const rand = prng(20260101);
const cases: string[] = [];
for (let i = 0; i < 150; i++) cases.push(randomCase(rand));

sameAsLua("random arithmetic on typed locals", cases);
