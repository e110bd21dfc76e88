// The example exchanges of qrc.md §6, line by line, against the same design (named
// controls MainGain −100…20 dB and MainMute; component Zone1 with gain, mute, source).
//
// Lines without control numbers are compared byte for byte. Lines with control numbers are
// compared as parsed JSON with §6's values (positions to 6 decimals): §6 was written by hand
// with integers and 7-digit positions, while §5 records what Cores really print (`1.0`,
// `-15.55555343`), which the raw-text checks below hold us to.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startQrcServer, type QrcServer } from "../runtime/qsys/qrc/index.ts";
import { lobby, QrcClient, sleep, until, type Lobby } from "./qrc-helpers.ts";

let design: Lobby;
let server: QrcServer;
const clients: QrcClient[] = [];
beforeEach(async () => {
  design = lobby();
  server = await startQrcServer(design, { port: 0, host: "127.0.0.1" });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});
async function open(): Promise<QrcClient> {
  const c = await QrcClient.open(server.port);
  clients.push(c);
  return c;
}
/** Send one request line of §6 and return the reply text. */
async function ask(c: QrcClient, line: string): Promise<string> {
  c.send(line);
  return c.reply();
}
const close6 = (x: number) => expect.closeTo(x, 6);
const result = (text: string): unknown => (JSON.parse(text) as { result: unknown }).result;

test("connect: EngineStatus is pushed first, exactly as §6 shows it", async () => {
  const c = await QrcClient.connect(server.port);
  clients.push(c);
  expect(await c.next()).toBe(
    '{"jsonrpc":"2.0","method":"EngineStatus","params":{"Platform":"Emulator","State":"Active","DesignName":"Lobby","DesignCode":"q2tsLobby001","IsRedundant":false,"IsEmulator":true,"Status":{"Code":0,"String":"OK"}}}',
  );
});

test("the §6 conversation, in order", async () => {
  const c = await open();

  // keep-alive
  c.send('{"jsonrpc":"2.0","method":"NoOp","params":{}}'); // no id: no reply
  expect(await ask(c, '{"jsonrpc":"2.0","method":"NoOp","params":{},"id":2}')).toBe('{"jsonrpc":"2.0","result":true,"id":2}');

  // status
  expect(await ask(c, '{"jsonrpc":"2.0","method":"StatusGet","params":0,"id":3}')).toBe(
    '{"jsonrpc":"2.0","result":{"Platform":"Emulator","State":"Active","DesignName":"Lobby","DesignCode":"q2tsLobby001","IsRedundant":false,"IsEmulator":true,"Status":{"Code":0,"String":"OK"}},"id":3}',
  );

  // named controls
  let r = await ask(c, '{"jsonrpc":"2.0","method":"Control.Get","params":["MainGain","MainMute"],"id":4}');
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: [
      { Name: "MainGain", Value: -12, String: "-12.0dB", Position: close6(0.7333333) },
      { Name: "MainMute", Value: 0, String: "unmuted", Position: 0 },
    ],
    id: 4,
  });
  expect(r).toContain('"Value":-12.0,'); // floats print as a Core prints them (qrc.md §5)
  expect(r).toContain('"Value":0.0,'); // Boolean Value is a number, not false (qrc.md §0 item 8)
  r = await ask(c, '{"jsonrpc":"2.0","method":"Control.Set","params":{"Name":"MainGain","Value":-6,"Ramp":2.0},"id":5}');
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: { Name: "MainGain", Value: -6, String: "-6.0dB", Position: close6(0.7833333) },
    id: 5,
  });
  expect(design.MainGain.received).toEqual([{ Value: -6, Ramp: 2 }]); // the change reached the control, ramp included
  r = await ask(c, '{"jsonrpc":"2.0","method":"Control.Set","params":{"Name":"MainMute","Value":true},"id":6}');
  expect(JSON.parse(r)).toEqual({ jsonrpc: "2.0", result: { Name: "MainMute", Value: 1, String: "muted", Position: 1 }, id: 6 });
  expect(r).toContain('"Value":1.0,"Position":1.0}');

  // components
  r = await ask(c, '{"jsonrpc":"2.0","method":"Component.GetComponents","params":"test","id":8}');
  expect(r).toContain(
    '{"ID":"Zone1","Name":"Zone1","Type":"gain","Properties":[{"Name":"max_gain","Value":"20","PrettyName":"Max Gain (dB)"}],"Controls":null,"ControlSource":2}',
  );
  expect((result(r) as unknown[]).length).toBe(2); // Zone1 and this design's Doors
  r = await ask(c, '{"jsonrpc":"2.0","method":"Component.GetControls","params":{"Name":"Zone1"},"id":9}');
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: {
      Name: "Zone1",
      Controls: [
        { Name: "gain", Type: "Float", Value: 0, ValueMin: -100, ValueMax: 20, StringMin: "-100dB", StringMax: "20.0dB", String: "0dB", Position: close6(0.8333333), Direction: "Read/Write" },
        { Name: "mute", Type: "Boolean", Value: 0, ValueMin: 0, ValueMax: 1, StringMin: "unmuted", StringMax: "muted", String: "unmuted", Position: 0, Direction: "Read/Write" },
        { Name: "source", Type: "Text", Value: 0, ValueMin: 0, ValueMax: 0, StringMin: "", StringMax: "", String: "HDMI 1", Position: 0, Direction: "Read/Write", Choices: ["HDMI 1", "HDMI 2", "USB"] },
      ],
    },
    id: 9,
  });
  r = await ask(c, '{"jsonrpc":"2.0","method":"Component.Get","params":{"Name":"Zone1","Controls":[{"Name":"gain"},{"Name":"source"}]},"id":10}');
  // §6's fields, plus the metadata newer firmware sends for every control (qrc.md §4.2, S11)
  const extras = { Color: "", Indeterminate: false, Invisible: false, Disabled: false, Legend: "", CssClass: "" };
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: {
      Name: "Zone1",
      Controls: [
        { Name: "gain", Value: 0, String: "0dB", Position: close6(0.8333333), Choices: [], ...extras },
        { Name: "source", Value: 0, String: "HDMI 1", Position: 0, Choices: ["HDMI 1", "HDMI 2", "USB"], ...extras },
      ],
    },
    id: 10,
  });
  expect(
    await ask(c, '{"jsonrpc":"2.0","method":"Component.Set","params":{"Name":"Zone1","Controls":[{"Name":"gain","Value":-10,"Ramp":1.0},{"Name":"mute","Value":1}]},"id":11}'),
  ).toBe('{"jsonrpc":"2.0","result":true,"id":11}');
  r = await ask(c, '{"jsonrpc":"2.0","method":"Component.Set","params":{"Name":"Zone1","ResponseValues":true,"Controls":[{"Name":"source","Value":"USB"}]},"id":12}');
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: [{ Component: "Zone1", Name: "source", String: "USB", Value: 0, Position: 0 }],
    id: 12,
  });
  expect(r).toBe('{"jsonrpc":"2.0","result":[{"Component":"Zone1","Name":"source","String":"USB","Value":0.0,"Position":0.0}],"id":12}');

  // change groups (polled)
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.AddControl","params":{"Id":"g1","Controls":["MainGain","MainMute"]},"id":13}')).toBe(
    '{"jsonrpc":"2.0","result":true,"id":13}',
  );
  expect(
    await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.AddComponentControl","params":{"Id":"g1","Component":{"Name":"Zone1","Controls":[{"Name":"gain"}]}},"id":14}'),
  ).toBe('{"jsonrpc":"2.0","result":true,"id":14}');
  r = await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g1"},"id":15}');
  expect(JSON.parse(r)).toEqual({
    jsonrpc: "2.0",
    result: {
      Id: "g1",
      Changes: [
        { Name: "MainGain", Value: -6, String: "-6.0dB", Position: close6(0.7833333) },
        { Name: "MainMute", Value: 1, String: "muted", Position: 1 },
        { Component: "Zone1", Name: "gain", Value: -10, String: "-10.0dB", Position: 0.75 },
      ],
    },
    id: 15,
  });
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g1"},"id":16}')).toBe(
    '{"jsonrpc":"2.0","result":{"Id":"g1","Changes":[]},"id":16}',
  );

  // change groups (pushed); §6 uses Rate 0.5, a shorter rate keeps the test short
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.AutoPoll","params":{"Id":"g1","Rate":0.05},"id":17}')).toBe(
    '{"jsonrpc":"2.0","result":true,"id":17}',
  );
  expect(await c.next()).toBe('{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g1","Changes":[]}}');
  design.MainMute.scriptSet(0); // the script unmutes: the next push carries it
  let push: string;
  do push = await c.next();
  while (push.includes('"Changes":[]'));
  expect(JSON.parse(push)).toEqual({
    jsonrpc: "2.0",
    method: "ChangeGroup.Poll",
    params: { Id: "g1", Changes: [{ Name: "MainMute", Value: 0, String: "unmuted", Position: 0 }] },
  });

  // maintenance and failures (AutoPoll pushes may interleave; reply() skips them)
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Invalidate","params":{"Id":"g1"},"id":18}')).toBe('{"jsonrpc":"2.0","result":true,"id":18}');
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Remove","params":{"Id":"g1","Controls":["MainMute"]},"id":19}')).toBe(
    '{"jsonrpc":"2.0","result":true,"id":19}',
  );
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Clear","params":{"Id":"g1"},"id":20}')).toBe('{"jsonrpc":"2.0","result":true,"id":20}');
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Destroy","params":{"Id":"g1"},"id":21}')).toBe('{"jsonrpc":"2.0","result":true,"id":21}');
  expect(await ask(c, '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g1"},"id":22}')).toBe(
    '{"jsonrpc":"2.0","id":22,"error":{"code":6,"message":"Change group g1 does not exist"}}',
  );
  expect(await ask(c, '{"jsonrpc":"2.0","method":"Component.Get","params":{"Name":"Nope","Controls":[{"Name":"gain"}]},"id":23}')).toBe(
    '{"jsonrpc":"2.0","id":23,"error":{"code":7,"message":"Unknown component name"}}',
  );
  expect(await ask(c, '{"jsonrpc":"2.0","method":"Bogus.Method","params":{},"id":24}')).toBe(
    '{"jsonrpc":"2.0","id":24,"error":{"code":-32601,"message":"Method not found."}}',
  );
  expect(await ask(c, '{"jsonrpc":"2.0","method":"StatusGet",')).toBe(
    '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error. Invalid JSON was received by the server."}}',
  );
  // Snapshots are not modelled (qrc.md §4.4 "not needed at first"): said plainly, not faked.
  expect(await ask(c, '{"jsonrpc":"2.0","method":"Snapshot.Load","params":{"Name":"Presets","Bank":2,"Ramp":1.5},"id":25}')).toBe(
    '{"jsonrpc":"2.0","id":25,"error":{"code":-32601,"message":"Method not found."}}',
  );
  // After Destroy no push follows: everything left unread is a reply, not a ChangeGroup.Poll.
  await sleep(150);
  expect(c.unread()).toEqual([]);
});

describe("numbers and key order as a Core sends them", () => {
  test("a poll change reads byte for byte as the Core 110f trace (qrc.md §5, S11)", async () => {
    // A gain whose taper puts -15.5555 dB at 0.6888889, as in the trace.
    const gain = {
      state: () => ({ Name: "gain", Type: "Float", Direction: "Read/Write", Value: -15.555553, String: "-15.6dB", Position: 62 / 90, ValueMin: -100, ValueMax: 20, StringMin: "-100dB", StringMax: "20.0dB" }),
      set() {},
      version: () => 1,
    };
    const zone = { Name: "Zone1Gain", Type: "gain", Properties: [], controls: () => [gain], control: (n: string) => (n === "gain" ? gain : undefined) };
    await server.close();
    server = await startQrcServer({ ...design, component: (n) => (n === "Zone1Gain" ? zone : undefined), components: () => [zone] }, { port: 0, host: "127.0.0.1" });
    const c = await open();
    await c.call("ChangeGroup.AddComponentControl", { Id: "1", Component: { Name: "Zone1Gain", Controls: [{ Name: "gain" }] } });
    c.send('{"jsonrpc":"2.0","method":"ChangeGroup.AutoPoll","params":{"Id":"1","Rate":0.05},"id":2}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":2}');
    expect(await c.next()).toBe(
      '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"1","Changes":[{"Component":"Zone1Gain","Name":"gain","String":"-15.6dB","Value":-15.55555343,"Position":0.6888889}]}}',
    );
    expect(await c.next()).toBe('{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"1","Changes":[]}}');
  });
  test("Component.Get carries the newer firmware's fields in the Core's order (S11)", async () => {
    const c = await open();
    c.send('{"jsonrpc":"2.0","method":"Component.Get","params":{"Name":"Doors","Controls":[{"Name":"status"}]},"id":"Script killer-186"}');
    expect(await c.reply()).toBe(
      '{"jsonrpc":"2.0","result":{"Name":"Doors","Controls":[{"Name":"status","String":"closed","Value":0.0,"Position":0.0,"Choices":[],"Color":"","Indeterminate":false,"Invisible":false,"Disabled":false,"Legend":"","CssClass":""}]},"id":"Script killer-186"}',
    );
  });
});

describe("ids", () => {
  test("echoed whatever their JSON type, duplicates answered in order (qrc.md §1, §7)", async () => {
    const c = await open();
    const ids = ['"crestron"', "1", "1", "1.0", "12345678901234567890", '"{\\"Method\\":\\"Logon\\"}"', "null", "-7", '""'];
    c.send(ids.map((id) => `{"jsonrpc":"2.0","method":"NoOp","params":0,"id":${id}}`).join("\0"));
    for (const id of ids) expect(await c.reply()).toBe(`{"jsonrpc":"2.0","result":true,"id":${id}}`);
  });
  test("requests without id are carried out and never answered, errors included", async () => {
    const c = await open();
    c.send('{"jsonrpc":"2.0","method":"Control.Set","params":{"Name":"MainMute","Value":1}}');
    c.send('{"jsonrpc":"2.0","method":"Bogus"}');
    c.send('{"jsonrpc":"2.0","method":"Control.Set","params":{"Name":"Nope","Value":1}}');
    c.send('{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"none"}}');
    c.send('{"jsonrpc":"2.0","method":"NoOp","id":"after"}');
    expect(await c.next()).toBe('{"jsonrpc":"2.0","result":true,"id":"after"}');
    expect(design.MainMute.value).toBe(1);
  });
  test("params absent, 0, null, {} or a string for argument-less methods (qrc.md §1)", async () => {
    const c = await open();
    for (const params of ["", ',"params":0', ',"params":null', ',"params":{}', ',"params":"test"', ',"params":"crestron"']) {
      c.send(`{"jsonrpc":"2.0","method":"StatusGet"${params},"id":1}`);
      expect(JSON.parse(await c.reply()).result.State).toBe("Active");
      c.send(`{"jsonrpc":"2.0","method":"Component.GetComponents"${params},"id":2}`);
      expect(JSON.parse(await c.reply()).result).toHaveLength(2);
      c.send(`{"jsonrpc":"2.0","method":"NoOp"${params},"id":3}`);
      expect(await c.reply()).toBe('{"jsonrpc":"2.0","result":true,"id":3}');
    }
  });
});

describe("Control.*", () => {
  test("Set by Position maps through the range (qrc.md §4.1: 0.5 on −100…20 dB is −40 dB)", async () => {
    const c = await open();
    const r = await c.call("Control.Set", { Name: "MainGain", Position: 0.5 });
    expect(r.result).toEqual({ Name: "MainGain", Value: -40, String: "-40.0dB", Position: 0.5 });
  });
  test("Set with Value of each JSON type the doc allows (number, string, boolean)", async () => {
    const c = await open();
    expect((await c.call("Control.Set", { Name: "MainGain", Value: "-20" })).result).toMatchObject({ Value: -20 });
    expect((await c.call("Control.Set", { Name: "MainMute", Value: true })).result).toMatchObject({ Value: 1, String: "muted" });
    expect((await c.call("Control.Set", { Name: "MainMute", Value: 0 })).result).toMatchObject({ Value: 0, String: "unmuted" });
  });
  test("a value the control refuses is -32602 with the control's reason; nothing else changes", async () => {
    const c = await open();
    const r = await c.call("Control.Set", { Name: "MainGain", Value: "loud" }, 9);
    expect(r).toEqual({
      jsonrpc: "2.0",
      id: 9,
      error: { code: -32602, message: 'Invalid params. MainGain: cannot set a Float control to "loud"' },
    });
    expect(design.MainGain.value).toBe(-12);
  });
  test("unknown names are error 8, naming the control", async () => {
    const c = await open();
    expect(await c.call("Control.Get", ["MainGain", "MainGian"], 3)).toEqual({
      jsonrpc: "2.0",
      id: 3,
      error: { code: 8, message: "Unknown control 'MainGian'" },
    });
    expect((await c.call("Control.Set", { Name: "Nope", Value: 1 })).error).toMatchObject({ code: 8 });
  });
  test("malformed params are -32602", async () => {
    const c = await open();
    for (const [method, params] of [
      ["Control.Get", { Name: "MainGain" }],
      ["Control.Get", [1, 2]],
      ["Control.Set", ["MainGain", 1]],
      ["Control.Set", { Value: 1 }],
      ["Control.Set", { Name: "MainGain" }],
      ["Control.Set", { Name: "MainGain", Value: null }],
      ["Control.Set", { Name: "MainGain", Value: [1] }],
      ["Control.Set", { Name: "MainGain", Position: "half" }],
      ["Control.Set", { Name: "MainGain", Value: 1, Ramp: -1 }],
      ["Control.Set", { Name: "MainGain", Value: 1, Ramp: "2" }],
    ] as const) {
      const r = await c.call(method, params);
      expect(r.error, `${method} ${JSON.stringify(params)}`).toMatchObject({ code: -32602 });
      expect((r.error as { message: string }).message).toMatch(/^Invalid params\. /);
    }
    expect(design.MainGain.received).toEqual([]);
  });
});

describe("Component.*", () => {
  test("Set checks every name before setting anything", async () => {
    const c = await open();
    const r = await c.call("Component.Set", { Name: "Zone1", Controls: [{ Name: "gain", Value: -3 }, { Name: "gian", Value: 1 }] });
    expect(r.error).toEqual({ code: 8, message: "Unknown control 'gian' in component 'Zone1'" });
    expect(design.Zone1.control("gain")!.value).toBe(0);
    const bad = await c.call("Component.Set", { Name: "Zone1", Controls: [{ Name: "gain", Value: -3 }, { Name: "mute" }] });
    expect(bad.error).toMatchObject({ code: -32602 });
    expect(design.Zone1.control("gain")!.value).toBe(0);
  });
  test("Set by Position, with a trigger, and ResponseValues for several controls", async () => {
    const c = await open();
    expect((await c.call("Component.Set", { Name: "Doors", Controls: [{ Name: "open", Value: 1 }] })).result).toBe(true);
    expect(design.Doors.control("open")!.triggers).toBe(1);
    const r = await c.call("Component.Set", {
      Name: "Zone1",
      Controls: [
        { Name: "gain", Position: 0.5 },
        { Name: "mute", Value: true },
      ],
      ResponseValues: true,
    });
    expect(r.result).toEqual([
      { Component: "Zone1", Name: "gain", String: "-40.0dB", Value: -40, Position: 0.5 },
      { Component: "Zone1", Name: "mute", String: "muted", Value: 1, Position: 1 },
    ]);
  });
  test("a refused value stops Component.Set there with -32602", async () => {
    const c = await open();
    const r = await c.call("Component.Set", { Name: "Zone1", Controls: [{ Name: "mute", Value: 1 }, { Name: "gain", Value: "x" }] });
    expect(r.error).toEqual({ code: -32602, message: 'Invalid params. Zone1.gain: cannot set a Float control to "x"' });
    expect(design.Zone1.control("mute")!.value).toBe(1); // set before the refusal (documented)
  });
  test("Get and GetControls errors: 7 for the component, 8 for a control, -32602 for shapes", async () => {
    const c = await open();
    expect((await c.call("Component.GetControls", { Name: "Nope" })).error).toEqual({ code: 7, message: "Unknown component name" });
    expect((await c.call("Component.Get", { Name: "Zone1", Controls: [{ Name: "x" }] })).error).toMatchObject({ code: 8 });
    expect((await c.call("Component.Get", { Name: "Zone1" })).error).toMatchObject({ code: -32602 });
    expect((await c.call("Component.GetControls", "Zone1")).error).toMatchObject({ code: -32602 });
    expect((await c.call("Component.Set", { Name: "Zone1", Controls: {} })).error).toMatchObject({ code: -32602 });
  });
  test("Component.Get also takes plain control names", async () => {
    const c = await open();
    const r = await c.call("Component.Get", { Name: "Zone1", Controls: ["mute"] });
    expect(r.result).toMatchObject({ Name: "Zone1", Controls: [{ Name: "mute", Value: 0, String: "unmuted" }] });
  });
});

test("a change over QRC reaches the control once per request (what raises its EventHandler)", async () => {
  const c = await open();
  await c.call("Control.Set", { Name: "MainMute", Value: 1 });
  await c.call("Component.Set", { Name: "Zone1", Controls: [{ Name: "source", Value: "USB" }] });
  await until(() => design.MainMute.received.length === 1);
  expect(design.MainMute.received).toEqual([{ Value: 1 }]);
  expect(design.Zone1.control("source")!.received).toEqual([{ Value: "USB" }]);
});
