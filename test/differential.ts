// End-to-end differential runs: one generated Lua program, run once by lua5.3 and once
// compiled by qsys2ts, must print the same lines. The program prints one line per case, so a
// difference names its case. Generators use fixed seeds, so every run checks the same inputs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runOracle } from "./oracle.ts";
import { buildOurs, runBuilt } from "./helpers.ts";

/**
 * Lua helpers every differential program starts with:
 * - `Q(v)` one value as canonical text: strings as \ddd-escaped bytes, integers "i…",
 *   floats "f…" with 17 significant digits (and the sign of NaN), errors stripped of nothing;
 * - `R(label, f, ...)` calls f(...) under pcall and prints "label: n:v1,v2" or "label: ERR msg".
 */
export const PRELUDE = String.raw`
local function Q(v)
  local tv = type(v)
  if tv == "string" then
    return '"' .. v:gsub('[^ -~]', function(c) return string.format("\\%03d", c:byte()) end):gsub('[\\"]', "\\%0") .. '"'
  elseif tv == "number" then
    if math.type(v) == "integer" then return "i" .. tostring(v) end
    if v ~= v then return "f" .. tostring(v) end
    return "f" .. string.format("%.17g", v)
  elseif tv == "nil" or tv == "boolean" then return tostring(v)
  else return tv end
end
local function S(ok, ...)
  local n = select("#", ...)
  if not ok then local e = ... return "ERR " .. (type(e) == "string" and e or type(e)) end
  local t = {}
  for i = 1, n do t[i] = Q((select(i, ...))) end
  return n .. ":" .. table.concat(t, ",")
end
local function R(label, f, ...)
  print(label .. ": " .. S(pcall(f, ...)))
end
`;

/** A Lua string literal for a byte string (decimal escapes, readable where printable). */
export function luaString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (b >= 32 && b < 127 && b !== 34 && b !== 92) out += s[i];
    else {
      // a decimal escape takes up to three digits: pad when a digit follows
      const next = s.charCodeAt(i + 1);
      out += "\\" + (next >= 48 && next <= 57 ? String(b).padStart(3, "0") : String(b));
    }
  }
  return out + '"';
}

/** mulberry32: a small deterministic generator so failures reproduce. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

let dumped = 0;
const builds = new Map<string, Promise<string>>();

/**
 * Run `program` (PRELUDE is prepended) on lua5.3 and compiled by qsys2ts; expect equal output.
 * `minLines` guards against a program that silently prints nothing.
 */
export async function expectSameOutput(program: string, minLines: number, env: Record<string, string> = {}): Promise<void> {
  const source = PRELUDE + program;
  // DIFF_DUMP=dir keeps each program for a closer look (diff the two outputs by hand)
  if (process.env.DIFF_DUMP) writeFileSync(join(process.env.DIFF_DUMP, `diff-${++dumped}.lua`), Buffer.from(source, "latin1"));
  const ref = runOracle(source, "diff.lua", { TZ: "UTC", ...env });
  expect(ref.stderr).toBe("");
  // the same program under several environments (time zones) is built once
  let built = builds.get(source);
  if (built === undefined) builds.set(source, (built = buildOurs(source, "diff.lua", `diff${builds.size}.mjs`)));
  const ours = runBuilt(await built, env);
  const want = ref.stdout.split("\n");
  const got = ours.stdout.split("\n");
  expect(want.length).toBeGreaterThan(minLines);
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length) && diffs.length < 15; i++) {
    if (want[i] !== got[i]) diffs.push(`lua:  ${want[i]}\nours: ${got[i]}`);
  }
  if (ours.stderr !== "") diffs.push(`stderr: ${ours.stderr.slice(0, 2000)}`);
  expect(diffs.join("\n")).toBe("");
}
