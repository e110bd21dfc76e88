// io library: file cases run in lua5.3 (in its scratch directory) and through our functions
// (in a fresh data directory); every line must match. Sandbox rules are tested on their own.
// Calls made here have no Lua call site, so argument errors are compared in a nameless form
// (({f.seek})[1](f, ...) names no function: "?"); method-call naming is in io-diff.test.ts.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { luaAvailable } from "./oracle.ts";
import { expectSameAsLua, show, type Case } from "./paired-cases.ts";
import { ioLib as IO, setDataDir } from "../runtime/lua/io.ts";
import { callMethod, call } from "../runtime/lua/call.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaError } from "../runtime/lua/errors.ts";
import { LuaFloat, type LuaValue } from "../runtime/lua/value.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { index } from "../runtime/lua/index-ops.ts";

const LUA_PRELUDE = `local function Q(s) return s and (string.format("%q", s):gsub("\\n", "n")) end
local function mk(name, s) local f = assert(io.open(name, "wb")) f:write(s) f:close() end
`;

let dir = "";
/** string.format("%q") for the byte strings these cases read, with the newline escape made visible. */
function Q(s: LuaValue): LuaValue {
  if (typeof s !== "string") return s;
  return '"' + s.replace(/[\\"]/g, (c) => "\\" + c).replace(/\n/g, "\\n").replace(/\r(\d?)/g, (_, d) => (d ? "\\013" : "\\13") + d).replace(/\0/g, "\\0") + '"';
}
function mk(name: string, s: string) {
  writeFileSync(join(dir, name), Buffer.from(s, "latin1"));
}
const m = (f: LuaValue, name: string, ...args: LuaValue[]) => callMethod(f, name, ...args);
const all = (r: LuaValue): LuaValue[] => (Array.isArray(r) ? r : [r]);
const open = (name: string, mode?: string) => IO.open(name, mode);
/** The generic for stops when the iterator's first result is nil. */
const ended = (r: LuaValue) => (Array.isArray(r) ? r[0] : r) === undefined;

const NUMS = "  12 0x1F -3.5e2 .5 +7 0x1p4 1e 0x abc";
const cases: Case[] = [
  [`mk("a.txt", "line1\\nline2\\r\\n\\nlast") local f = io.open("a.txt") return Q(f:read()), Q(f:read("L")), Q(f:read("*l")), Q(f:read("l")), Q(f:read("l")), f:read("l")`,
    () => { mk("a.txt", "line1\nline2\r\n\nlast"); const f = open("a.txt"); return [Q(m(f, "read")), Q(m(f, "read", "L")), Q(m(f, "read", "*l")), Q(m(f, "read", "l")), Q(m(f, "read", "l")), m(f, "read", "l")]; }],
  [`local f = io.open("a.txt") return Q(f:read(3)), Q(f:read(0)), Q(f:read(100)), f:read(0), f:read(1), Q(f:read("a")), Q(f:read("*a"))`,
    () => { const f = open("a.txt"); return [Q(m(f, "read", 3)), Q(m(f, "read", 0)), Q(m(f, "read", 100)), m(f, "read", 0), m(f, "read", 1), Q(m(f, "read", "a")), Q(m(f, "read", "*a"))]; }],
  [`local f = io.open("a.txt") return Q(f:read("l", "l", 2, "L", "a"))`, () => { const f = open("a.txt"); return Q(all(m(f, "read", "l", "l", 2, "L", "a"))[0]); }],
  [`local f = io.open("a.txt") f:read("a") return f:read("l", "l")`, () => { const f = open("a.txt"); m(f, "read", "a"); return m(f, "read", "l", "l"); }],
  [`mk("n.txt", "${NUMS}") local f = io.open("n.txt") local o = {} for i = 1, 9 do o[i] = tostring(f:read("n")) end return table.concat(o, " "), Q(f:read("a"))`,
    () => { mk("n.txt", NUMS); const f = open("n.txt"); const o: string[] = []; for (let i = 0; i < 9; i++) o.push(tostring(m(f, "read", "n"))); return [o.join(" "), Q(m(f, "read", "a"))]; }],
  [`mk("n2.txt", "5 6.0 x") local f = io.open("n2.txt") return f:read("n", "n", "n", "n")`, () => { mk("n2.txt", "5 6.0 x"); const f = open("n2.txt"); return m(f, "read", "n", "n", "n", "n"); }],
  [`mk("n3.txt", string.rep("1", 250)) local f = io.open("n3.txt") return f:read("n"), #f:read("a")`, () => { mk("n3.txt", "1".repeat(250)); const f = open("n3.txt"); return [m(f, "read", "n"), (m(f, "read", "a") as string).length]; }],
  [`local f = io.open("w.txt", "w") return f:write("a", 1, " ", 2.5, " ", 1.0, " ", -0.0, " ", 2^63, " ", math.mininteger, "\\n") == f, f:close(), Q(io.open("w.txt"):read("a"))`,
    () => { const f = open("w.txt", "w"); const r = m(f, "write", "a", 1, " ", 2.5, " ", new LuaFloat(1), " ", new LuaFloat(-0), " ", new LuaFloat(2 ** 63), " ", -0x8000000000000000n, "\n"); return [r === f, m(f, "close"), Q(m(open("w.txt"), "read", "a"))]; }],
  [`local f = io.open("w.txt", "a") f:write("more") f:close() return Q(io.open("w.txt"):read("a"))`, () => { const f = open("w.txt", "a"); m(f, "write", "more"); m(f, "close"); return Q(m(open("w.txt"), "read", "a")); }],
  [`local f = io.open("w.txt", "r+") f:write("XY") f:seek("set", 5) local r = f:read(3) f:seek("end") f:write("!") f:close() return r, Q(io.open("w.txt"):read("a"))`,
    () => { const f = open("w.txt", "r+"); m(f, "write", "XY"); m(f, "seek", "set", 5); const r = m(f, "read", 3); m(f, "seek", "end"); m(f, "write", "!"); m(f, "close"); return [r, Q(m(open("w.txt"), "read", "a"))]; }],
  [`local f = io.open("w.txt", "a+") local a = f:read("a") f:write("Z") f:seek("set") return Q(a), Q(f:read("a"))`, () => { const f = open("w.txt", "a+"); const a = m(f, "read", "a"); m(f, "write", "Z"); m(f, "seek", "set"); return [Q(a), Q(m(f, "read", "a"))]; }],
  [`local f = io.open("w2.txt", "w+b") f:write("hello") local p = f:seek() f:seek("set", 1) return p, f:read(2), f:seek("cur"), f:seek("cur", -1), f:seek("end", -1), f:read("a"), f:seek("set", -1)`,
    () => { const f = open("w2.txt", "w+b"); m(f, "write", "hello"); const p = m(f, "seek"); m(f, "seek", "set", 1); return [p, m(f, "read", 2), m(f, "seek", "cur"), m(f, "seek", "cur", -1), m(f, "seek", "end", -1), m(f, "read", "a"), ...all(m(f, "seek", "set", -1))]; }],
  [`local f = io.open("w2.txt") return ({f.seek})[1](f, "bogus")`, () => m(open("w2.txt"), "seek", "bogus")],
  [`local f = io.open("w2.txt") return ({f.seek})[1](f, "set", 1.5)`, () => m(open("w2.txt"), "seek", "set", 1.5)],
  [`local f = io.open("w2.txt") return f:setvbuf("full", 1024), f:setvbuf("no"), f:setvbuf("line"), f:flush()`, () => { const f = open("w2.txt"); return [m(f, "setvbuf", "full", 1024), m(f, "setvbuf", "no"), m(f, "setvbuf", "line"), m(f, "flush")]; }],
  [`local f = io.open("w2.txt") return ({f.setvbuf})[1](f, "bogus")`, () => m(open("w2.txt"), "setvbuf", "bogus")],
  // lines
  [`local o = {} for l in io.lines("a.txt") do o[#o+1] = Q(l) end return table.concat(o, ",")`, () => { const o: string[] = []; const it = IO.lines("a.txt"); for (let l = call(it); !ended(l); l = call(it)) o.push(Q(l) as string); return o.join(","); }],
  [`local o = {} for l in io.lines("a.txt", "L") do o[#o+1] = Q(l) end return table.concat(o, ",")`, () => { const o: string[] = []; const it = IO.lines("a.txt", "L"); for (let l = call(it); !ended(l); l = call(it)) o.push(Q(l) as string); return o.join(","); }],
  [`local o = {} for a, b in io.lines("a.txt", 2, "l") do o[#o+1] = Q(a) .. "/" .. tostring(Q(b)) end return table.concat(o, ",")`, () => { const o: string[] = []; const it = IO.lines("a.txt", 2, "l"); for (let r = call(it); !ended(r); r = call(it)) { const [a, b] = all(r); o.push(`${Q(a)}/${tostring(Q(b))}`); } return o.join(","); }],
  [`local f = io.open("a.txt") local o = {} for l in f:lines() do o[#o+1] = l end return #o, io.type(f), f:read("a")`, () => { const f = open("a.txt"); const it = m(f, "lines"); let n = 0; while (!ended(call(it))) n++; return [n, IO.type(f), m(f, "read", "a")]; }],
  [`local it = io.lines("a.txt") while it() do end return pcall(it)`, () => { const it = IO.lines("a.txt"); while (!ended(call(it))) { /* drain */ } try { call(it); return true; } catch (e) { return [false, (e as LuaError).value]; } }],
  [`return io.lines("nonexist")`, () => IO.lines("nonexist")],
  [`local f = io.open("a.txt") return f:lines("x")()`, () => call(m(open("a.txt"), "lines", "x"))],
  [`local f = io.open("a.txt", "w") local it = f:lines() f:close() return it()`, () => { const f = open("a.txt", "w"); const it = m(f, "lines"); m(f, "close"); return call(it); }],
  // default input/output
  [`mk("in.txt", "first\\nsecond\\n") io.input("in.txt") local a, b = io.read(), io.read("L") io.input():close() return a, Q(b), pcall(io.read)`,
    () => { mk("in.txt", "first\nsecond\n"); IO.input("in.txt"); const a = IO.read(); const b = IO.read("L"); m(IO.input(), "close"); let p: LuaValue[]; try { IO.read(); p = [true]; } catch (e) { p = [false, (e as LuaError).value]; } return [a, Q(b), ...p]; }],
  [`io.input(io.stdin) local o = io.output("out.txt") io.write("x", 1, 2.0) local r = io.close() io.output(io.stdout) return r, io.type(o), Q(io.open("out.txt"):read("a"))`,
    () => { IO.input(IO.stdin); const o = IO.output("out.txt"); IO.write("x", 1, new LuaFloat(2)); const r = IO.close(); IO.output(IO.stdout); return [r, IO.type(o), Q(m(open("out.txt"), "read", "a"))]; }],
  [`return io.input(42)`, () => IO.input(42)],
  [`return io.output({})`, () => IO.output(new LuaTable())],
  // handles, errors
  [`local f = io.open("a.txt") local s = tostring(f):match("^file %(0x%x+%)$") ~= nil f:close() return s, tostring(f), io.type(f), io.type(io.stdout), io.type(42), io.type(nil)`,
    () => { const f = open("a.txt"); const s = /^file \(0x[0-9a-f]+\)$/.test(tostring(f)); m(f, "close"); return [s, tostring(f), IO.type(f), IO.type(IO.stdout), IO.type(42), IO.type(undefined)]; }],
  [`return io.type()`, () => (IO.type as () => unknown)()],
  [`local f = io.open("a.txt") f:close() return f:read()`, () => { const f = open("a.txt"); m(f, "close"); return m(f, "read"); }],
  [`local f = io.open("a.txt") f:close() return f:close()`, () => { const f = open("a.txt"); m(f, "close"); return m(f, "close"); }],
  [`return io.stdout:close()`, () => m(IO.stdout, "close")],
  [`return io.stdout:flush(), io.stdout:seek("set", 0) ~= false`, () => [m(IO.stdout, "flush"), true]],
  [`return ({io.stdout.write})[1](42)`, () => call(index(IO.stdout, "write"), 42)],
  [`return io.open("nonexist")`, () => open("nonexist")],
  [`return io.open("a.txt", "rw")`, () => open("a.txt", "rw")],
  [`return io.open("a.txt", "rb+")`, () => open("a.txt", "rb+")],
  [`return io.type(io.open("a.txt", "r+bb"))`, () => IO.type(open("a.txt", "r+bb"))],
  [`return io.open("a.txt", "w"):read("a")`, () => m(open("a.txt", "w"), "read", "a")],
  [`local f = io.open("a.txt", "w") return ({f.read})[1](f, "x")`, () => m(open("a.txt", "w"), "read", "x")],
  [`return io.open("a.txt", "r"):write("a")`, () => m(open("a.txt", "r"), "write", "a")],
  [`local f = io.open("a.txt", "w") return ({f.write})[1](f, {})`, () => m(open("a.txt", "w"), "write", new LuaTable())],
  [`return io.open(".", "r"):read("a")`, () => m(open(".", "r"), "read", "a")],
  [`return io.read("x")`, () => IO.read("x")],
];

dir = mkdtempSync(join(tmpdir(), "qsys2ts-io-"));
setDataDir(dir);
afterAll(() => setDataDir(undefined));

describe("io library", () => {
  it("keeps file names inside the data directory", () => {
    writeFileSync(join(dir, "inside.txt"), "ok");
    expect(m(IO.open("inside.txt"), "read", "a")).toBe("ok");
    expect(m(IO.open("sub/../inside.txt"), "read", "a")).toBe("ok");
    expect(IO.open("../outside.txt", "w")).toEqual([undefined, "../outside.txt: Permission denied", 13]);
    expect(IO.open("/etc/passwd")).toEqual([undefined, "/etc/passwd: Permission denied", 13]);
    expect(show(() => IO.lines("/etc/passwd"))).toBe("ERR cannot open file '/etc/passwd' (Permission denied)");
  });

  it("writes bytes unchanged", () => {
    const f = IO.open("bytes.bin", "wb");
    m(f, "write", "\x00\xff\xc3\xa9");
    m(f, "close");
    expect([...readFileSync(join(dir, "bytes.bin"))]).toEqual([0, 0xff, 0xc3, 0xa9]);
  });

  describe.runIf(luaAvailable)("against lua5.3", () => {
    it("prints the same line for every case", () => {
      expectSameAsLua(cases, LUA_PRELUDE);
    });
  });
});
