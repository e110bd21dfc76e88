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

describe("against a reference model", () => {
  // The decisions of qsys-api.md §7 (1, 4, 5) written as the simplest code over one flat
  // string; the socket's buffer (pieces, merged small packets, remembered failed
  // searches) must agree with it on random packets and random calls.
  class Model {
    d = "";
    readLine(mode: string, custom?: string): string | undefined {
      const d = this.d;
      if (mode === "Any") {
        let s = 0;
        while (s < d.length && (d[s] === "\r" || d[s] === "\n")) s++;
        let i = s;
        while (i < d.length && d[i] !== "\r" && d[i] !== "\n") i++;
        if (i === d.length) return undefined;
        let e = i;
        while (e < d.length && (d[e] === "\r" || d[e] === "\n")) e++;
        this.d = d.slice(e);
        return d.slice(s, i);
      }
      const term = { CrLf: "\n", CrLfStrict: "\r\n", Lf: "\n", Null: "\0", Custom: custom! }[mode]!;
      const i = d.indexOf(term);
      if (i < 0) return undefined;
      const end = mode === "CrLf" && i > 0 && d[i - 1] === "\r" ? i - 1 : i;
      this.d = d.slice(i + term.length);
      return d.slice(0, end);
    }
    read(n: number): string {
      const r = this.d.slice(0, Math.max(n, 0));
      this.d = this.d.slice(r.length);
      return r;
    }
    search(str: string, start: number): number | undefined {
      const i = this.d.indexOf(str, Math.max(start - 1, 0));
      return i < 0 ? undefined : i + 1;
    }
  }

  test("random packets (tiny to 20 KB) and random ReadLine / Read / Search calls agree", () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = ["a", "b", "\r", "\n", "\0", "|"];
    const weights = [40, 10, 3, 3, 1, 2];
    const pick = (): string => {
      let r = rnd(59);
      for (let i = 0; i < alphabet.length; i++) if ((r -= weights[i]) < 0) return alphabet[i];
      return "a";
    };
    const modes = ["Any", "CrLf", "CrLfStrict", "Lf", "Null", "Custom"];
    const customs = ["|", "\r\n\r\n", "ab|", "\n\n", "aaaa"];
    for (let round = 0; round < 20; round++) {
      const s = socket();
      const model = new Model();
      for (let step = 0; step < 300; step++) {
        const op = rnd(10);
        if (op < 4) {
          const size = [1, 2, 3, 7, 100, 4095, 4096, 5000, 20000][rnd(9)];
          const bytes: string[] = [];
          for (let i = 0; i < size; i++) bytes.push(pick());
          const packet = bytes.join("");
          s.buf.append(packet);
          model.d += packet;
        } else if (op < 8) {
          const name = modes[rnd(6)];
          const custom = name === "Custom" ? customs[rnd(customs.length)] : undefined;
          const got = m(s, "ReadLine", mode(name), custom);
          const want = model.readLine(name, custom);
          if (got !== want) expect({ round, step, name, custom, got }).toEqual({ round, step, name, custom, got: want });
        } else if (op < 9) {
          const n = rnd(3) === 0 ? 1 << 20 : rnd(6000);
          expect(m(s, "Read", n) === model.read(n)).toBe(true);
        } else {
          const str = [...customs, "a", "\r", "b|"][rnd(8)];
          const start = rnd(3) === 0 ? 1 : rnd(30000);
          expect(m(s, "Search", str, start)).toEqual(model.search(str, start));
        }
        if (get(s, "BufferLength") !== model.d.length) expect({ round, step, length: get(s, "BufferLength") }).toEqual({ round, step, length: model.d.length });
      }
      expect(s.buf.data === model.d).toBe(true);
    }
  });
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
