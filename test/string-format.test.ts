// string.format and the exact float conversions (tostring's %.14g included), checked by hand
// against values observed from lua5.3 and differentially over thousands of generated specs.
import { describe, expect, it } from "vitest";
import { format } from "../runtime/lua/string/format.ts";
import { formatG, numberToString } from "../runtime/lua/number.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { LuaFloat, mkfloat, mkint } from "../runtime/lua/value.ts";
import { luaAvailable, runOracle } from "./oracle.ts";
import { rng } from "./differential.ts";

/** Result text, or "ERR message" for a Lua error. */
function fmt(...args: unknown[]): string {
  try {
    return (format as (...a: unknown[]) => string)(...args);
  } catch (e) {
    return "ERR " + (e as Error).message;
  }
}

const F = (n: number) => new LuaFloat(n);
const MAXI = 0x7fffffffffffffffn;
const MINI = -0x8000000000000000n;

describe("string.format by hand (expectations observed from lua5.3)", () => {
  it("rounds the exact binary value half to even", () => {
    expect(fmt("%.0f", 0.5)).toBe("0");
    expect(fmt("%.0f", 1.5)).toBe("2");
    expect(fmt("%.0f", 2.5)).toBe("2");
    expect(fmt("%.2f", 0.125)).toBe("0.12");
    expect(fmt("%.0e", 9.5)).toBe("1e+01");
    expect(fmt("%.0e", F(25))).toBe("2e+01");
    expect(fmt("%.20g", 0.1)).toBe("0.10000000000000000555");
    expect(fmt("%g", 123456789.125)).toBe("1.23457e+08");
    expect(fmt("%.3g", 0.0001234)).toBe("0.000123");
    expect(fmt("%g", 1e-5)).toBe("1e-05");
  });

  it("prints huge and long conversions like glibc", () => {
    const big =
      "100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336";
    expect(fmt("%5.0f", F(1e308))).toBe(big);
    expect(fmt("%.99f", F(1e308))).toBe(big + "." + "0".repeat(99));
  });

  it("honours '#' on floats", () => {
    expect(fmt("%#g", F(1))).toBe("1.00000");
    expect(fmt("%#.0f", F(1))).toBe("1.");
    expect(fmt("%#.0e", F(1))).toBe("1.e+00");
  });

  it("spells inf and nan as glibc, with the x86 NaN sign", () => {
    expect(fmt("%05.1f", NaN)).toBe(" -nan");
    expect(fmt("%+f", NaN)).toBe("-nan");
    expect(fmt("%+f", F(NaN))).toBe("+nan");
    expect(fmt("% f", Infinity)).toBe(" inf");
    expect(fmt("%010f", -Infinity)).toBe("      -inf");
    expect(fmt("%-10f|", Infinity)).toBe("inf       |");
    expect(fmt("%E", NaN)).toBe("-NAN");
    expect(fmt("%A", Infinity)).toBe("INF");
    expect(fmt("%a", NaN)).toBe("-nan");
    expect(fmt("%a", F(NaN))).toBe("nan");
  });

  it("formats %a as glibc's hex floats", () => {
    expect(fmt("%a", F(1))).toBe("0x1p+0");
    expect(fmt("%a", F(0))).toBe("0x0p+0");
    expect(fmt("%a", F(-0))).toBe("-0x0p+0");
    expect(fmt("%a", 5e-324)).toBe("0x0.0000000000001p-1022");
    expect(fmt("%#a", F(1))).toBe("0x1.p+0");
    expect(fmt("%010a", 1.5)).toBe("0x001.8p+0");
    expect(fmt("%+.3A", 2.2250738585072014e-308)).toBe("+0X1.000P-1022");
    expect(fmt("%.0a", 1.96875)).toBe("0x2p+0");
    expect(fmt("%.1a", 1.03125)).toBe("0x1.0p+0");
    expect(fmt("%.1a", 1.09375)).toBe("0x1.2p+0");
    expect(fmt("%.0a", 1.5)).toBe("0x2p+0");
    expect(fmt("%.0a", 2.5)).toBe("0x1p+1");
    expect(fmt("%.0a", 5e-324)).toBe("0x0p-1022");
    expect(fmt("%.1a", 2.5e-323)).toBe("0x0.0p-1022");
    expect(fmt("%.1a", 0x128 / 256)).toBe("0x1.2p+0");
    expect(fmt("%.0a", 0xf / 16 * 2 ** -1022)).toBe("0x1p-1022");
    expect(fmt("%.13a", F(1))).toBe("0x1.0000000000000p+0");
    expect(fmt("%.20a", F(1))).toBe("0x1.00000000000000000000p+0");
  });

  it("formats integers as C's %lld family", () => {
    expect(fmt("%u", -1)).toBe("18446744073709551615");
    expect(fmt("%i", 7)).toBe("7");
    expect(fmt("%5.0d|", 0)).toBe("     |");
    expect(fmt("%#x", 0)).toBe("0");
    expect(fmt("%#o", 0)).toBe("0");
    expect(fmt("%#.0o", 0)).toBe("0");
    expect(fmt("%#X", 255)).toBe("0XFF");
    expect(fmt("%+x", 5)).toBe("5");
    expect(fmt("% u", 5)).toBe("5");
    expect(fmt("%x", MINI)).toBe("8000000000000000");
    expect(fmt("%o", -1)).toBe("1777777777777777777777");
    expect(fmt("%#x", -1)).toBe("0xffffffffffffffff");
    expect(fmt("%.3d", -5)).toBe("-005");
    expect(fmt("%08.3d", -5)).toBe("    -005");
    expect(fmt("%-08d|", -5)).toBe("-5      |");
    expect(fmt("%+ d", 5)).toBe("+5");
    expect(fmt("% 05d", 5)).toBe(" 0005");
    expect(fmt("%-+#0 5d", 1)).toBe("+1   ");
    expect(fmt("%d", "3.0")).toBe("3");
    expect(fmt("%x", "0x10")).toBe("10");
    expect(fmt("%x", F(2 ** 53))).toBe("20000000000000");
    expect(fmt("%d", MAXI)).toBe("9223372036854775807");
  });

  it("formats %c as one byte with width", () => {
    expect(fmt("%05c", 65)).toBe("    A");
    expect(fmt("%-5c|", 65)).toBe("A    |");
    expect(fmt("%.0c|", 65)).toBe("A|");
    expect(fmt("%c", 256 + 65)).toBe("A");
    expect(fmt("%c", -191)).toBe("A");
    expect(fmt("%c", 0)).toBe("\0");
  });

  it("formats %s through tostring, truncating with a precision", () => {
    expect(fmt("%05s", "ab")).toBe("   ab");
    expect(fmt("%s", "a\0b")).toBe("a\0b");
    expect(fmt("%s %s", 1, F(2))).toBe("1 2.0");
    expect(fmt("%s", undefined)).toBe("nil");
    expect(fmt("%.20s", F(1e100))).toBe("1e+100");
    expect(fmt("%5s", 12)).toBe("   12");
    const t = new LuaTable();
    const mt = new LuaTable();
    mt.set("__tostring", () => "hello");
    t.metatable = mt;
    expect(fmt("%.3s", t)).toBe("hel");
    const long = "x".repeat(120);
    expect(fmt("%5s", long)).toBe(long);
    expect(fmt("%.99s", long)).toBe(long.slice(0, 99));
    expect(fmt("%-3.1s|", "abc")).toBe("a  |");
  });

  it("formats %q as a readable literal", () => {
    expect(fmt("%q", 'a\rb\n\0c\x001\x7f\x80"\\')).toBe('"a\\13b\\\n\\0c\\0001\\127\x80\\"\\\\"');
    expect(fmt("%10q", "x")).toBe('"x"');
    expect(fmt("%q", Infinity)).toBe("inf");
    expect(fmt("%q", -Infinity)).toBe("-inf");
    expect(fmt("%q", NaN)).toBe("-nan");
    expect(fmt("%q", F(NaN))).toBe("nan");
    expect(fmt("%q", 0.5)).toBe("0x1p-1");
    expect(fmt("%q", F(3))).toBe("0x1.8p+1");
    expect(fmt("%q", F(-0))).toBe("-0x0p+0");
    expect(fmt("%q", MINI)).toBe("0x8000000000000000");
    expect(fmt("%q", F(1e300))).toBe("0x1.7e43c8800759cp+996");
    expect(fmt("%q", undefined)).toBe("nil");
    expect(fmt("%q", true)).toBe("true");
    expect(fmt("%q", new LuaTable())).toBe("ERR bad argument #2 to 'format' (value has no literal form)");
  });

  it("raises lstrlib's errors", () => {
    expect(fmt("%F", 1)).toBe("ERR invalid option '%F' to 'format'");
    expect(fmt("%")).toBe("ERR bad argument #2 to 'format' (no value)");
    expect(fmt("%", 1)).toBe("ERR invalid option '%<\\0>' to 'format'");
    expect(fmt("%#", 1)).toBe("ERR invalid option '%<\\0>' to 'format'");
    expect(fmt("%y", 1)).toBe("ERR invalid option '%y' to 'format'");
    expect(fmt("%5%")).toBe("ERR bad argument #2 to 'format' (no value)");
    expect(fmt("%------d", 1)).toBe("ERR invalid format (repeated flags)");
    expect(fmt("%-----d", 1)).toBe("1");
    expect(fmt("%100d", 1)).toBe("ERR invalid format (width or precision too long)");
    expect(fmt("%1.100d", 1)).toBe("ERR invalid format (width or precision too long)");
    expect(fmt("%d", 3.5)).toBe("ERR bad argument #2 to 'format' (number has no integer representation)");
    expect(fmt("%d", F(2 ** 63))).toBe("ERR bad argument #2 to 'format' (number has no integer representation)");
    expect(fmt("%d", "x")).toBe("ERR bad argument #2 to 'format' (number expected, got string)");
    expect(fmt("%d %d", 1)).toBe("ERR bad argument #3 to 'format' (no value)");
    expect(fmt("%5s", "a\0b")).toBe("ERR bad argument #2 to 'format' (string contains zeros)");
    expect(fmt()).toBe("ERR bad argument #1 to 'format' (string expected, got no value)");
    expect(fmt(new LuaTable())).toBe("ERR bad argument #1 to 'format' (string expected, got table)");
    expect(fmt(12)).toBe("12");
  });

  it("gives tostring's %.14g", () => {
    expect(numberToString(0.1 + 0.2)).toBe("0.3");
    expect(numberToString(F(1e15))).toBe("1e+15");
    expect(numberToString(F(-0))).toBe("-0.0");
    expect(numberToString(F(2 ** 63))).toBe("9.2233720368548e+18");
    expect(formatG(0.5, 0)).toBe("0.5");
    expect(formatG(2.5, 1)).toBe("2");
    expect(formatG(Infinity, 14, false, true)).toBe("INF");
  });
});

// ---- differential: generated specs x values, one lua5.3 run ------------------------------

interface Val {
  lua: string;
  js: unknown;
}

function floatVal(x: number): Val {
  if (Number.isNaN(x)) return { lua: "(0/0)", js: NaN };
  if (!Number.isFinite(x)) return { lua: x > 0 ? "(1/0)" : "(-1/0)", js: x };
  if (Object.is(x, -0)) return { lua: "(-0.0)", js: F(-0) };
  let s = String(x);
  if (/^-?\d+$/.test(s)) s += ".0";
  return { lua: `(${s})`, js: mkfloat(x) };
}

function intVal(b: bigint): Val {
  if (b === MINI) return { lua: "math.mininteger", js: mkint(b) };
  return { lua: `(${b})`, js: mkint(b) };
}

function randomDouble(r: () => number): number {
  const kind = Math.floor(r() * 6);
  const dv = new DataView(new ArrayBuffer(8));
  switch (kind) {
    case 0: // any finite bit pattern
      dv.setUint32(0, Math.floor(r() * 0x7fe) << 20 | Math.floor(r() * 0x100000));
      dv.setUint32(4, Math.floor(r() * 2 ** 32));
      return (r() < 0.5 ? -1 : 1) * dv.getFloat64(0);
    case 1: // everyday magnitudes
      return (r() * 2 - 1) * 10 ** Math.floor(r() * 30 - 10);
    case 2: // short binary fractions: ties at some digit
      return (Math.floor(r() * 2 ** 20) * 2 + 1) / 2 ** Math.floor(1 + r() * 24);
    case 3: // decimal-looking integers: ties for %e
      return [5, 25, 125, 15, 35, 2.5, 0.5][Math.floor(r() * 7)] * 10 ** Math.floor(r() * 20);
    case 4: // subnormals and extremes
      return (r() < 0.5 ? -1 : 1) * r() * 2 ** Math.floor(-1074 + r() * 60);
    default:
      return Math.floor(r() * 2000 - 1000) / 8;
  }
}

function buildValues(r: () => number): Val[] {
  const vals: Val[] = [];
  for (const b of [0n, 1n, -1n, 7n, 65n, 255n, -255n, 123456789n, -12345678901234n, MAXI, MINI, 2n ** 53n, -(2n ** 53n) - 1n]) vals.push(intVal(b));
  for (let i = 0; i < 40; i++) vals.push(intVal(BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) << BigInt(Math.floor(r() * 40)))));
  for (const x of [0.5, 2.5, 1.5, -0, 0, 1e-310, 1e308, 0.1, 1 / 3, 123456789.125, Infinity, -Infinity, NaN, 5e-324,
    1.7976931348623157e308, 0.125, 9.5, 25, 1e15, 1e16, 1e21, 1e22, 2 ** 63, -2.5, 0.05, 0.005, 1e-5, 123.456, 1e100, 0.3, 99.995, 9.9999999]) {
    vals.push(floatVal(x));
  }
  vals.push({ lua: "(-(0/0))", js: F(NaN) });
  for (let i = 0; i < 1500; i++) vals.push(floatVal(randomDouble(r)));
  for (const s of ["hello", "", "12", "0x10", "3.0", "1e2", " 5 ", "a\0b", "x\ny\r\"q\\", "\x01\x7f\xff9"]) {
    vals.push({ lua: JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, (_m, h) => "\\" + parseInt(h, 16)), js: s });
  }
  vals.push({ lua: "true", js: true });
  return vals;
}

function randomSpec(r: () => number): string {
  let s = "%";
  const nflags = r() < 0.02 ? 6 : Math.floor(r() * r() * 4);
  for (let i = 0; i < nflags; i++) s += "-+ #0"[Math.floor(r() * 5)];
  if (r() < 0.5) s += Math.floor(r() * (r() < 0.02 ? 1000 : 30));
  const p = r();
  if (p < 0.1) s += ".";
  else if (p < 0.5) s += "." + Math.floor(r() * 20);
  else if (p < 0.6) s += "." + Math.floor(r() * 100);
  const c = r();
  s += c < 0.03 ? "FybLp%"[Math.floor(r() * 6)] : "diouxXcaAeEfgGsq"[Math.floor(r() * 16)];
  return s;
}

/** Same escaping on both sides so results with control bytes stay on one line. */
const escape = (s: string) => s.replace(/[\x00-\x1f\\\x7f]/g, (c) => "\\" + String(c.charCodeAt(0)).padStart(3, "0"));

describe.runIf(luaAvailable)("string.format against lua5.3", () => {
  it("matches on thousands of generated specs and values", () => {
    const r = rng(20240531);
    const vals = buildValues(r);
    const cases: [string, number][] = [];
    for (let i = 0; i < 6000; i++) {
      let spec = randomSpec(r);
      if (r() < 0.2) spec = "<" + spec + ">"; // literal text around
      let vi = Math.floor(r() * vals.length);
      if (/[sq]$/.test(spec) && vals[vi].js instanceof LuaTable) vi = 0;
      cases.push([spec, vi]);
    }
    for (let p = 1; p <= 17; p++) for (let vi = 0; vi < vals.length; vi += 3) cases.push([`%.${p}g`, vi]);
    const lua = `
local V = { ${vals.map((v) => v.lua).join(",\n")} }
local C = { ${cases.map(([s, vi]) => `{${JSON.stringify(s)},${vi + 1}}`).join(",\n")} }
local out = {}
for i, c in ipairs(C) do
  local ok, r = pcall(function() return string.format(c[1], V[c[2]]) end)
  if not ok then r = "ERR " .. tostring(r):gsub("^[^:]+:%d+: ", "") end
  out[#out + 1] = (r:gsub("[%z\\1-\\31\\\\\\127]", function(ch) return string.format("\\\\%03d", ch:byte()) end))
end
for i, v in ipairs(V) do
  if math.type(v) == "float" then out[#out + 1] = tostring(v) end
end
io.write(table.concat(out, "\\n"), "\\n")`;
    const res = runOracle(lua);
    expect(res.stderr).toBe("");
    const want = res.stdout.split("\n");
    const bad: string[] = [];
    cases.forEach(([spec, vi], i) => {
      const got = escape(fmt(spec, vals[vi].js));
      if (got !== want[i]) bad.push(`${spec} ${vals[vi].lua}: lua ${want[i]} ours ${got}`);
    });
    let k = cases.length;
    for (const v of vals) {
      const js = v.js;
      if (typeof js === "number" ? !Number.isInteger(js) : js instanceof LuaFloat) {
        const got = numberToString(js as number | LuaFloat);
        if (got !== want[k]) bad.push(`tostring ${v.lua}: lua ${want[k]} ours ${got}`);
        k++;
      }
    }
    expect(want.slice(0, cases.length).filter((w) => !w.startsWith("ERR")).length).toBeGreaterThan(5000);
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
