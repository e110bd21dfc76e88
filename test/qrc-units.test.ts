// QRC building blocks without sockets: NUL framing at every split position, ids echoed
// verbatim, and control numbers printed as a Core prints them.
import { describe, expect, test } from "vitest";
import { coreNumber } from "../runtime/qsys/qrc/core-number.ts";
import { FrameSplitter } from "../runtime/qsys/qrc/framing.ts";
import { isBadRequest, parseRequest, type Request } from "../runtime/qsys/qrc/jsonrpc.ts";

function feed(chunks: Buffer[], cap?: number): { frames: string[]; oversized: number; maxBuffered: number } {
  const s = new FrameSplitter(cap);
  const frames: string[] = [];
  let oversized = 0;
  let maxBuffered = 0;
  for (const c of chunks) {
    s.push(
      c,
      (f) => frames.push(f.toString("utf8")),
      () => {
        oversized++;
        frames.push("<oversized>");
      },
    );
    maxBuffered = Math.max(maxBuffered, s.buffered);
  }
  return { frames, oversized, maxBuffered };
}

describe("FrameSplitter", () => {
  // Three frames: one with multi-byte UTF-8, one with the "\n\r" a Lua client puts before the NUL, an empty one.
  const frames = ['{"a":"Zoné €1 😀"}', '{"b":2}\n\r', "", '{"c":[1,2,3]}'];
  const stream = Buffer.from(frames.map((f) => f + "\0").join(""), "utf8");

  test("one chunk holding several frames", () => {
    expect(feed([stream]).frames).toEqual(frames);
  });
  test("split into two chunks at every byte position", () => {
    for (let i = 0; i <= stream.length; i++)
      expect(feed([stream.subarray(0, i), stream.subarray(i)]).frames, `split at ${i}`).toEqual(frames);
  });
  test("split into three chunks at every pair of positions", () => {
    for (let i = 0; i <= stream.length; i++)
      for (let j = i; j <= stream.length; j++)
        expect(feed([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)]).frames).toEqual(frames);
  });
  test("one byte at a time", () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(feed(bytes).frames).toEqual(frames);
  });
  test("a tail without NUL stays buffered", () => {
    const r = feed([Buffer.from('{"a":1}\0{"b":')]);
    expect(r.frames).toEqual(['{"a":1}']);
    expect(r.maxBuffered).toBe(5);
  });
  test("a frame past the cap is reported once and dropped up to its NUL; later frames survive", () => {
    const big = "x".repeat(100);
    // in one chunk, and spread over chunks of every size
    const text = Buffer.from(`{"a":1}\0${big}\0{"b":2}\0`);
    expect(feed([text], 16)).toEqual({ frames: ['{"a":1}', "<oversized>", '{"b":2}'], oversized: 1, maxBuffered: 0 });
    for (let size = 1; size <= text.length; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
      const r = feed(chunks, 16);
      expect(r.frames, `chunks of ${size}`).toEqual(['{"a":1}', "<oversized>", '{"b":2}']);
      expect(r.maxBuffered).toBeLessThanOrEqual(16);
    }
  });
  test("a frame exactly at the cap is accepted", () => {
    const r = feed([Buffer.from("y".repeat(16) + "\0")], 16);
    expect(r.frames).toEqual(["y".repeat(16)]);
  });
  test("an endless frame without NUL costs at most the cap", () => {
    const chunk = Buffer.alloc(4096, 0x61);
    const chunks = Array.from({ length: 100 }, () => chunk);
    const r = feed(chunks, 10_000);
    expect(r.oversized).toBe(1);
    expect(r.maxBuffered).toBeLessThanOrEqual(10_000);
  });
});

describe("request ids are echoed verbatim (qrc.md §0 item 3)", () => {
  const id = (text: string): string | undefined => {
    const r = parseRequest(text);
    if (isBadRequest(r)) throw new Error(r.error.message);
    return (r as Request).id;
  };
  test("numbers keep their text", () => {
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":1}')).toBe("1");
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":1.0}')).toBe("1.0");
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":12345678901234567890}')).toBe("12345678901234567890");
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":-2e3}')).toBe("-2e3");
  });
  test("strings, including JSON-text ids (a Crestron library) and escapes", () => {
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":"crestron"}')).toBe('"crestron"');
    const jsonText = '"{\\"Method\\":\\"Logon\\",\\"Params\\":{}}"';
    expect(id(`{"jsonrpc":"2.0","method":"NoOp","id":${jsonText}}`)).toBe(jsonText);
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":"a\\u0041\\/"}')).toBe('"a\\u0041\\/"');
  });
  test("null, absent, and the top-level id only", () => {
    expect(id('{"jsonrpc":"2.0","method":"NoOp","id":null}')).toBe("null");
    expect(id('{"jsonrpc":"2.0","method":"NoOp","params":{"id":5}}')).toBeUndefined();
    expect(id('{"params":{"id":5,"x":[{"id":6}]},"id" : "top" ,"method":"NoOp"}')).toBe('"top"');
    expect(id('{"method":"NoOp","id":1,"id":2}')).toBe("2"); // JSON.parse keeps the last, so do we
    expect(id('{"method":"NoOp","id":1,"id":11}')).toBe("11");
    expect(id('{"method":"NoOp","k":"a,\\"id\\":5","id":5.0}')).toBe("5.0");
    expect(id('{"method":"NoOp","k":{"id":7},"id":"7"}')).toBe('"7"');
    expect(id(' \r\n{ "method" : "NoOp" , "id" : 7 }\n\r')).toBe("7");
  });
  test("object ids, which no client uses, come back compact", () => {
    expect(id('{"method":"NoOp","id":{ "a" : [ 1 , 2 ] }}')).toBe('{"a":[1,2]}');
  });
});

describe("control numbers as a Core prints them (qrc.md §5: 1.0, -15.55555343; S11 trace)", () => {
  test("values seen in a Core 110f trace", () => {
    expect(coreNumber(1)).toBe("1.0");
    expect(coreNumber(0)).toBe("0.0");
    expect(coreNumber(-15.555553)).toBe("-15.55555343");
    expect(coreNumber(62 / 90)).toBe("0.6888889");
  });
  test("integral values keep .0; exact fractions print as such", () => {
    expect(coreNumber(-100)).toBe("-100.0");
    expect(coreNumber(20)).toBe("20.0");
    expect(coreNumber(-12)).toBe("-12.0");
    expect(coreNumber(0.75)).toBe("0.75");
    expect(coreNumber(-0.5)).toBe("-0.5");
  });
  test("what JSON cannot hold still gives JSON", () => {
    for (const x of [NaN, Infinity, -Infinity, 1e300, 1e-300]) expect(() => JSON.parse(coreNumber(x))).not.toThrow();
  });
});
