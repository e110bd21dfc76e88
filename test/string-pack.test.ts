// string.pack / unpack / packsize: exact bytes and error texts observed from lua5.3, and a
// differential run over generated formats (well-formed with matching values, and random junk).
import { describe, expect, it } from "vitest";
import { pack, packsize, unpack } from "../runtime/lua/string/pack.ts";
import { numberToString } from "../runtime/lua/number.ts";
import { LuaFloat, mkfloat, mkint } from "../runtime/lua/value.ts";
import { luaAvailable, runOracle } from "./oracle.ts";
import { rng } from "./differential.ts";

const hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
const F = (n: number) => new LuaFloat(n);
const MAXI = 0x7fffffffffffffffn;
const MINI = -0x8000000000000000n;

/** A result as text: strings in hex, numbers as tostring, errors as "ERR msg". */
function show(f: (...a: unknown[]) => unknown, ...args: unknown[]): string {
  try {
    const r = f(...args);
    return (Array.isArray(r) ? r : [r]).map((v) => (typeof v === "string" ? "s" + hex(v) : numberToString(v as number))).join(" ");
  } catch (e) {
    return "ERR " + (e as Error).message;
  }
}
const P = (...a: unknown[]) => show(pack as (...a: unknown[]) => unknown, ...a);
const U = (...a: unknown[]) => show(unpack as (...a: unknown[]) => unknown, ...a);
const S = (...a: unknown[]) => show(packsize as (...a: unknown[]) => unknown, ...a);

describe("string.pack by hand (expectations observed from lua5.3)", () => {
  it("packs integers with sign extension and endianness", () => {
    expect(P("i16", -2)).toBe("sfe" + "ff".repeat(15));
    expect(P("I16", -2)).toBe("sfe" + "ff".repeat(7) + "00".repeat(8));
    expect(P(">i16", -2)).toBe("s" + "ff".repeat(15) + "fe");
    expect(P("i3 h", -8388608, 5)).toBe("s0000800500");
    expect(P("<I3 >I3 =I3", 1, 2, 3)).toBe("s010000000002030000");
    expect(P("i", "12")).toBe("s0c000000");
    expect(P("i2", F(3))).toBe("s0300");
    expect(U("<i16", pack("i16", MINI))).toBe("-9223372036854775808 17");
    expect(U("i9", "\xff".repeat(9))).toBe("-1 10");
    const all = pack("B b H h l L j J T", 255, -128, 65535, -32768, MINI, -1, MAXI, -1, 12);
    expect(U("B b H h l L j J T", all)).toBe("255 -128 65535 -32768 -9223372036854775808 -1 9223372036854775807 -1 12 47");
  });

  it("aligns with ! and X", () => {
    expect(P("bXi4b", 1, 2)).toBe("s0102");
    expect(P("!4 b Xi8 b", 1, 2)).toBe("s0100000002");
    expect(U("!2 b h", "\x01\x00\x02\x00", 1)).toBe("1 2 5");
    expect(U("xXi4 b", "abcdefgh")).toBe("98 3");
    expect(S("!8 b d")).toBe("16");
    expect(S("!16 b i16")).toBe("32");
    expect(S("!xi16")).toBe("24");
    expect(S("!2 c3 d")).toBe("12");
    expect(S("i")).toBe("4");
    expect(S("T")).toBe("8");
  });

  it("packs floats with x86 NaN signs", () => {
    expect(P("f", NaN)).toBe("s0000c0ff");
    expect(P("f", F(NaN))).toBe("s0000c07f");
    expect(P("d", NaN)).toBe("s000000000000f8ff");
    expect(P("d", F(NaN))).toBe("s000000000000f87f");
    expect(P(">d", 1.5)).toBe("s3ff8000000000000");
    expect(P("=f", F(1e300))).toBe("s0000807f");
    expect(U("d", pack("d", F(NaN)))).toBe("nan 9");
    expect(U("f", pack("f", NaN))).toBe("-nan 5");
    expect(U("d", pack("d", F(2)))).toBe("2.0 9");
  });

  it("packs strings", () => {
    expect(P("s", 12)).toBe("s02000000000000003132");
    expect(P("c0", "")).toBe("s");
    expect(P("z", "ab")).toBe("s616200");
    expect(U("c0", "")).toBe("s 1");
    expect(U("s1", "\x05ab")).toBe("ERR bad argument #2 to 'unpack' (data string too short)");
    expect(U("z", "\0")).toBe("s 2");
    expect(U("z", "abc")).toBe("s616263 5");
    expect(U("zb", "abc")).toBe("ERR bad argument #2 to 'unpack' (data string too short)");
    expect(U("z ", "abc")).toBe("ERR bad argument #2 to 'unpack' (data string too short)");
    expect(U("s9", "\0".repeat(9))).toBe("s 10");
    expect(U("s2", "\xff\xff")).toBe("ERR bad argument #2 to 'unpack' (data string too short)");
  });

  it("handles positions and empty formats", () => {
    expect(U("", "")).toBe("1");
    expect(U("", "abc", 4)).toBe("4");
    expect(U("", "abc", 5)).toBe("ERR bad argument #3 to 'unpack' (initial position out of string)");
    expect(U("i4", "abcd", 0)).toBe("ERR bad argument #3 to 'unpack' (initial position out of string)");
    expect(U("i4", "abcd", -5)).toBe("ERR bad argument #3 to 'unpack' (initial position out of string)");
    expect(U("b", "abcd", -1)).toBe("100 5");
    expect(U("b\0b", "\x01\x02")).toBe("1 2");
    expect(P(" < > = ! ", 1)).toBe("s");
  });

  it("raises lstrlib's errors", () => {
    expect(P("y")).toBe("ERR invalid format option 'y'");
    expect(P("\x80")).toBe("ERR invalid format option '<\\128>'");
    expect(P("i17")).toBe("ERR integral size (17) out of limits [1,16]");
    expect(P("i0", 1)).toBe("ERR integral size (0) out of limits [1,16]");
    expect(P("!17")).toBe("ERR integral size (17) out of limits [1,16]");
    expect(P("i99999999999999999")).toBe("ERR integral size (999999999) out of limits [1,16]");
    expect(P("c3000000000", "")).toBe("ERR invalid format option '0'");
    expect(P("!3 i4", 1)).toBe("ERR bad argument #1 to 'pack' (format asks for alignment not power of 2)");
    expect(P("!bi3", 1, 2)).toBe("ERR bad argument #1 to 'pack' (format asks for alignment not power of 2)");
    expect(P("c", "a")).toBe("ERR missing size for format option 'c'");
    expect(P("c2", "abc")).toBe("ERR bad argument #2 to 'pack' (string longer than given size)");
    expect(P("s1", "x".repeat(256))).toBe("ERR bad argument #2 to 'pack' (string length does not fit in given size)");
    expect(P("i1", 128)).toBe("ERR bad argument #2 to 'pack' (integer overflow)");
    expect(P("i3", 8388608)).toBe("ERR bad argument #2 to 'pack' (integer overflow)");
    expect(P("I1", -1)).toBe("ERR bad argument #2 to 'pack' (unsigned overflow)");
    expect(P("I1", 256)).toBe("ERR bad argument #2 to 'pack' (unsigned overflow)");
    expect(P("z", "a\0b")).toBe("ERR bad argument #2 to 'pack' (string contains zeros)");
    expect(P("X")).toBe("ERR bad argument #1 to 'pack' (invalid next option for option 'X')");
    expect(P("Xc1")).toBe("ERR bad argument #1 to 'pack' (invalid next option for option 'X')");
    expect(P("i", "x")).toBe("ERR bad argument #2 to 'pack' (number expected, got string)");
    expect(P("i", 1.5)).toBe("ERR bad argument #2 to 'pack' (number has no integer representation)");
    expect(P("j", F(2 ** 63))).toBe("ERR bad argument #2 to 'pack' (number has no integer representation)");
    expect(P("d", "x")).toBe("ERR bad argument #2 to 'pack' (number expected, got string)");
    expect(P("i")).toBe("ERR bad argument #2 to 'pack' (number expected, got nil)");
    expect(P()).toBe("ERR bad argument #1 to 'pack' (string expected, got no value)");
    expect(S("s")).toBe("ERR bad argument #1 to 'packsize' (variable-length format)");
    expect(S("z")).toBe("ERR bad argument #1 to 'packsize' (variable-length format)");
    expect(S("c2147483639c9")).toBe("ERR bad argument #1 to 'packsize' (format result too large)");
    expect(S("c2147483647c2")).toBe("ERR invalid format option '7'");
    expect(U("i4", "abc")).toBe("ERR bad argument #2 to 'unpack' (data string too short)");
    expect(U("i4", "abcd", 6)).toBe("ERR bad argument #3 to 'unpack' (initial position out of string)");
    expect(U("i9", "\xff".repeat(8) + "\x01")).toBe("ERR 9-byte integer does not fit into Lua Integer");
    expect(U("I9", "\xff".repeat(9))).toBe("ERR 9-byte integer does not fit into Lua Integer");
    expect(U("s9", "\0".repeat(8) + "\x01")).toBe("ERR 9-byte integer does not fit into Lua Integer");
    expect(U("i4")).toBe("ERR bad argument #2 to 'unpack' (string expected, got no value)");
    expect(U("b", "a", 1.5)).toBe("ERR bad argument #3 to 'unpack' (number has no integer representation)");
  });
});

// ---- differential ------------------------------------------------------------------------

interface Val {
  lua: string;
  js: unknown;
}

const luaStr = (s: string) => '"' + [...s].map((c) => "\\" + c.charCodeAt(0)).join("") + '"';
const str = (s: string): Val => ({ lua: luaStr(s), js: s });
const int = (b: bigint): Val => ({ lua: b === MINI ? "math.mininteger" : `(${b})`, js: mkint(b) });
function flt(x: number): Val {
  if (Number.isNaN(x)) return { lua: "(0/0)", js: NaN };
  if (!Number.isFinite(x)) return { lua: x > 0 ? "(1/0)" : "(-1/0)", js: x };
  if (Object.is(x, -0)) return { lua: "(-0.0)", js: F(-0) };
  let s = String(x);
  if (/^-?\d+$/.test(s)) s += ".0";
  return { lua: `(${s})`, js: mkfloat(x) };
}

function randBig(r: () => number, bits: number): bigint {
  let b = 0n;
  for (let i = 0; i < bits; i += 16) b = (b << 16n) | BigInt(Math.floor(r() * 65536));
  return b & ((1n << BigInt(bits)) - 1n);
}

function randString(r: () => number, max: number, zeros: boolean): string {
  let s = "";
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) s += String.fromCharCode(zeros || r() < 0.5 ? Math.floor(r() * 256) : 97 + Math.floor(r() * 26));
  return zeros ? s : s.replace(/\0/g, "a");
}

/** A well-formed format with a matching value per data option. */
function goodCase(r: () => number): [string, Val[]] {
  let fmt = "";
  const vals: Val[] = [];
  const n = 1 + Math.floor(r() * 6);
  for (let k = 0; k < n; k++) {
    const pick = r();
    if (pick < 0.15) {
      fmt += ["<", ">", "=", "!", "!1", "!2", "!4", "!8", "!16", " ", "x", "Xi4", "Xd", "Xh"][Math.floor(r() * 14)];
      continue;
    }
    if (pick < 0.55) {
      const o = ["b", "B", "h", "H", "l", "L", "j", "J", "T", "i", "I"][Math.floor(r() * 11)];
      let size = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4 }[o as "b"] ?? 8;
      let opt = o;
      if ((o === "i" || o === "I") && r() < 0.7) {
        size = 1 + Math.floor(r() * 16);
        opt += size;
      }
      const signed = o === o.toLowerCase();
      const bits = Math.min(size * 8, 64);
      let v = randBig(r, bits);
      if (signed || bits === 64) v = BigInt.asIntN(bits, v);
      if (r() < 0.3) v = [0n, 1n, -1n, MAXI, MINI][Math.floor(r() * 5)];
      if (!signed && bits < 64 && v < 0n) v = 0n;
      if (signed && bits < 64) v = BigInt.asIntN(bits, v);
      if (!signed && bits < 64) v = BigInt.asUintN(bits, v);
      fmt += opt;
      vals.push(int(v));
    } else if (pick < 0.75) {
      fmt += ["f", "d", "n"][Math.floor(r() * 3)];
      const x = [0.5, -0, 1e300, NaN, Infinity, -Infinity, 1 / 3, 3, 5e-324, (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20)][Math.floor(r() * 10)];
      vals.push(flt(x));
    } else {
      const o = ["s", "z", "c"][Math.floor(r() * 3)];
      if (o === "z") {
        fmt += "z";
        vals.push(str(randString(r, 8, false)));
      } else if (o === "c") {
        const size = Math.floor(r() * 10);
        fmt += "c" + size;
        vals.push(str(randString(r, size, true)));
      } else {
        const size = 1 + Math.floor(r() * 9);
        fmt += r() < 0.3 ? "s" : "s" + size;
        vals.push(str(randString(r, 12, true)));
      }
    }
  }
  return [fmt, vals];
}

/** Junk: random option letters, digits and controls, with random values. */
function junkCase(r: () => number): [string, Val[]] {
  const alpha = "bBhHlLjJTiIfdnszxXc<>=! 0123456789y";
  let fmt = "";
  const n = 1 + Math.floor(r() * 6);
  for (let k = 0; k < n; k++) fmt += alpha[Math.floor(r() * alpha.length)];
  const pool: Val[] = [int(0n), int(-1n), int(300n), int(MAXI), int(70000n), flt(1.5), flt(2), str("abc"), str("12"), str("a\0b"), str(""), { lua: "true", js: true }];
  const vals: Val[] = [];
  const m = Math.floor(r() * 5);
  for (let k = 0; k < m; k++) vals.push(pool[Math.floor(r() * pool.length)]);
  return [fmt, vals];
}

describe.runIf(luaAvailable)("string.pack against lua5.3", () => {
  it("matches bytes, unpacked values, sizes and errors on generated formats", () => {
    const r = rng(7);
    const cases: [string, Val[]][] = [];
    for (let i = 0; i < 1500; i++) cases.push(goodCase(r));
    for (let i = 0; i < 1500; i++) cases.push(junkCase(r));
    const datas: [string, number][] = cases.map(() => [randString(r, 24, true), Math.floor(r() * 30) - 10]);
    const lua = `
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function show(ok, ...)
  if not ok then return "ERR " .. tostring((...)):gsub("^[^:]+:%d+: ", "") end
  local t = table.pack(...)
  for i = 1, t.n do t[i] = type(t[i]) == "string" and "s" .. hex(t[i]) or tostring(t[i]) end
  return table.concat(t, " ", 1, t.n)
end
local C = {
${cases.map(([f, vs], i) => `{${luaStr(f)}, ${luaStr(datas[i][0])}, ${datas[i][1]}, ${vs.map((v) => v.lua).join(", ")}}`).join(",\n")}
}
local out = {}
for _, c in ipairs(C) do
  local f = c[1]
  local ok, p = pcall(function() return string.pack(f, table.unpack(c, 4)) end)
  out[#out + 1] = show(ok, p)
  if ok then out[#out + 1] = show(pcall(function() return string.unpack(f, p) end)) end
  out[#out + 1] = show(pcall(function() return string.packsize(f) end))
  out[#out + 1] = show(pcall(function() return string.unpack(f, c[2], c[3]) end))
end
io.write(table.concat(out, "\\n"), "\\n")`;
    const res = runOracle(lua);
    expect(res.stderr).toBe("");
    const want = res.stdout.split("\n");
    const bad: string[] = [];
    let k = 0;
    let packedOk = 0;
    const check = (what: string, got: string) => {
      if (got !== want[k]) bad.push(`${what}: lua ${want[k]} ours ${got}`);
      k++;
    };
    cases.forEach(([f, vs], i) => {
      const args = vs.map((v) => v.js);
      const packed = P(f, ...args);
      check(`pack ${JSON.stringify(f)} ${vs.map((v) => v.lua).join(",")}`, packed);
      if (i < 1500 && !packed.startsWith("ERR")) packedOk++;
      if (!packed.startsWith("ERR")) check(`unpack ${JSON.stringify(f)}`, U(f, pack(f, ...args)));
      check(`packsize ${JSON.stringify(f)}`, S(f));
      check(`unpack ${JSON.stringify(f)} data ${hex(datas[i][0])} at ${datas[i][1]}`, U(f, datas[i][0], datas[i][1]));
    });
    expect(k).toBe(want.length - 1);
    expect(packedOk).toBeGreaterThan(1400); // the well-formed half really packs
    expect(bad.slice(0, 20)).toEqual([]);
  });
});
