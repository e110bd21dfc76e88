// io end to end (compiled program vs lua5.3): files written and read back with every read
// format and random mixes of them, seek/lines/close, numbers in many spellings, and the error
// results. Each side runs in its own temporary directory; names are relative.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

/** File contents that stress the line and number readers. */
const CONTENTS = [
  "",
  "a",
  "line1\nline2\n",
  "line1\nline2",
  "\n\n\n",
  "no newline at end",
  "cr\r\nlf\n",
  "with\0zero\nand more\n",
  "12 3.5 -7 0x1F 1e3 .5 5. -.5e-2 +4 0x.8p1 inf nan 0x 1e 1e+ - 12abc\n",
  "  42\n\t-3\n 9999999999999999999 0xffffffffffffffff 1e400\n",
  "1,2;3\n",
  "x".repeat(70000) + "\n" + "y".repeat(10) + "\n",
  "0123456789".repeat(10),
];

const FORMATS = ['"n"', '"l"', '"L"', '"a"', "0", "1", "2", "5", "100", '"*n"', '"*l"', '"*a"', '"*L"', "-1", "1.0", '"x"', "1.5"];

describe.runIf(luaAvailable)("io, compiled, against lua5.3", () => {
  it("reads back every content with random read formats", async () => {
    const r = rng(5150);
    const lines: string[] = [];
    CONTENTS.forEach((c, i) => {
      lines.push(`write(${i}, ${luaString(c)})`);
      for (let k = 0; k < 25; k++) {
        const n = 1 + Math.floor(r() * 4);
        const fmts = Array.from({ length: n }, () => pick(r, FORMATS)).join(", ");
        lines.push(`R(${luaString(`${i} read(${fmts})`)}, function() local f = assert(io.open("io_diff.txt")) local t = table.pack(f:read(${fmts})) local rest = f:read("a") f:close() t[t.n + 1] = rest return table.unpack(t, 1, t.n + 1) end)`);
      }
      lines.push(`R(${luaString(`${i} lines`)}, function() local t = {} for l in io.lines("io_diff.txt") do t[#t + 1] = l end return #t, table.concat(t, "|"):sub(1, 200) end)`);
      lines.push(`R(${luaString(`${i} linesL`)}, function() local t = {} for l in io.lines("io_diff.txt", "L") do t[#t + 1] = l end return #t, table.concat(t):len() end)`);
      lines.push(`R(${luaString(`${i} lines n`)}, function() local t = {} for a, b in io.lines("io_diff.txt", "n", 1) do t[#t + 1] = tostring(a) .. "/" .. tostring(b) if #t > 30 then break end end return table.concat(t, " ") end)`);
      lines.push(`R(${luaString(`${i} seek`)}, function() local f = io.open("io_diff.txt") local a = f:seek("end") local b = f:seek("set", 3) local c = f:read(2) local d = f:seek("cur", -1) local e = f:read(1) local g = f:seek("cur") f:close() return a, b, c, d, e, g end)`);
    });
    await expectSameOutput(
      `local function write(i, s) local f = assert(io.open("io_diff.txt", "wb")) f:write(s) f:close() end
${lines.join("\n")}
os.remove("io_diff.txt")
`,
      CONTENTS.length * 29,
    );
  });

  it("writes, appends, updates and reports errors as liolib does", async () => {
    await expectSameOutput(
      `local function slurp(n) local f = io.open(n, "rb") if not f then return nil end local s = f:read("a") f:close() return s end
R("w", function() local f = io.open("io_w.txt", "w") local r = f:write("a", 1, 2.5, 3.0, -0.0, 2^63, math.mininteger) f:close() return r == f, slurp("io_w.txt") end)
R("a", function() local f = io.open("io_w.txt", "a") f:write("APP") f:seek("set", 0) f:write("X") f:close() return slurp("io_w.txt") end)
R("r+", function() local f = io.open("io_w.txt", "r+") f:write("ZZ") local s = f:read(3) f:close() return s, slurp("io_w.txt") end)
R("w+", function() local f = io.open("io_w.txt", "w+") f:write("hello") f:seek("set", 1) local s = f:read("a") f:close() return s end)
R("a+", function() local f = io.open("io_w.txt", "a+") f:write("!") f:seek("set", 0) local s = f:read("a") f:close() return s end)
R("bad mode", io.open, "io_w.txt", "rw")
R("bad mode2", io.open, "io_w.txt", "r+b+")
R("mode b", function() local f = io.open("io_w.txt", "rb") local s = f:read(1) f:close() return s end)
R("missing", io.open, "io_missing_file.txt")
R("missing lines", function() return io.lines("io_missing_file.txt") end)
R("dir", function() local f, e, n = io.open(".") if f then return f:read(1) end return f, e, n end)
R("write num", function() local f = io.open("io_w.txt", "w") return pcall(f.write, f, {}) end)
R("closed", function() local f = io.open("io_w.txt") f:close() return pcall(f.read, f) end)
R("closed tostring", function() local f = io.open("io_w.txt") f:close() return tostring(f) end)
R("double close", function() local f = io.open("io_w.txt") f:close() return pcall(f.close, f) end)
R("io.type", function() local f = io.open("io_w.txt") local a = io.type(f) f:close() return a, io.type(f), io.type(42), io.type(io.stdout) end)
R("bad read fmt", function() local f = io.open("io_w.txt") return pcall(f.read, f, "q") end)
R("bad seek", function() local f = io.open("io_w.txt") return pcall(f.seek, f, "top") end)
R("seek neg", function() local f = io.open("io_w.txt") local a, b, c = f:seek("set", -5) f:close() return a, b, c end)
R("setvbuf", function() local f = io.open("io_w.txt", "w") local r = f:setvbuf("full", 1024) f:close() return r end)
R("setvbuf bad", function() local f = io.open("io_w.txt", "w") return pcall(f.setvbuf, f, "huge") end)
R("io.write ret", function() return io.write("") == io.stdout end)
R("io.read closed default", function() local f = io.open("io_w.txt", "w") f:write("5 6\\n7") f:close() io.input("io_w.txt") local a, b = io.read("n", "n") local c = io.read("L") io.close(io.input()) return a, b, c end)
R("io.output file", function() io.output("io_o.txt") io.write("via output") io.close() io.output(io.stdout) return slurp("io_o.txt") end)
R("lines keep", function() local f = io.open("io_w.txt") local t = {} for l in f:lines() do t[#t + 1] = l end local ok = pcall(f.read, f) f:close() return #t, ok end)
R("lines closes", function() local it = io.lines("io_w.txt") local a = it() local b = it() local c = it() return a, b, c, pcall(it) end)
R("remove", os.remove, "io_o.txt")
R("remove again", os.remove, "io_o.txt")
R("rename", function() return os.rename("io_w.txt", "io_w2.txt"), slurp("io_w2.txt") ~= nil, os.remove("io_w2.txt") end)
R("rename missing", os.rename, "io_nope.txt", "io_nope2.txt")
`,
      30,
    );
  });
});
