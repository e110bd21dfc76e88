// require("json") (JSON4Lua): test/json4lua/cases.lua must print exactly cases.expected, the
// output of lua5.3 running the real JSON4Lua 1.0.1 (scripts/json4lua-oracle.sh regenerates it).
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { expectCasesFileOutput, runOurs } from "./helpers.ts";

const dir = join(import.meta.dirname, "json4lua");

describe("json (JSON4Lua)", () => {
  test("prints what JSON4Lua 1.0.1 prints under lua5.3 (encode, lenient decode, quirks, errors)", async () => {
    await expectCasesFileOutput(dir);
  });

  test("json and rapidjson are separate modules with separate nulls", async () => {
    const r = await runOurs(`local json, rj = require("json"), require("rapidjson")
print(json ~= rj, json.null ~= rj.null, json.null() == json.null, json.encode({json.null}), rj.encode({rj.null}))
print(pcall(json.encode, {rj.null}))`);
    expect(r.stdout).toBe("true\ttrue\ttrue\t[null]\t[null]\ntrue\t{}\n");
  });
});
