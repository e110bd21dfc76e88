// Runs the official Lua 5.3 test files (the `testes` folder of the Lua sources, kept outside
// this repository) with lua5.3 and with our compiler, and prints one line per file: passes, or
// where it stops. Not part of `npm test`: the files are not ours and some need patches (see the
// note of issue 3 for the patched copies and why).
// Usage: node scripts/testes.mjs DIR [NAME... | lang]   (default names: the standard library's
// files; `lang`: the language's files, which need patched copies, see README)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEFAULT = ["strings", "pm", "tpack", "utf8", "math", "sort", "nextvar", "coroutine"];
const LANGUAGE = ["constructs", "calls", "closure", "events", "literals", "locals", "goto", "bitwise", "vararg", "errors", "attrib", "big", "files"];
const [dir, ...given] = process.argv.slice(2);
const names = given.length === 1 && given[0] === "lang" ? LANGUAGE : given;
if (!dir || !existsSync(dir)) {
  console.error("usage: node scripts/testes.mjs DIR [NAME...]");
  process.exit(2);
}
const root = join(import.meta.dirname, "..");
const out = mkdtempSync(join(tmpdir(), "qsys2ts-testes-"));
const lua = process.env.LUA ?? "lua5.3";
const TIMEOUT = 300_000;

/** The outcome of one run: "passes", or the first error line of stderr (or the exit signal). */
function outcome(r) {
  if (r.error) return `cannot run: ${r.error.message}`;
  const stderr = r.stderr.toString("latin1");
  if (r.status === 0 && !/^lua.*?: /m.test(stderr)) return "passes";
  if (r.signal) return `killed (${r.signal}, limit ${TIMEOUT / 1000} s)`;
  const line = stderr.split("\n").find((l) => l.trim() !== "") ?? `exit ${r.status}`;
  return line.replace(/^lua[\d.]*: /, "").slice(0, 160);
}

const rows = [];
for (const name of names.length ? names : DEFAULT) {
  const file = join(dir, `${name}.lua`);
  const opts = { cwd: dir, timeout: TIMEOUT, killSignal: "SIGKILL", maxBuffer: 64 << 20 };
  const ref = outcome(spawnSync(lua, [file], opts));
  const mjs = join(out, `${name}.mjs`);
  const build = spawnSync(process.execPath, [join(root, "bin", "qsys2ts.mjs"), "build", file, "-o", mjs], { ...opts, cwd: root });
  const ours =
    build.status !== 0
      ? `compile error: ${build.stderr.toString("latin1").split("\n")[0]}`
      : outcome(spawnSync(process.execPath, [mjs], opts));
  rows.push([name, ref, ours]);
  console.error(`${name}: ${ours}`);
}
const w = Math.max(...rows.map((r) => r[0].length), 4);
console.log(`${"file".padEnd(w)} | lua5.3 | qsys2ts`);
for (const [name, ref, ours] of rows) console.log(`${name.padEnd(w)} | ${ref} | ${ours}`);
