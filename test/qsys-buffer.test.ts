// ReadLine (all six EOL modes), Read, Search and BufferLength through the Lua-visible API,
// on a socket whose receive buffer is filled the way packets fill it. Expectations are the
// runtime contract (qsys-api.md §7 decisions 1, 4, 5); there is no Lua oracle for Q-SYS.
import { describe, expect, test } from "vitest";
import { TcpSocket, type TcpSocketObject } from "../runtime/qsys/index.ts";
import { get, m, make } from "./qsys-helpers.ts";

const EOL = get(TcpSocket, "EOL");
const mode = (name: string): number => get(EOL, name);

function socket(): TcpSocketObject {
  return make(TcpSocket) as TcpSocketObject;
}

/** Feed `chunks` one by one, draining with ReadLine after each: the lines seen, in order. */
function drain(chunks: string[], eol: number, custom?: string): { lines: string[]; rest: string } {
  const s = socket();
  const lines: string[] = [];
  for (const c of chunks) {
    s.buf.append(c);
    for (let l = m(s, "ReadLine", eol, custom); l !== undefined; l = m(s, "ReadLine", eol, custom)) lines.push(l);
  }
  return { lines, rest: s.buf.data };
}

/** Every way to cut `text` into two packets, plus one byte per packet. */
function splits(text: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  out.push([...text]);
  return out;
}

const cases: { name: string; custom?: string; text: string; lines: string[]; rest: string }[] = [
  { name: "Any", text: "a\r\n\r\nb\r", lines: ["a", "b"], rest: "" },
  { name: "Any", text: "\n\rone\rtwo\nthree\r\n\n\rfour", lines: ["one", "two", "three"], rest: "four" },
  { name: "CrLf", text: "a\r\nb\nc\r\r\n\nd", lines: ["a", "b", "c\r", ""], rest: "d" },
  { name: "CrLfStrict", text: "a\r\nb\nc\r\r\nd\r", lines: ["a", "b\nc\r"], rest: "d\r" },
  { name: "Lf", text: "a\r\nb\n\nc", lines: ["a\r", "b", ""], rest: "c" },
  { name: "Null", text: "x\0\0y\nz\0w", lines: ["x", "", "y\nz"], rest: "w" },
  { name: "Custom", custom: "\r\n\r\n", text: "GET / HTTP/1.0\r\nA: b\r\n\r\nbody\r\n\r\r\n\r\n", lines: ["GET / HTTP/1.0\r\nA: b", "body\r\n\r"], rest: "" },
  { name: "Custom", custom: "|", text: "1|22||333", lines: ["1", "22", ""], rest: "333" },
  { name: "Custom", custom: "abab", text: "xabababy", lines: ["x"], rest: "aby" },
];

describe("ReadLine over every packet split", () => {
  for (const c of cases) {
    test(`${c.name}${c.custom ? " " + JSON.stringify(c.custom) : ""}: ${JSON.stringify(c.text)}`, () => {
      for (const chunks of splits(c.text)) {
        const got = drain(chunks, mode(c.name), c.custom);
        // Any leaves leading CR/LF of an incomplete line in place (nothing is consumed on nil).
        if (c.name === "Any") got.rest = got.rest.replace(/^[\r\n]+/, "");
        expect({ chunks, ...got }).toEqual({ chunks, lines: c.lines, rest: c.rest });
      }
    });
  }
});

describe("ReadLine", () => {
  test("returns nil and consumes nothing until a whole line is there", () => {
    const s = socket();
    s.buf.append("\rpartial\r");
    for (const name of ["CrLf", "CrLfStrict", "Lf", "Null"]) expect(m(s, "ReadLine", mode(name))).toBeUndefined();
    expect(m(s, "ReadLine", mode("Custom"), "\r\r")).toBeUndefined();
    expect(get(s, "BufferLength")).toBe(9);
    expect(m(s, "ReadLine", mode("Any"))).toBe("partial");
    expect(get(s, "BufferLength")).toBe(0);
  });
  test("Any: a buffer of only terminators yields nothing and keeps them", () => {
    const s = socket();
    s.buf.append("\r\n\r\n");
    expect(m(s, "ReadLine", mode("Any"))).toBeUndefined();
    expect(get(s, "BufferLength")).toBe(4);
  });
  test("all 256 byte values survive in a line", () => {
    const s = socket();
    let all = "";
    for (let i = 0; i < 256; i++) if (i !== 0) all += String.fromCharCode(i);
    s.buf.append(all + "\0tail");
    expect(m(s, "ReadLine", mode("Null"))).toBe(all);
  });
  test("a failed search resumes where it stopped (long unterminated input)", () => {
    const s = socket();
    const chunk = "x".repeat(65536);
    for (let i = 0; i < 160; i++) {
      s.buf.append(chunk);
      expect(m(s, "ReadLine", mode("Custom"), "\r\n\r\n")).toBeUndefined();
    }
    s.buf.append("\r\n\r");
    expect(m(s, "ReadLine", mode("Custom"), "\r\n\r\n")).toBeUndefined();
    s.buf.append("\nrest");
    expect((m(s, "ReadLine", mode("Custom"), "\r\n\r\n") as string).length).toBe(160 * 65536);
    expect(m(s, "Read", 100)).toBe("rest");
  });
  // Argument errors are checked from Lua call sites in qsys-script.test.ts.
});

describe("Read, Search, BufferLength", () => {
  test("Read removes up to n bytes; an empty buffer reads as an empty string", () => {
    const s = socket();
    expect(m(s, "Read", 10)).toBe("");
    expect(m(s, "Read", 0)).toBe("");
    s.buf.append("abc");
    s.buf.append("def");
    expect(get(s, "BufferLength")).toBe(6);
    expect(m(s, "Read", 2)).toBe("ab");
    expect(get(s, "BufferLength")).toBe(4);
    expect(m(s, "Read", 0)).toBe("");
    expect(m(s, "Read", 100)).toBe("cdef");
    expect(get(s, "BufferLength")).toBe(0);
  });
  test("Search is plain, 1-based, from an optional start, and consumes nothing", () => {
    const s = socket();
    s.buf.append("all your base are belong to us");
    expect(m(s, "Search", "base")).toBe(10);
    expect(m(s, "Search", "a")).toBe(1);
    expect(m(s, "Search", "a", 2)).toBe(11);
    expect(m(s, "Search", "a", 11)).toBe(11);
    expect(m(s, "Search", "a", 12)).toBe(15);
    expect(m(s, "Search", "nope")).toBeUndefined();
    expect(m(s, "Search", ".")).toBeUndefined();
    expect(m(s, "Search", "us", 100)).toBeUndefined();
    expect(get(s, "BufferLength")).toBe(30);
  });
});
