// Differential tests, one line per behaviour: each case is a Lua snippet whose output must be
// what lua5.3 prints for it. All cases of a test file run in ONE Lua program (each in its own
// pcall, announced by a marker), once by lua5.3 and once by our compiled output; the two
// outputs are then split at the markers and compared case by case, so a failure names the
// snippet. A case starting with "=" prints its expression list: "= 7 // 2" is print(7 // 2).
//
//   sameAsLua("floor division", ["= 7 // 2, -7 // 2", "= 1 // 0"]);
//
// Skipped where lua5.3 is not installed. Table and function addresses are normalised.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { compileLua } from "../compiler/compile.ts";
import { luaAvailable, runOracle } from "./oracle.ts";

/** A case known to differ from lua5.3: the test passes while it still differs. */
export interface KnownDifference {
  lua: string;
  differs: string;
}

export type Case = string | KnownDifference;

/** Mark a case as a known difference (listed in the report; the test flips when fixed). */
export function differs(lua: string, why: string): KnownDifference {
  return { lua, differs: why };
}

const MARK = "\u0001";
const CHUNK = "cases.lua";

const PRELUDE = [
  "local __print, __pcall, __type, __tostring = print, pcall, type, tostring",
  "local function __report(ok, e)",
  "  if ok then return end",
  "  local okS, s = __pcall(__tostring, e)",
  '  __print("error:", __type(e), okS and s or "(tostring failed)")',
  "end",
  "local function __case(n, f)",
  `  __print("${MARK}" .. n .. "${MARK}")`,
  "  __report(__pcall(f))",
  "end",
].join("\n");

function snippetOf(c: Case): string {
  return typeof c === "string" ? c : c.lua;
}

function body(snippet: string): string {
  return snippet.startsWith("=") ? `print(${snippet.slice(1)})` : snippet;
}

/** The batch program; skipped cases keep their lines (blank) so positions stay the same. */
function program(cases: Case[], skip: Set<number> = new Set()): string {
  const parts = [PRELUDE];
  cases.forEach((c, i) => {
    const text = body(snippetOf(c));
    if (skip.has(i)) parts.push(`\n${text.replace(/[^\n]/g, "")}\n`);
    else parts.push(`__case(${i}, function(...)\n${text}\nend)`);
  });
  return parts.join("\n") + "\n";
}

/** Split a program's stdout at the case markers: case index -> its output. */
function split(stdout: string): Map<number, string> {
  const out = new Map<number, string>();
  const re = new RegExp(`${MARK}(\\d+)${MARK}\\n`, "g");
  const marks = [...stdout.matchAll(re)];
  marks.forEach((m, k) => {
    const end = k + 1 < marks.length ? marks[k + 1].index : stdout.length;
    out.set(Number(m[1]), normalise(stdout.slice(m.index + m[0].length, end)));
  });
  return out;
}

function normalise(s: string): string {
  return s.replace(/\b(table|function|userdata|thread|builtin): 0x[0-9a-f]+/g, "$1: ADDR");
}

let dir: string | undefined;

async function runOursBatch(source: string): Promise<{ stdout: string; stderr: string }> {
  dir ??= mkdtempSync(join(tmpdir(), "qsys2ts-cases-"));
  const { code } = await bundleLua(source, join(dir, CHUNK), CHUNK);
  const file = join(dir, `cases-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: "latin1", timeout: 60000, env: { ...process.env, TZ: "UTC" } });
  return { stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

interface Outcome {
  oracle: Map<number, string>;
  ours: Map<number, string>;
  /** Why our side produced nothing for a case (compile error, crash). */
  problem: Map<number, string>;
}

async function runBoth(cases: Case[]): Promise<Outcome> {
  const oracleRun = runOracle(program(cases), CHUNK);
  const problem = new Map<number, string>();
  const skip = new Set<number>();
  try {
    compileLua(program(cases), CHUNK);
  } catch {
    // find the cases our compiler rejects, run the others
    cases.forEach((c, i) => {
      try {
        compileLua(program([c]), CHUNK);
      } catch (e) {
        problem.set(i, `our compiler failed: ${(e as Error).message}`);
        skip.add(i);
      }
    });
  }
  const ours = await runOursBatch(program(cases, skip));
  const oursByCase = split(ours.stdout);
  cases.forEach((_, i) => {
    if (!skip.has(i) && !oursByCase.has(i)) problem.set(i, `no output from our program; its stderr:\n${ours.stderr}`);
  });
  const oracle = split(oracleRun.stdout);
  if (oracle.size === 0) throw new Error(`lua5.3 ran none of the cases:\n${oracleRun.stderr}`);
  return { oracle, ours: oursByCase, problem };
}

/** The cases of all groups of a test file that share one program (see sameAsLua). */
const shared: Case[] = [];
let sharedRun: Promise<Outcome> | undefined;

/**
 * A group of cases: one test per snippet. All groups of a test file run in one program, once
 * by lua5.3 and once by us; `alone` gives a group its own program (e.g. cases that use _G,
 * which makes the compiler keep every global in the global table).
 */
export function sameAsLua(title: string, cases: Case[], options: { alone?: boolean } = {}): void {
  const offset = options.alone ? 0 : shared.length;
  if (!options.alone) shared.push(...cases);
  describe.skipIf(!luaAvailable)(title, () => {
    let outcome: Outcome;
    beforeAll(async () => {
      outcome = await (options.alone ? runBoth(cases) : (sharedRun ??= runBoth(shared)));
    });
    cases.forEach((c, k) => {
      const i = offset + k;
      const name = snippetOf(c).replace(/\s*\n\s*/g, " ⏎ ");
      const check = () => {
        const problem = outcome.problem.get(i);
        if (problem) throw new Error(problem);
        if (!outcome.oracle.has(i)) throw new Error("lua5.3 did not reach this case");
        const ours = outcome.ours.get(i);
        const oracle = outcome.oracle.get(i);
        if (ours !== oracle) throw new Error(`${snippetOf(c)}\nlua5.3 printed ${JSON.stringify(oracle)}\nwe printed    ${JSON.stringify(ours)}`);
      };
      if (typeof c === "string") test(name, check);
      else test.fails(`${name}  [differs: ${c.differs}]`, check);
    });
  });
}
