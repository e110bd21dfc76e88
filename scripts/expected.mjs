// Regenerates fixtures/NAME.expected (stdout) and fixtures/NAME.stderr (first stderr line and
// exit status, when the script fails) from the real Lua 5.3 interpreter. Never from our output.
// Usage: npm run expected [-- NAME...]
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "fixtures");
const only = process.argv.slice(2);
const lua = process.env.LUA ?? "lua5.3";
for (const file of readdirSync(dir).filter((f) => f.endsWith(".lua")).sort()) {
  const name = file.slice(0, -4);
  if (only.length && !only.includes(name)) continue;
  const r = spawnSync(lua, [file], { cwd: dir, env: { ...process.env, TZ: "UTC" } });
  if (r.error) throw r.error;
  writeFileSync(join(dir, name + ".expected"), r.stdout);
  const errFile = join(dir, name + ".stderr");
  if (r.status !== 0) {
    const first = r.stderr.toString("latin1").split("\n")[0].replace(/^lua5\.3: /, "lua: ");
    writeFileSync(errFile, Buffer.from(`exit ${r.status}\n${first}\n`, "latin1"));
  } else rmSync(errFile, { force: true });
  console.log(`${name}: exit ${r.status}`);
}
