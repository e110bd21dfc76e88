// os.date / os.time end to end (compiled program vs lua5.3) under pinned time zones: every
// strftime conversion over random times (local and UTC, *t and !*t), random format strings
// with invalid conversions, and os.time normalising random out-of-range fields.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

// Named zones (TZif files, with their POSIX footers for future times) and POSIX TZ strings:
// DST rules in both hemispheres, Jn and n days, negative and late change times, and names
// glibc takes as UTC ("garbage", a missing zone file). Not covered: a DST name without rules
// ("AAA3BBB"), for which glibc bends the posixrules file's transitions (see the note of issue 3).
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
  "EST5EDT", "<+04>-4", "XYZ3ABC,M3.2.0/2,M11.1.0/2", "AEST-10AEDT,M10.1.0,M4.1.0/3", "ABC5DEF,J60/1,J300/-1",
  "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "garbage", "Europe/Nowhere", ""];
const ALL = "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %n %p %r %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%";
const EO = "%Ec|%EC|%Ex|%EX|%Ey|%EY|%Od|%Oe|%OH|%OI|%Om|%OM|%OS|%Ou|%OU|%OV|%Ow|%OW|%Oy";

function times(r: () => number): number[] {
  const out = [0, 1, -1, 86399, 951782400, 1230768000, 1609459199, 1616895000, 1635643800, 4102444800, 2147483647, 2147483648, -2147483649, 253402300799];
  for (let i = 0; i < 120; i++) {
    const k = r();
    if (k < 0.6) out.push(Math.floor(r() * 4.2e9) - 1e9); // 1938..2103
    else if (k < 0.8) out.push(Math.floor(Date.UTC(1990 + Math.floor(r() * 50), 11, 25 + Math.floor(r() * 10), Math.floor(r() * 24)) / 1000)); // new year: ISO weeks
    else out.push(Math.floor(Date.UTC(2000 + Math.floor(r() * 40), pick(r, [2, 3, 9, 10]), 1 + Math.floor(r() * 30), Math.floor(r() * 24)) / 1000)); // DST changes
  }
  return out;
}

function formats(r: () => number): string[] {
  const out: string[] = [];
  const letters = "aAbBcCdDeEFgGhHIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ%+-_0#^1:.";
  for (let i = 0; i < 150; i++) {
    let f = pick(r, ["", "", "!", "x"]);
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) f += r() < 0.8 ? "%" + pick(r, [...letters]) + (r() < 0.2 ? pick(r, [...letters]) : "") : pick(r, ["-", " ", "%"]);
    out.push(f);
  }
  return out;
}

describe.runIf(luaAvailable)("os.date and os.time, compiled, against lua5.3", () => {
  const r = rng(1970);
  const T = times(r);
  const F = formats(r);
  for (const zone of ZONES) {
    it(`agrees on every conversion and on *t in TZ=${zone}`, async () => {
      await expectSameOutput(
        `local T = {${T.join(", ")}}
local F = {${F.map(luaString).join(", ")}}
local function fields(t) local o = {} for _, k in ipairs{"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"} do o[#o + 1] = k .. "=" .. tostring(t[k]) end return table.concat(o, " ") end
for i, t in ipairs(T) do
  R(t .. " all", os.date, ${luaString(ALL)}, t)
  R(t .. " !all", os.date, ${luaString("!" + ALL)}, t)
  R(t .. " eo", os.date, ${luaString(EO)}, t)
  R(t .. " *t", function() return fields(os.date("*t", t)) end)
  R(t .. " !*t", function() return fields(os.date("!*t", t)) end)
  R(t .. " roundtrip", function() return os.time(os.date("*t", t)) - t end)
  R(t .. " default", function() return os.date(nil, t) end)
end
for i, f in ipairs(F) do R("fmt " .. i, os.date, f, 1234567890) end
R("float time", os.date, "%c", 1.5)
R("float time2", os.date, "%c", 2.0)
R("string time", os.date, "%c", "100")
R("bad time", os.date, "%c", "x")
R("huge time", os.date, "%c", 2^62)
R("no args type", function() return type(os.date()) end)
R("*t extra", os.date, "*tx", 0)
R("!*t extra", os.date, "!*t ", 0)
`,
        T.length * 7 + F.length,
        { TZ: zone },
      );
    });
  }

  it("normalises os.time fields like mktime, in five zones", async () => {
    const r2 = rng(2024);
    const lines: string[] = [];
    const field = () => pick(r2, ["0", "1", "-1", "12", "13", "31", "32", "59", "60", "61", "-100", "1000", "2.0", "'7'", "' 8 '", "nil"]);
    for (let i = 0; i < 300; i++) {
      const t = `{year = ${pick(r2, ["2000", "1970", "1969", "2038", "1900", "2100", "'2021'", "1e3"])}, month = ${field()}, day = ${field()}, hour = ${field()}, min = ${field()}, sec = ${field()}, isdst = ${pick(r2, ["nil", "true", "false", "1"])}}`;
      lines.push(`R(${i}, function() local t = ${t} local s = os.time(t) return s, fields(t) end)`);
    }
    const program = `local function fields(t) local o = {} for _, k in ipairs{"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"} do o[#o + 1] = k .. "=" .. tostring(t[k]) end return table.concat(o, " ") end
${lines.join("\n")}
R("missing day", os.time, {year = 2000, month = 1})
R("missing year", os.time, {month = 1, day = 1})
R("float field", os.time, {year = 2000, month = 1.5, day = 1})
R("string field", os.time, {year = 2000, month = "x", day = 1})
R("out of bound", os.time, {year = 2000, month = 1, day = 2^31})
R("huge year", os.time, {year = 2^31, month = 1, day = 1})
R("not a table", os.time, 5)
R("difftime", os.difftime, 10, 3)
R("difftime1", function() return os.difftime(10) end)
R("difftime float", os.difftime, 1.5, 1)
R("clock", function() return math.type(os.clock()) end)
R("getenv", os.getenv, "QSYS2TS_SURELY_UNSET")
R("getenv bad", function() return os.getenv() end)
`;
    await expectSameOutput(program, 300, { TZ: "Europe/Berlin" });
    await expectSameOutput(program, 300, { TZ: "America/New_York" });
    await expectSameOutput(program, 300, { TZ: "Australia/Lord_Howe" });
    await expectSameOutput(program, 300, { TZ: "AEST-10AEDT,M10.1.0,M4.1.0/3" });
    await expectSameOutput(program, 300, { TZ: "Asia/Kolkata" });
  });
});
