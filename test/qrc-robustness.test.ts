// Misbehaving peers and the transport: non-JSON and non-JSON-RPC frames, invalid UTF-8, a
// 10 MB frame without NUL, resets mid-frame, whitespace around frames, frames split and
// merged on real sockets, a client that does not read, the idle close, and Logon.
import { describe, expect, test } from "vitest";
import { qrcServerPerTest, QrcClient, sleep, until } from "./qrc-helpers.ts";

const qrc = qrcServerPerTest();
const { start, open } = qrc;
const PARSE_ERROR = '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error. Invalid JSON was received by the server."}}';
const INVALID = (id: string) =>
  `{"jsonrpc":"2.0","id":${id},"error":{"code":-32600,"message":"Invalid Request. The JSON sent is not a valid Request object."}}`;

describe("bad frames get an error and the connection goes on", () => {
  test("not JSON: -32700 with id null", async () => {
    const c = await open(await start());
    for (const junk of ["hello", "{", '{"jsonrpc":"2.0","method":"NoOp","id":1', "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "{'a':1}", "NaN"]) {
      c.send(junk);
      expect(await c.next(), junk).toBe(PARSE_ERROR);
    }
    expect((await c.call("StatusGet")).result).toMatchObject({ State: "Active" });
  });
  test("not UTF-8: -32700", async () => {
    const c = await open(await start());
    c.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(await c.next()).toBe(PARSE_ERROR);
  });
  test("JSON but not a JSON-RPC request: -32600, with the id when there is one", async () => {
    const c = await open(await start());
    const cases: [string, string][] = [
      ["[1,2]", "null"],
      ['"text"', "null"],
      ["42", "null"],
      ["null", "null"],
      ['{"id":5}', "5"],
      ['{"jsonrpc":"2.0","id":"x"}', '"x"'],
      ['{"jsonrpc":"2.0","method":5,"id":6}', "6"],
      ['{"jsonrpc":"1.0","method":"NoOp","id":7}', "7"],
      ['[{"jsonrpc":"2.0","method":"NoOp","id":8}]', "null"],
    ];
    for (const [frame, id] of cases) {
      c.send(frame);
      expect(await c.next(), frame).toBe(INVALID(id));
    }
  });
  test("whitespace around frames is tolerated; blank frames get no reply", async () => {
    const c = await open(await start());
    c.send('{"jsonrpc":"2.0","method":"NoOp","params":{},"id":1}\n\r'); // a Lua client on a Core writes json.."\n\r\0"
    c.send('\r\n {"jsonrpc":"2.0","method":"NoOp","id":2} ');
    c.send("\0\0\r\n\0 ", true); // empty and blank frames
    c.send('{"jsonrpc":"2.0","method":"NoOp","id":3}\t');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":1}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":2}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":3}');
    await sleep(50);
    expect(c.unread()).toEqual([]);
  });
  test("a 10 MB frame without NUL: -32600 at the cap, dropped to its NUL; everyone else is served throughout", async () => {
    const port = await start();
    const big = await open(port);
    const other = await open(port);
    big.send(Buffer.alloc(10 * 1024 * 1024, 0x61), true);
    expect(await big.next(10000)).toBe(
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request. Frame longer than 1048576 bytes; dropped up to its NUL."}}',
    );
    expect((await other.call("Control.Get", ["MainMute"])).result).toEqual([{ Name: "MainMute", Value: 0, String: "unmuted", Position: 0 }]);
    // The rest of the big frame is dropped; after its NUL the connection works as before.
    big.send(Buffer.concat([Buffer.alloc(100_000, 0x62), Buffer.from('\0{"jsonrpc":"2.0","method":"NoOp","id":"after"}\0')]), true);
    expect(await big.next(10000)).toBe('{"jsonrpc":"2.0","result":true,"id":"after"}');
    expect(big.unread()).toEqual([]);
  });
  test("the frame cap is configurable", async () => {
    const c = await open(await start({ maxFrameBytes: 64 }));
    c.send(`{"jsonrpc":"2.0","method":"NoOp","id":"${"x".repeat(100)}"}`);
    expect(JSON.parse(await c.next()).error.code).toBe(-32600);
    expect((await c.call("NoOp", {}, 2)).result).toBe(true);
  });
  test("a client that resets mid-frame ends only its own connection and groups", async () => {
    const port = await start();
    const a = await open(port);
    const b = await open(port);
    await a.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain"] });
    await a.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 0.02 });
    a.send('{"jsonrpc":"2.0","method":"Control.Set","params":{"Name":"MainG', true);
    await sleep(20);
    a.sock.resetAndDestroy();
    await until(() => qrc.server.connections === 1);
    expect((await b.call("Control.Get", ["MainGain"])).result).toMatchObject([{ Value: -12 }]);
    // a's AutoPoll died with it: its control is no longer read.
    const gain = qrc.design.MainGain;
    let reads = 0;
    const version = gain.version.bind(gain);
    gain.version = () => (reads++, version());
    await sleep(100);
    expect(reads).toBe(0);
    expect(qrc.design.MainGain.received).toEqual([]);
  });
});

describe("frames split and merged on a real socket", () => {
  const requests = [
    '{"jsonrpc":"2.0","method":"Component.Set","params":{"Name":"Zone1","ResponseValues":true,"Controls":[{"Name":"source","Value":"Ünïcødé € 😀"}]},"id":1}',
    '{"jsonrpc":"2.0","method":"Control.Get","params":["MainGain","MainMute"],"id":"two"}\n\r',
    '{"jsonrpc":"2.0","method":"NoOp","params":{}}',
    '{"jsonrpc":"2.0","method":"StatusGet","params":0,"id":3}',
  ];
  const stream = Buffer.from(requests.map((r) => r + "\0").join(""), "utf8");

  async function replies(c: QrcClient): Promise<string[]> {
    return [await c.next(), await c.next(), await c.next()];
  }

  test("merged into one write, and split at every byte position", async () => {
    const c = await open(await start());
    c.send(stream, true);
    const expected = await replies(c);
    expect(JSON.parse(expected[0]).result).toEqual([{ Component: "Zone1", Name: "source", String: "Ünïcødé € 😀", Value: 0, Position: 0 }]);
    expect(JSON.parse(expected[1]).id).toBe("two");
    expect(JSON.parse(expected[2]).id).toBe(3);
    for (let i = 1; i < stream.length; i++) {
      c.send(stream.subarray(0, i), true);
      await sleep(1); // let the first part arrive on its own
      c.send(stream.subarray(i), true);
      expect(await replies(c), `split at byte ${i}`).toEqual(expected);
    }
    expect(qrc.design.Zone1.control("source")!.text).toBe("Ünïcødé € 😀");
  });
  test("one byte per write", async () => {
    const c = await open(await start());
    for (const b of stream) {
      c.send(Buffer.from([b]), true);
      await new Promise((r) => setImmediate(r));
    }
    const got = await replies(c);
    expect(got.map((r) => JSON.parse(r).id)).toEqual([1, "two", 3]);
  });
});

// 20,000 replies (~16 MB) overflow the loopback buffers, so the server must stop reading
// this client while its replies wait (checked by hand with a log in QrcConnection).
test("a client that stops reading for a while loses no reply and gets them in order", async () => {
  const c = await open(await start());
  c.sock.pause();
  const n = 20000;
  const request = '{"jsonrpc":"2.0","method":"Component.GetControls","params":{"Name":"Zone1"},"id":';
  c.send(Array.from({ length: n }, (_, i) => request + i + "}").join("\0"));
  await sleep(300);
  c.sock.resume();
  await until(() => c.frames.length >= n + 1, 30000, "all replies");
  const ids = c.frames.slice(1).map((f) => JSON.parse(f).id);
  expect(ids).toEqual(Array.from({ length: n }, (_, i) => i));
});

describe("idle close (qrc.md §0 item 6; 60 s on a Core, shortened here)", () => {
  test("a silent client is closed; one that sends anything in time is not", async () => {
    const port = await start({ idleTimeoutMs: 300 });
    const silent = await open(port);
    const chatty = await open(port);
    const listener = await open(port);
    await listener.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain"] });
    await listener.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 0.05 }); // pushes are outbound: they do not keep it open
    const t0 = Date.now();
    while (Date.now() - t0 < 900) {
      chatty.send('{"jsonrpc":"2.0","method":"NoOp","params":{}}');
      await sleep(60);
    }
    await until(() => silent.closed && listener.closed, 5000, "idle clients closed");
    expect(chatty.closed).toBe(false);
    expect(silent.unread()).toEqual([]); // closed without a word
    await until(() => chatty.closed, 5000, "chatty closed once silent");
  });
});

describe("Logon (qrc.md §3, §7)", () => {
  const users = { ops: "1234", admin: "pa:ss" };
  test("with users configured, requests before Logon fail with 10; NoOp, StatusGet and Logon stay open", async () => {
    const c = await open(await start({ users }));
    c.send('{"jsonrpc":"2.0","method":"Control.Get","params":["MainGain"],"id":7}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":7,"error":{"code":10,"message":"Logon required"}}');
    expect((await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain"] })).error).toEqual({ code: 10, message: "Logon required" });
    expect((await c.call("NoOp", {})).result).toBe(true);
    expect((await c.call("StatusGet", 0)).result).toMatchObject({ State: "Active" });
    expect((await c.call("Bogus.Method", {})).error).toMatchObject({ code: -32601 });
    c.send('{"jsonrpc":"2.0","method":"Logon","params":{"User":"ops","Password":"wrong"},"id":1}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","id":1,"error":{"code":10,"message":"Logon failed: unknown user or wrong password"}}');
    expect((await c.call("Control.Get", ["MainGain"])).error).toMatchObject({ code: 10 });
    c.send('{"jsonrpc":"2.0","method":"Logon","params":{"User":"ops","Password":"1234"},"id":1}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":1}');
    expect((await c.call("Control.Get", ["MainGain"])).result).toMatchObject([{ Name: "MainGain" }]);
  });
  test("a Logon without id (QSC's own example) logs on silently; each connection logs on by itself", async () => {
    const port = await start({ users });
    const a = await open(port);
    const b = await open(port);
    a.send('{"jsonrpc":"2.0","method":"Logon","params":{"User":"admin","Password":"pa:ss"}}');
    expect((await a.call("Control.Get", ["MainMute"])).result).toMatchObject([{ Name: "MainMute" }]);
    expect((await b.call("Control.Get", ["MainMute"])).error).toMatchObject({ code: 10 });
    expect((await b.call("Logon", { User: "admin" })).error).toMatchObject({ code: 10 });
    expect((await b.call("Logon", { User: "nobody", Password: "1234" })).error).toMatchObject({ code: 10 });
  });
  test("without users, Logon accepts anything and nothing needs it", async () => {
    const c = await open(await start());
    expect((await c.call("Control.Get", ["MainGain"])).result).toBeDefined();
    for (const params of [{ User: "x", Password: "y" }, {}, 0, null])
      expect((await c.call("Logon", params))).toEqual({ jsonrpc: "2.0", result: true, id: 1 });
  });
});

test("a faulty control model gives -32603 for what it breaks, and everything else is served", async () => {
  const port = await start();
  qrc.design.MainGain.state = () => {
    throw new Error("model fault");
  };
  qrc.design.status = () => {
    throw new Error("no status");
  };
  const c = await QrcClient.connect(port); // no EngineStatus can be sent
  qrc.track(c);
  expect(await c.call("Control.Get", ["MainGain"], 4)).toEqual({ jsonrpc: "2.0", id: 4, error: { code: -32603, message: "Server error. model fault" } });
  expect((await c.call("StatusGet", 0)).error).toEqual({ code: -32603, message: "Server error. no status" });
  await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain", "MainMute"] });
  await c.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 0.02 });
  await sleep(100);
  expect((await c.call("Control.Get", ["MainMute"])).result).toMatchObject([{ Name: "MainMute" }]);
  expect(c.closed).toBe(false);
});
