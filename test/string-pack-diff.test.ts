// string.pack / unpack / packsize end to end (compiled program vs lua5.3), aimed at the limits:
// values just inside and outside each integer size, sizes 1..17, string length prefixes that
// overflow, alignment rules, and unpack positions around the data's ends.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

/** Lua expressions for values near the limits of an n-byte integer. */
function edges(n: number): string[] {
  if (n >= 8) return ["math.maxinteger", "math.mininteger", "-1", "0", "1", "2^63", "-2^63", "1.5", "'7'", "'0x10'", "'x'"];
  const bits = 8 * n;
  const lim = (k: number) => (1n << BigInt(k)).toString();
  return [
    `${lim(bits - 1)} - 1`, `-${lim(bits - 1)}`, `${lim(bits - 1)}`, `-${lim(bits - 1)} - 1`,
    `${lim(bits)} - 1`, `${lim(bits)}`, "-1", "0", "3.0", "2.5",
  ];
}

describe.runIf(luaAvailable)("string.pack family, compiled, against lua5.3", () => {
  it("agrees at every integer size's limits, signed and unsigned, both endians", async () => {
    const lines: string[] = [];
    for (let n = 0; n <= 17; n++) {
      for (const o of ["i", "I"]) {
        for (const e of ["<", ">"]) {
          const fmt = e + o + (n === 0 ? "" : n);
          for (const v of edges(n === 0 ? 4 : n)) {
            const label = luaString(`${fmt} ${v}`);
            lines.push(`R(${label}, function() local p = string.pack(${luaString(fmt)}, ${v}) return p, string.unpack(${luaString(fmt)}, p) end)`);
          }
        }
      }
    }
    for (const o of ["b", "B", "h", "H", "l", "L", "j", "J", "T"]) {
      for (const v of ["127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32769", "65535", "65536", "-1", "math.mininteger", "math.maxinteger"]) {
        lines.push(`R(${luaString(o + " " + v)}, function() local p = string.pack(${luaString(o)}, ${v}) return p, string.unpack(${luaString(o)}, p) end)`);
      }
    }
    // unpacking wide integers: sign extension and "does not fit" beyond 8 bytes
    for (const fmt of ["<i9", "<I9", ">i12", "<i16", ">I16"]) {
      for (const fill of ["\0", "\xff", "\x7f", "\x80", "\x01"]) {
        for (const top of ["\0", "\xff", "\x80", "\x01"]) {
          const n = Number(fmt.slice(2));
          const data = fmt[0] === "<" ? fill.repeat(8) + top.repeat(n - 8) : top.repeat(n - 8) + fill.repeat(8);
          lines.push(`R(${luaString(`u ${fmt} ${fill} ${top}`)}, string.unpack, ${luaString(fmt)}, ${luaString(data)})`);
        }
      }
    }
    await expectSameOutput(lines.join("\n") + "\n", 700);
  });

  it("agrees on strings, alignment, packsize and positions", async () => {
    const r = rng(909);
    const lines: string[] = [];
    const strs = ['""', '"a"', '"abc"', '"a\\0b"', 'string.rep("x", 255)', 'string.rep("x", 256)', 'string.rep("y", 65536)', "12", "1.5", "{}"];
    for (const f of ["s1", "s2", "s", "s4", "z", "c0", "c1", "c3", "c300", ">s1", "<!8 b s2", "s16", "s17", "c", "c-1", "z z"]) {
      for (const s of strs) lines.push(`R(${luaString(`${f} ${s}`)}, function() local p = string.pack(${luaString(f)}, ${s}, ${s}) return #p, string.unpack(${luaString(f)}, p) end)`);
    }
    const opts = ["b", "h", "i", "i3", "i7", "l", "j", "f", "d", "n", "T", "x", "Xi", "Xh", "Xd", "!", "!1", "!2", "!4", "!8", "!16", " ", "<", ">", "=", "c2", "z", "s"];
    const rare = ["X", "Xz", "Xc2", "Xi3", "!3", "!17", "i0", "i17"]; // each an error
    for (let i = 0; i < 600; i++) {
      let f = "";
      const n = 1 + Math.floor(r() * 6);
      for (let k = 0; k < n; k++) f += r() < 0.04 ? pick(r, rare) : pick(r, opts);
      lines.push(`R(${luaString("size " + f)}, string.packsize, ${luaString(f)})`);
      const args = Array.from({ length: n }, () => pick(r, ["1", "-1", "0", '"ab"', "2.5", "300"])).join(", ");
      lines.push(`R(${luaString("pack " + f)}, function() local p = string.pack(${luaString(f)}, ${args}) return #p, string.unpack(${luaString(f)}, p) end)`);
    }
    const data = luaString("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0cabc\0");
    for (const f of ["b", "i4", "z", "c2", "s1", "d", "!4 b i4", "Xi4 b"]) {
      for (const pos of ["-20", "-16", "-1", "0", "1", "2", "15", "16", "17", "18", "math.mininteger", "math.maxinteger", "2.0", "2.5", "'3'"]) {
        lines.push(`R(${luaString(`unpack ${f} @${pos}`)}, string.unpack, ${luaString(f)}, ${data}, ${pos})`);
      }
    }
    lines.push(`R("toobig", string.packsize, "c1000000000000000000 c1000000000000000000")`);
    lines.push(`R("longer", string.pack, "c2", "xyz")`);
    lines.push(`R("packsize big", string.packsize, string.rep("c2147483647", 2))`);
    lines.push(`R("noargs", function() return string.pack() end)`);
    lines.push(`R("nofmt", function() return string.unpack() end)`);
    lines.push(`R("novalue", function() return string.pack("i4 i4", 1) end)`);
    await expectSameOutput(lines.join("\n") + "\n", 1400);
  });
});
