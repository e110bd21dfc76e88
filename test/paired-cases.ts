// Paired cases for library tests: a Lua snippet, and the same computation through our library
// functions called from TypeScript. One lua5.3 run prints every snippet's results (E below:
// the values through tostring, tab-separated, or "ERR" and the message without its position);
// show() prints the TypeScript side the same way, and the two must agree case by case.
import { expect } from "vitest";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaError } from "../runtime/lua/errors.ts";
import { runOracle } from "./oracle.ts";

export type Case = [lua: string, ts: () => unknown];

const E = `local function E(f) local r = table.pack(pcall(f)) if r[1] then local o = {} for i = 2, r.n do o[#o+1] = tostring(r[i]) end return table.concat(o, "\\t") end return "ERR " .. (tostring(r[2]):gsub("^[^:]*:%d+: ", "")) end\n`;

/** What E prints for a TypeScript computation. */
export function show(f: () => unknown): string {
  try {
    const r = f();
    const vals = Array.isArray(r) ? r : [r];
    return vals.map((v) => tostring(v)).join("\t");
  } catch (e) {
    if (e instanceof LuaError) return "ERR " + tostring(e.value);
    throw e;
  }
}

/** A snippet as a function body: statements (`local ...`, or with a `return`) as they are, else an expression list to return. */
function body(lua: string): string {
  return /^local /.test(lua) || /\breturn\b/.test(lua) ? lua : "return " + lua;
}

/** Run every case in one lua5.3 process (after `prelude`, Lua helpers the snippets use) and compare. */
export function expectSameAsLua(cases: Case[], prelude = ""): void {
  const r = runOracle(E + prelude + "\n" + cases.map(([lua]) => `print(E(function() ${body(lua)} end))`).join("\n"));
  expect(r.stderr).toBe("");
  const lines = r.stdout.split("\n");
  const actual = cases.map(([, ts]) => show(ts));
  // a result may hold newlines (os.date's %n): take as many lines for each case as ours has
  const expected = actual.map((a) => lines.splice(0, a.split("\n").length).join("\n"));
  const label = (out: string[]) => cases.map(([lua], i) => `${lua.slice(0, 80)} => ${out[i]}`);
  expect(label(actual)).toEqual(label(expected));
}
