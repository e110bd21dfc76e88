// require("rapidjson"): test/rapidjson/cases.lua must print exactly cases.expected, the output
// of lua5.3 with the real lua-rapidjson 0.6.1 (scripts/rapidjson-oracle.sh regenerates it).
// load/dump are checked against the sandbox rules io follows.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { expectCasesFileOutput, runOurs } from "./helpers.ts";

const dir = join(import.meta.dirname, "rapidjson");
const read = (p: string) => readFileSync(p).toString("latin1");

describe("rapidjson", () => {
  test("prints what lua-rapidjson 0.6.1 prints (encode, decode, options, errors, numbers)", async () => {
    await expectCasesFileOutput(dir);
  });

  test("load and dump work inside the data directory and refuse paths outside it", async () => {
    const data = mkdtempSync(join(tmpdir(), "qsys2ts-rapidjson-"));
    writeFileSync(join(data, "in.json"), Buffer.from('\xef\xbb\xbf{"list":[1,2.5,"x"],"ok":true}', "latin1"));
    const src = `local rapidjson = require("rapidjson")
local t = rapidjson.load("in.json")
print(t.list[2], t.ok, #t.list)
print(select("#", rapidjson.dump({ a = { 1, 2 } }, "out.json")))
print(pcall(rapidjson.load, "../in.json"))
print(pcall(rapidjson.dump, {}, "/tmp/x.json"))
print(pcall(rapidjson.load, "missing.json"))
print(pcall(rapidjson.dump, { print }, "bad.json"))
print(rapidjson.load("bad.json"))
writeFile = io.open("broken.json", "w") writeFile:write("[1,") writeFile:close()
print(rapidjson.load("broken.json"))`;
    const r = await runOurs(src, "loaddump.lua", { QSYS2TS_DATA_DIR: data });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "2.5\ttrue\t3",
        "0",
        "false\terror while open file: ../in.json",
        "false\terror while open file: /tmp/x.json",
        "false\terror while open file: missing.json",
        "false\tvalue type : function",
        "nil\tThe document is empty. (0)",
        "nil\tInvalid value. (3)",
        "",
      ].join("\n"),
    );
    expect(read(join(data, "out.json"))).toBe('{"a":[1,2]}');
  });

  test("require returns one module table; it is not a global", async () => {
    const r = await runOurs(
      `local a = require("rapidjson") local b = require "rapidjson"
print(a == b, package.loaded.rapidjson == a, rapidjson, type(a.encode), a.Document)`,
    );
    expect(r.stdout).toBe("true\ttrue\tnil\tfunction\tnil\n");
  });
});
