// os library: date/time cases run in lua5.3 and through our functions under two time zones;
// lines must match. The oracle inherits process.env, so both sides see the same TZ.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { luaAvailable } from "./oracle.ts";
import { expectSameAsLua, type Case } from "./paired-cases.ts";
import { osLib as O } from "../runtime/lua/os.ts";
import { setDataDir } from "../runtime/lua/io.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { LuaFloat, type LuaValue } from "../runtime/lua/value.ts";

const LUA_PRELUDE = `local function F(t) local o = {} for _, k in ipairs{"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"} do o[#o+1] = k .. "=" .. tostring(t[k]) end return table.concat(o, " ") end
`;

function F(t: LuaTable): string {
  return ["year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"].map((k) => `${k}=${tostring(t.get(k))}`).join(" ");
}
function kv(...pairs: LuaValue[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < pairs.length; i += 2) t.set(pairs[i], pairs[i + 1]);
  return t;
}

const ALL = "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %n %p %r %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%";
const EO = "%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy";
const times = [0, 1e9, 1.6e9, -1e9, 951782400, 1609459199, 1616895000, 1635643800, 1230768000, 4102444800, 86399, 1.2e9 + 43200];

const cases: Case[] = [
  ...times.map((t): Case => [`os.date("${ALL}", ${t})`, () => O.date(ALL, t)]),
  ...times.map((t): Case => [`os.date("!${ALL}", ${t})`, () => O.date("!" + ALL, t)]),
  ...times.slice(0, 4).map((t): Case => [`os.date("${EO}", ${t})`, () => O.date(EO, t)]),
  ...times.map((t): Case => [`F(os.date("*t", ${t}))`, () => F(O.date("*t", t))]),
  ...times.slice(0, 4).map((t): Case => [`F(os.date("!*t", ${t}))`, () => F(O.date("!*t", t))]),
  // ISO weeks around new year
  ...Array.from({ length: 16 }, (_, i): Case => {
    const t = Date.UTC(2018 + (i >> 1), 11, 28 + (i % 2) * 3, 12) / 1000;
    return [`os.date("!%G-%V-%u %g %U %W %j", ${t})`, () => O.date("!%G-%V-%u %g %U %W %j", t)];
  }),
  [`os.date("%Ez abc", 0)`, () => O.date("%Ez abc", 0)],
  [`os.date("%", 0)`, () => O.date("%", 0)],
  [`os.date("%E", 0)`, () => O.date("%E", 0)],
  [`os.date("%5", 0)`, () => O.date("%5", 0)],
  [`os.date("x%Qy", 0)`, () => O.date("x%Qy", 0)],
  [`os.date("plain text", 0), os.date("", 0), os.date("!", 0)`, () => [O.date("plain text", 0), O.date("", 0), O.date("!", 0)]],
  [`os.date("%Y", 2^60)`, () => O.date("%Y", 2 ** 60)],
  [`os.date("%Y", 1.5)`, () => O.date("%Y", 1.5)],
  [`os.date("%Y", "1000000000")`, () => O.date("%Y", "1000000000")],
  [`os.date({})`, () => O.date(new LuaTable())],
  // os.time with a table: normalisation, the table updated in place, errors
  [`os.time{year=2020, month=1, day=1, hour=0}`, () => O.time(kv("year", 2020, "month", 1, "day", 1, "hour", 0))],
  [`os.time{year=2020, month=13, day=1, hour=0}`, () => O.time(kv("year", 2020, "month", 13, "day", 1, "hour", 0))],
  [`os.time{year=2021, month=7, day=1}`, () => O.time(kv("year", 2021, "month", 7, "day", 1))],
  [`local t = {year=2020, month=13, day=32, hour=25, min=61, sec=-1} return os.time(t), F(t)`, () => { const t = kv("year", 2020, "month", 13, "day", 32, "hour", 25, "min", 61, "sec", -1); return [O.time(t), F(t)]; }],
  [`local t = {year=2021, month=2, day=29, hour=12} return os.time(t), F(t)`, () => { const t = kv("year", 2021, "month", 2, "day", 29, "hour", 12); return [O.time(t), F(t)]; }],
  [`local t = {year=2021, month=1, day=0, hour=0, min=0, sec=0} return os.time(t), F(t)`, () => { const t = kv("year", 2021, "month", 1, "day", 0, "hour", 0, "min", 0, "sec", 0); return [O.time(t), F(t)]; }],
  [`local t = {year="2000", month="3", day=1.0, hour=0} return os.time(t), F(t)`, () => { const t = kv("year", "2000", "month", "3", "day", new LuaFloat(1), "hour", 0); return [O.time(t), F(t)]; }],
  [`local t = {year=1900, month=1, day=1, hour=0} return os.time(t), F(t)`, () => { const t = kv("year", 1900, "month", 1, "day", 1, "hour", 0); return [O.time(t), F(t)]; }],
  [`local t = {year=50, month=6, day=1, hour=0} return os.time(t), F(t)`, () => { const t = kv("year", 50, "month", 6, "day", 1, "hour", 0); return [O.time(t), F(t)]; }],
  [`local t = {year=2021, month=1, day=1, hour=0, isdst=true} return os.time(t), F(t)`, () => { const t = kv("year", 2021, "month", 1, "day", 1, "hour", 0, "isdst", true); return [O.time(t), F(t)]; }],
  [`local t = {year=2021, month=7, day=1, hour=0, isdst=false} return os.time(t), F(t)`, () => { const t = kv("year", 2021, "month", 7, "day", 1, "hour", 0, "isdst", false); return [O.time(t), F(t)]; }],
  [`os.time{year=2021, month=3, day=28, hour=2, min=30}`, () => O.time(kv("year", 2021, "month", 3, "day", 28, "hour", 2, "min", 30))],
  [`os.time{year=2021, month=10, day=31, hour=2, min=30}`, () => O.time(kv("year", 2021, "month", 10, "day", 31, "hour", 2, "min", 30))],
  [`os.time{year=2020, month=1}`, () => O.time(kv("year", 2020, "month", 1))],
  [`os.time{year=2020, day=1}`, () => O.time(kv("year", 2020, "day", 1))],
  [`os.time{month=1, day=1}`, () => O.time(kv("month", 1, "day", 1))],
  [`os.time{year=2020, month=1, day=2^40}`, () => O.time(kv("year", 2020, "month", 1, "day", 2 ** 40))],
  [`os.time{year=2020, month=1, day=1.5}`, () => O.time(kv("year", 2020, "month", 1, "day", 1.5))],
  [`os.time{year=2020, month=1, day="x"}`, () => O.time(kv("year", 2020, "month", 1, "day", "x"))],
  [`os.time{year=2020, month=1, day=true}`, () => O.time(kv("year", 2020, "month", 1, "day", true))],
  [`os.time{year=2^31-1+1900, month=1, day=1}`, () => O.time(kv("year", 2 ** 31 - 1 + 1900, "month", 1, "day", 1))],
  [`os.time{year=-2^31+1900, month=1, day=1}`, () => O.time(kv("year", -(2 ** 31) + 1900, "month", 1, "day", 1))],
  [`os.time{year=2000, month=2^31, day=1}`, () => O.time(kv("year", 2000, "month", 2 ** 31, "day", 1))],
  [`os.time{year=2000, month=2^31+1, day=1}`, () => O.time(kv("year", 2000, "month", 2 ** 31 + 1, "day", 1))],
  [`os.time(5)`, () => O.time(5)],
  [`math.type(os.time()), math.type(os.clock()), os.clock() >= 0`, () => [typeof O.time() === "number" ? "integer" : "?", O.clock() instanceof LuaFloat || typeof O.clock() === "number" ? "float" : "?", true]],
  [`os.difftime(10, 5), os.difftime(0, 2^53)`, () => [O.difftime(10, 5), O.difftime(0, 2 ** 53)]],
  [`os.difftime(5)`, () => O.difftime(5)],
  [`os.difftime(5, 1.5)`, () => O.difftime(5, 1.5)],
  [`os.getenv("HOME"), os.getenv("QSYS2TS_SURELY_UNSET_VAR")`, () => [O.getenv("HOME"), O.getenv("QSYS2TS_SURELY_UNSET_VAR")]],
  [`os.getenv()`, () => (O.getenv as (...a: unknown[]) => unknown)()],
  [`os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), os.setlocale("xx_YY"), os.setlocale(nil, "time"), os.setlocale("C", "numeric")`, () => [O.setlocale(), O.setlocale("C"), O.setlocale("POSIX"), O.setlocale("xx_YY"), O.setlocale(undefined, "time"), O.setlocale("C", "numeric")]],
  [`os.setlocale(nil, "bogus")`, () => O.setlocale(undefined, "bogus")],
  [`os.remove("surely_missing_file")`, () => O.remove("surely_missing_file")],
  [`os.rename("surely_missing_file", "other")`, () => O.rename("surely_missing_file", "other")],
];

const dir = mkdtempSync(join(tmpdir(), "qsys2ts-os-"));
setDataDir(dir);
const savedTz = process.env.TZ;
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  setDataDir(undefined);
});

describe("os library", () => {
  it("remove, rename and tmpname work inside the data directory", () => {
    const name = O.tmpname() as string;
    expect(existsSync(join(dir, name))).toBe(true);
    expect(O.rename(name, "renamed.txt")).toBe(true);
    expect(O.remove("renamed.txt")).toBe(true);
    expect(O.remove("renamed.txt")).toEqual([undefined, "renamed.txt: No such file or directory", 2]);
  });

  it("refuses paths outside the data directory", () => {
    writeFileSync(join(dir, "keep.txt"), "x");
    expect(O.remove("../keep.txt")).toEqual([undefined, "../keep.txt: Permission denied", 13]);
    expect(O.remove("/etc/passwd")).toEqual([undefined, "/etc/passwd: Permission denied", 13]);
    expect(O.rename("keep.txt", "/tmp/x")).toEqual([undefined, "Permission denied", 13]);
  });

  for (const tz of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]) {
    describe.runIf(luaAvailable)(`against lua5.3 with TZ=${tz}`, () => {
      it("prints the same line for every case", () => {
        process.env.TZ = tz;
        expectSameAsLua(cases, LUA_PRELUDE);
      });
    });
  }
});
