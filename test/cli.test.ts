// The qsys2ts command: help, version, usage errors, syntax errors, compile/build/run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin", "qsys2ts.mjs");
const dir = mkdtempSync(join(tmpdir(), "qsys2ts-cli-"));

function qsys2ts(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "latin1", timeout: 60000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function lua(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(source, "latin1"));
  return file;
}

describe("qsys2ts command", () => {
  test("--help lists the commands and exits 0", () => {
    const r = qsys2ts(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/qsys2ts compile/);
    expect(r.stdout).toMatch(/qsys2ts build/);
    expect(r.stdout).toMatch(/qsys2ts run/);
  });

  test("--version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(qsys2ts(["--version"]).stdout.trim()).toBe(`qsys2ts ${pkg.version}`);
  });

  test("usage errors exit 2", () => {
    expect(qsys2ts([]).status).toBe(2);
    expect(qsys2ts(["frobnicate"]).status).toBe(2);
    expect(qsys2ts(["compile"]).status).toBe(2);
    expect(qsys2ts(["build", "--bogus"]).status).toBe(2);
  });

  test("a syntax error prints file:LINE:COL, the line and a caret, exits 1, no JS stack", () => {
    const file = lua("bad.lua", "local x = 1\nif x then\n  x = = 2\nend\n");
    const r = qsys2ts(["compile", file, "-o", join(dir, "out")]);
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(/^bad\.lua:3:7: .+/);
    expect(lines[1]).toBe("  x = = 2");
    expect(lines[2]).toBe("      ^");
    expect(r.stderr).not.toMatch(/at .*\.(js|mjs|ts):\d+/);
    expect(qsys2ts(["run", file]).status).toBe(1);
  });

  test("a missing input file is a clear error", () => {
    const r = qsys2ts(["build", join(dir, "nope.lua")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot open .*nope\.lua/);
  });

  test("compile writes DIR/<name>.ts, default out/", () => {
    const file = lua("hello.lua", 'print("hello")\n');
    expect(qsys2ts(["compile", file]).status).toBe(0);
    expect(readFileSync(join(dir, "out", "hello.ts"), "latin1")).toMatch(/print\("hello"\)/);
  });

  test("build writes one file that runs with node from anywhere, without node_modules", () => {
    const file = lua("sum.lua", "local s = 0 for i = 1, 10 do s = s + i end print(s, 10 / 4)\n");
    const out = join(dir, "dist", "sum.mjs");
    expect(qsys2ts(["build", file, "--outfile", out]).status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const elsewhere = mkdtempSync(join(tmpdir(), "qsys2ts-elsewhere-"));
    const r = spawnSync(process.execPath, [out], { cwd: elsewhere, encoding: "latin1" });
    expect(r.stdout).toBe("55\t2.5\n");
    expect(r.status).toBe(0);
  });

  test("run: an uncaught error prints lua: file:LINE: message and a traceback, exit 1", () => {
    const file = lua("boom.lua", 'print("start")\nlocal t\nprint(t.x)\n');
    const r = qsys2ts(["run", file]);
    expect(r.stdout).toBe("start\n");
    expect(r.stderr.split("\n")[0]).toBe("lua: boom.lua:3: attempt to index a nil value (local 't')");
    expect(r.stderr).toMatch(/stack traceback:/);
    expect(r.status).toBe(1);
  });

  test("run passes command-line arguments as the chunk's varargs", () => {
    const file = lua("args.lua", "print(select('#', ...), ...)\n");
    expect(qsys2ts(["run", file, "a", "b"]).stdout).toBe("2\ta\tb\n");
  });
});
