// End to end: a Text Controller script with one control of every design-file type
// (test/e2e/all_controls.lua and its design file), built into one service, run with QRC on,
// and driven by several QRC clients. What is expected comes from qrc.md (§4–6: fields,
// Boolean Value 0/1 with String, text Value 0, Position 0..1, linear dB positions, error
// codes) and from the README's documented control formats, never from a run.
// One service is shared by the tests of this file; each test uses its own controls where
// it can, so the order of the tests matters only where said.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { build, error, fixtures, pushes, result, Service, workDir } from "./e2e-helpers.ts";
import { QrcClient, until } from "./qrc-helpers.ts";

const script = join(fixtures, "all_controls.lua");
let svc: Service;
let a: QrcClient;

beforeAll(async () => {
  svc = await Service.start(await build(script));
  a = await svc.client();
  await svc.waitFor("ready");
}, 60000);

afterAll(() => svc?.kill());

interface Info {
  Name: string;
  Type: string;
  Value: number;
  ValueMin: number;
  ValueMax: number;
  StringMin: string;
  StringMax: string;
  String: string;
  Position: number;
  Direction: string;
  Choices?: string[];
}
interface State {
  Name: string;
  Value: number;
  String: string;
  Position: number;
  Component?: string;
  [k: string]: unknown;
}

let syncs = 0;
/** Returns once every print the service made before now has arrived (the Label handler answers). */
async function sync(): Promise<void> {
  const n = ++syncs;
  await result(a, "Component.Set", { Name: "All", Controls: [{ Name: "Label", Value: `sync ${n}` }] });
  await svc.waitFor(`SYNC ${n}\n`);
}

async function get(component: string, ...names: string[]): Promise<Record<string, State>> {
  const r = await result<{ Controls: State[] }>(a, "Component.Get", { Name: component, Controls: names.map((Name) => ({ Name })) });
  return Object.fromEntries(r.Controls.map((c) => [c.Name, c]));
}

async function set(name: string, change: Record<string, unknown>): Promise<State> {
  const r = await result<State[]>(a, "Component.Set", { Name: "All", ResponseValues: true, Controls: [{ Name: name, ...change }] });
  expect(r).toHaveLength(1);
  expect(r[0]).toMatchObject({ Component: "All", Name: name });
  return r[0];
}

describe("a script's controls over QRC", () => {
  test("Component.GetComponents lists the script's own component and the design's others", async () => {
    const comps = await result<Record<string, unknown>[]>(a, "Component.GetComponents", "test");
    expect(comps).toEqual([
      { ID: "All", Name: "All", Type: "device_controller_script", Properties: [], Controls: null, ControlSource: 2 },
      { ID: "Zone1", Name: "Zone1", Type: "gain", Properties: [{ Name: "max_gain", Value: "20", PrettyName: "max_gain" }], Controls: null, ControlSource: 2 },
    ]);
    const status = await result<Record<string, unknown>>(a, "StatusGet", 0);
    expect(status).toMatchObject({ State: "Active", DesignName: "Integ", DesignCode: "integ001", Status: { Code: 0, String: "OK" } });
  });

  test("Component.GetControls describes every control type", async () => {
    const r = await result<{ Name: string; Controls: Info[] }>(a, "Component.GetControls", { Name: "All" });
    expect(r.Name).toBe("All");
    const by = Object.fromEntries(r.Controls.map((c) => [c.Name, c]));
    expect(r.Controls.map((c) => c.Name)).toEqual([
      "Gain", "Freq", "Mix", "Steps", "Pan", "Mute", "Talk", "Go", "Label", "Source", "Led", "Level", "State", "Display",
      "Buttons 1", "Buttons 2", "Buttons 3",
    ]);
    const rw = "Read/Write";
    const ro = "Read Only";
    // knobs: Value in the unit's range, String in its format, Position linear in the range
    expect(by.Gain).toMatchObject({ Type: "Float", Value: -12, ValueMin: -100, ValueMax: 20, StringMin: "-100dB", StringMax: "20.0dB", String: "-12.0dB", Direction: rw });
    expect(by.Gain.Position).toBeCloseTo(88 / 120, 6);
    expect(by.Freq).toMatchObject({ Type: "Float", Value: 1000, ValueMin: 20, ValueMax: 20000, StringMin: "20.0Hz", StringMax: "20.0kHz", String: "1.00kHz", Direction: rw });
    expect(by.Freq.Position).toBeCloseTo(980 / 19980, 6);
    expect(by.Mix).toMatchObject({ Type: "Float", Value: 50, ValueMin: 0, ValueMax: 100, StringMin: "0%", StringMax: "100%", String: "50.0%", Position: 0.5 });
    expect(by.Steps).toMatchObject({ Type: "Integer", Value: 3, ValueMin: 0, ValueMax: 10, StringMin: "0", StringMax: "10", String: "3" });
    expect(by.Steps.Position).toBeCloseTo(0.3, 6);
    expect(by.Pan).toMatchObject({ Type: "Float", Value: 0, ValueMin: -1, ValueMax: 1, StringMin: "L100", StringMax: "R100", String: "C", Position: 0.5 });
    // buttons: Value 0/1 as numbers, String the state's word, Position 0/1 (qrc.md §0 item 8, §5)
    expect(by.Mute).toEqual({ Name: "Mute", Type: "Boolean", Value: 0, ValueMin: 0, ValueMax: 1, StringMin: "unmuted", StringMax: "muted", String: "unmuted", Position: 0, Direction: rw });
    expect(by.Talk).toMatchObject({ Type: "Boolean", Value: 0, ValueMin: 0, ValueMax: 1, Position: 0, Direction: rw });
    expect(by.Go).toMatchObject({ Type: "Trigger", Value: 0, Direction: rw });
    // text: Value 0, the text in String, Position 0; a combo box carries its Choices (qrc.md §5, §6)
    const text = { Type: "Text", Value: 0, ValueMin: 0, ValueMax: 0, StringMin: "", StringMax: "", Position: 0 };
    expect(by.Label).toEqual({ Name: "Label", ...text, String: "hello", Direction: rw });
    expect(by.Source).toEqual({ Name: "Source", ...text, String: "HDMI 1", Direction: rw, Choices: ["HDMI 1", "HDMI 2", "USB"] });
    // indicators are read-only for outside clients
    expect(by.Led).toMatchObject({ Type: "Boolean", Value: 0, Direction: ro });
    expect(by.Level).toMatchObject({ Type: "Float", Value: -60, ValueMin: -60, ValueMax: 0, String: "-60.0dB", Position: 0, Direction: ro });
    expect(by.State).toMatchObject({ Type: "Status", Value: 0, Direction: ro });
    expect(by.Display).toMatchObject({ ...text, String: "idle", Direction: ro });
    for (const i of [1, 2, 3]) expect(by[`Buttons ${i}`]).toMatchObject({ Type: "Boolean", Value: 0, Direction: rw });
    // Component.Get adds the metadata newer firmware sends (qrc.md §4.2)
    const g = await get("All", "Buttons 2", "Source");
    expect(g["Buttons 2"]).toMatchObject({ Legend: "Preset", Choices: [], Disabled: false, Invisible: false, Indeterminate: false });
    expect(g.Source.Choices).toEqual(["HDMI 1", "HDMI 2", "USB"]);
  });

  test("sets by Value, String and Position go through each type; each raises its handler exactly once", async () => {
    const gain = await set("Gain", { String: "-6dB" });
    expect(gain).toMatchObject({ Value: -6, String: "-6.0dB" });
    expect(gain.Position).toBeCloseTo(94 / 120, 6);
    expect(await set("Gain", { Value: "-7dB" })).toMatchObject({ Value: -7, String: "-7.0dB" });
    expect(await set("Freq", { Value: "2kHz" })).toMatchObject({ Value: 2000, String: "2.00kHz" });
    expect(await set("Mix", { Position: 0.25 })).toMatchObject({ Value: 25, String: "25.0%", Position: 0.25 });
    expect(await set("Steps", { Value: 4.6 })).toMatchObject({ Value: 5, String: "5", Position: 0.5 });
    expect(await set("Pan", { Value: "L50" })).toMatchObject({ Value: -0.5, String: "L50", Position: 0.25 });
    expect(await set("Mute", { Value: true })).toMatchObject({ Value: 1, String: "muted", Position: 1 });
    expect(await set("Mute", { Value: "unmuted" })).toMatchObject({ Value: 0, String: "unmuted", Position: 0 });
    expect(await set("Mute", { Position: 1 })).toMatchObject({ Value: 1, String: "muted" });
    expect(await set("Talk", { Value: 1 })).toMatchObject({ Value: 1, Position: 1 });
    expect(await set("Source", { Value: "USB" })).toMatchObject({ Value: 0, String: "USB", Position: 0 });
    expect(await set("Source", { String: "HDMI 2" })).toMatchObject({ String: "HDMI 2" });
    expect(await set("Buttons 2", { Value: 1 })).toMatchObject({ Value: 1 });
    // a value the control does not take is -32602, and changes nothing
    expect((await error(a, "Component.Set", { Name: "All", Controls: [{ Name: "Gain", Value: "loud" }] })).code).toBe(-32602);
    expect((await error(a, "Component.Set", { Name: "All", Controls: [{ Name: "Mute", String: "maybe" }] })).code).toBe(-32602);
    // the same value again is no change: no handler
    await set("Talk", { Value: 1 });
    await sync();

    const evts = (name: string) => svc.lines(`EVT ${name} #`);
    expect(evts("Gain")).toEqual(["EVT Gain #1 -6.0|-6.0dB", "EVT Gain #2 -7.0|-7.0dB"]);
    expect(evts("Freq")).toEqual(["EVT Freq #1 2000.0|2.00kHz"]);
    expect(evts("Mix")).toEqual(["EVT Mix #1 25.0|25.0%"]);
    expect(evts("Steps")).toEqual(["EVT Steps #1 5.0|5"]);
    expect(evts("Pan")).toEqual(["EVT Pan #1 -0.5|L50"]);
    expect(evts("Mute")).toEqual(["EVT Mute #1 1.0|muted", "EVT Mute #2 0.0|unmuted", "EVT Mute #3 1.0|muted"]);
    expect(evts("Talk")).toEqual(["EVT Talk #1 1.0|true"]);
    expect(evts("Source")).toEqual(["EVT Source #1 0.0|USB", "EVT Source #2 0.0|HDMI 2"]);
    expect(evts("Buttons 2")).toEqual(["EVT Buttons 2 #1 1.0|true"]);
    expect(evts("Buttons 1")).toEqual([]);

    // Control.Get/Set on named controls: an alias reaches the same control (and its handler)
    const named = await result<State[]>(a, "Control.Get", ["AllMute", "MainGain"]);
    expect(named).toEqual([
      { Name: "AllMute", Value: 1, String: "muted", Position: 1 },
      { Name: "MainGain", Value: -12, String: "-12.0dB", Position: expect.closeTo(88 / 120, 6) },
    ]);
    expect(await result(a, "Control.Set", { Name: "AllMute", Value: 0 })).toEqual({ Name: "AllMute", Value: 0, String: "unmuted", Position: 0 });
    expect(await result(a, "Control.Set", { Name: "MainGain", Position: 0.5 })).toMatchObject({ Name: "MainGain", Value: -40, String: "-40.0dB", Position: 0.5 });
    await sync();
    expect(evts("Mute")).toHaveLength(4);
    expect(evts("Mute")[3]).toBe("EVT Mute #4 0.0|unmuted");
  });

  test("the script's own writes raise no handler and show in QRC", async () => {
    // The Gain handler clamps to 0 (its own control) and lights Led (another one).
    const before = svc.lines("EVT Gain #").length;
    await result(a, "Component.Set", { Name: "All", Controls: [{ Name: "Gain", Value: 10 }] });
    await sync();
    expect(svc.lines("EVT Gain #").slice(before)).toEqual([`EVT Gain #${before + 1} 10.0|10.0dB`]);
    expect(svc.lines("EVT Led")).toEqual([]);
    const g = await get("All", "Gain", "Led");
    expect(g.Gain).toMatchObject({ Value: 0, String: "0dB" });
    expect(g.Led).toMatchObject({ Value: 1, Position: 1 });
  });

  test("read-only controls refuse sets; unknown names are 7 and 8; nothing changes", async () => {
    const before = await get("All", "Led", "Level", "State", "Display");
    for (const [name, change] of [["Led", { Value: 0 }], ["Level", { Value: -3 }], ["State", { Value: 2 }], ["Display", { String: "x" }]] as const) {
      const e = await error(a, "Component.Set", { Name: "All", Controls: [{ Name: name, ...change }] });
      expect(e.code).toBe(-32602);
      expect(e.message).toContain("read-only");
    }
    expect((await error(a, "Control.Set", { Name: "AllLevel", Value: -6 })).code).toBe(-32602);
    expect(await get("All", "Led", "Level", "State", "Display")).toEqual(before);

    expect((await error(a, "Component.Get", { Name: "Nope", Controls: [{ Name: "gain" }] })).code).toBe(7);
    expect((await error(a, "Component.Set", { Name: "Nope", Controls: [{ Name: "gain", Value: 1 }] })).code).toBe(7);
    expect((await error(a, "Component.GetControls", { Name: "Nope" })).code).toBe(7);
    expect((await error(a, "Component.Get", { Name: "All", Controls: [{ Name: "Gain" }, { Name: "Nope" }] })).code).toBe(8);
    expect((await error(a, "Control.Get", ["MainGain", "Nope"])).code).toBe(8);
    expect((await error(a, "Control.Set", { Name: "Nope", Value: 1 })).code).toBe(8);
    expect((await error(a, "ChangeGroup.AddControl", { Id: "x", Controls: ["Nope"] })).code).toBe(8);
    expect((await error(a, "ChangeGroup.AddComponentControl", { Id: "x", Component: { Name: "Nope", Controls: [{ Name: "gain" }] } })).code).toBe(7);
    // one unknown control in a Component.Set: the known one before it is not set either
    expect((await error(a, "Component.Set", { Name: "All", Controls: [{ Name: "Buttons 1", Value: 1 }, { Name: "Nope", Value: 1 }] })).code).toBe(8);
    expect((await get("All", "Buttons 1"))["Buttons 1"].Value).toBe(0);
    await sync();
    expect(svc.lines("EVT Buttons 1")).toEqual([]);
  });

  test("Ramp: the value glides there; polls see steps; the handler ends at the target", async () => {
    await result(a, "ChangeGroup.AddControl", { Id: "ramp", Controls: ["MainGain"] });
    await result(a, "ChangeGroup.Poll", { Id: "ramp" });
    const start = await result<State>(a, "Control.Set", { Name: "MainGain", Value: -10, Ramp: 0.6 });
    expect(start.Name).toBe("MainGain");
    const seen: number[] = [];
    for (let i = 0; i < 250 && seen[seen.length - 1] !== -10; i++) {
      const p = await result<{ Changes: State[] }>(a, "ChangeGroup.Poll", { Id: "ramp" });
      for (const c of p.Changes) seen.push(c.Value);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(seen[seen.length - 1]).toBe(-10);
    // at least one value between -40 (where it was) and -10, all moving up
    expect(seen.some((v) => v > -40 && v < -10)).toBe(true);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);

    await result(a, "Component.Set", { Name: "Zone1", Controls: [{ Name: "gain", Value: -20, Ramp: 0.3 }] });
    // a step just short of the target already reads "-20.0dB": wait for the exact value
    await until(() => svc.out.includes(" -20.0|-20.0dB\n"), 10000, "the ramp's last handler call");
    const z = svc.lines("EVT Zone1.gain #");
    expect(z[z.length - 1]).toMatch(/^EVT Zone1\.gain #\d+ -20\.0\|-20\.0dB$/);
    expect((await get("Zone1", "gain")).gain).toMatchObject({ Value: -20, String: "-20.0dB" });
  }, 30000);
});

describe("watching controls: change groups of several clients", () => {
  test("AutoPoll pushes show the script's timer changes and another client's sets; groups are per connection", async () => {
    const watcher = await svc.client();
    const poller = await svc.client();
    const setter = await svc.client();
    // watcher: named controls and component controls in one group, pushed every 0.15 s
    expect(await result(watcher, "ChangeGroup.AddControl", { Id: "g", Controls: ["AllMute", "AllLevel"] })).toBe(true);
    expect(await result(watcher, "ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "All", Controls: [{ Name: "Display" }, { Name: "State" }, { Name: "Source" }] } })).toBe(true);
    expect(await result(watcher, "ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "Zone1", Controls: [{ Name: "mute" }] } })).toBe(true);
    // adding marks every control changed: the first poll reports them all, the next nothing
    const first = await result<{ Id: string; Changes: State[] }>(watcher, "ChangeGroup.Poll", { Id: "g" });
    expect(first.Id).toBe("g");
    expect(first.Changes.map((c) => [c.Component, c.Name])).toEqual([
      [undefined, "AllMute"], [undefined, "AllLevel"], ["All", "Display"], ["All", "State"], ["All", "Source"], ["Zone1", "mute"],
    ]);
    expect(first.Changes[0]).toEqual({ Name: "AllMute", Value: 0, String: "unmuted", Position: 0 });
    expect(await result(watcher, "ChangeGroup.Poll", { Id: "g" })).toEqual({ Id: "g", Changes: [] });
    expect(await result(watcher, "ChangeGroup.AutoPoll", { Id: "g", Rate: 0.15 })).toBe(true);
    // a second group on the same connection, with a numeric Id, polled by hand
    expect(await result(watcher, "ChangeGroup.AddControl", { Id: 2, Controls: ["AllMute"] })).toBe(true);
    expect((await result<{ Id: number; Changes: State[] }>(watcher, "ChangeGroup.Poll", { Id: 2 })).Changes).toHaveLength(1);
    // poller: a group with the same Id on its own connection, polled by hand
    expect(await result(poller, "ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "All", Controls: [{ Name: "Mute" }, { Name: "Level" }] } })).toBe(true);
    await result(poller, "ChangeGroup.Poll", { Id: "g" });

    // another client: a mute (raising its handler), a source, a zone mute, and the trigger whose
    // handler starts the script's timer (Level, Display and State then move from the script)
    await result(setter, "Component.Set", { Name: "All", Controls: [{ Name: "Mute", Value: 1 }, { Name: "Source", Value: "USB" }] });
    await result(setter, "Component.Set", { Name: "Zone1", Controls: [{ Name: "mute", Value: true }] });
    const goBefore = svc.lines("EVT Go #").length;
    await result(setter, "Component.Set", { Name: "All", Controls: [{ Name: "Go", Value: 1 }] });
    await svc.waitFor("TICKS DONE");
    expect(svc.lines("EVT Go #")).toHaveLength(goBefore + 1);

    const last = new Map<string, State>();
    await until(
      () => {
        for (const p of pushes(watcher, "g")) for (const c of p.Changes as State[]) last.set(`${c.Component ?? ""}/${c.Name}`, c);
        return last.get("All/Display")?.String === "tick 5";
      },
      10000,
      "the timer's last tick in a push",
    );
    expect(last.get("/AllMute")).toEqual({ Name: "AllMute", Value: 1, String: "muted", Position: 1 });
    expect(last.get("/AllLevel")).toMatchObject({ Value: -10, String: "-10.0dB" });
    expect(last.get("All/State")).toMatchObject({ Component: "All", Value: 5 });
    expect(last.get("All/Source")).toMatchObject({ Component: "All", String: "USB" });
    expect(last.get("Zone1/mute")).toEqual({ Component: "Zone1", Name: "mute", Value: 1, String: "muted", Position: 1 });
    // pushes are notifications: no id; empty ones keep coming (qrc.md §4.3)
    const frames = watcher.frames.filter((f) => f.includes('"ChangeGroup.Poll"'));
    expect(frames.every((f) => f.startsWith('{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g","Changes":[') && !f.includes('"id"'))).toBe(true);
    await until(() => watcher.frames.some((f) => f === '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"g","Changes":[]}}'), 5000, "an empty push");

    expect(await result(watcher, "ChangeGroup.Poll", { Id: 2 })).toEqual({ Id: 2, Changes: [{ Name: "AllMute", Value: 1, String: "muted", Position: 1 }] });
    // the poller's own group saw the mute and the script's meter
    const polled = await result<{ Changes: State[] }>(poller, "ChangeGroup.Poll", { Id: "g" });
    expect(polled.Changes.map((c) => [c.Name, c.Value])).toEqual([["Mute", 1], ["Level", -10]]);
    // the watcher's group dies with its connection; the poller's lives on
    watcher.close();
    await result(setter, "Component.Set", { Name: "All", Controls: [{ Name: "Mute", Value: 0 }] });
    expect((await result<{ Changes: State[] }>(poller, "ChangeGroup.Poll", { Id: "g" })).Changes).toEqual([
      { Component: "All", Name: "Mute", Value: 0, String: "unmuted", Position: 0 },
    ]);
    expect((await error(setter, "ChangeGroup.Poll", { Id: "g" })).code).toBe(6);
    poller.close();
    setter.close();
  }, 30000);
});

describe("bad input while serving", () => {
  test("a Lua error in a handler run by a QRC set is printed with its line; the service keeps answering", async () => {
    const line = readFileSync(script, "latin1").split("\n").findIndex((l) => l.includes('error("the label went boom")')) + 1;
    expect(await result(a, "Component.Set", { Name: "All", Controls: [{ Name: "Label", Value: "boom" }] })).toBe(true);
    await until(() => svc.err.includes("went boom"), 10000, "the error on stderr");
    expect(svc.err).toContain(`all_controls.lua:${line}: the label went boom\n`);
    expect((await get("All", "Label")).Label.String).toBe("boom");
    await sync();
    expect(svc.exited).toBeUndefined();
  });

  test("a frame that is not JSON, and one of 10 MB: errors, and the connection and the others go on", async () => {
    const c = await svc.client();
    c.send('{"jsonrpc":"2.0","method":"StatusGet",');
    expect(JSON.parse(await c.reply())).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32700, message: expect.any(String) } });
    // 10 MB of one frame, sent in pieces while another client works
    const piece = Buffer.alloc(1024 * 1024, 0x20);
    piece[0] = 0x7b;
    c.send(piece, true);
    for (let i = 1; i < 10; i++) {
      c.send(Buffer.alloc(1024 * 1024, 0x20), true);
      if (i === 5) expect(await result(a, "Control.Get", ["AllMute"])).toHaveLength(1);
    }
    c.send(Buffer.from([0]), true);
    c.send(JSON.stringify({ jsonrpc: "2.0", method: "NoOp", params: {}, id: 7 }));
    expect(JSON.parse(await c.reply(15000))).toMatchObject({ id: null, error: { code: -32600 } });
    expect(JSON.parse(await c.reply(15000))).toEqual({ jsonrpc: "2.0", result: true, id: 7 });
    expect(await result(c, "Control.Get", ["MainGain"])).toHaveLength(1);
    c.close();
  }, 30000);
});

describe("a script whose controls are used only in a Lua module", () => {
  test("it starts as a design service: the build warns without a design file, QSYS2TS_DESIGN gives one at run time, QRC reaches it", async () => {
    const main = join(workDir, "modular.lua");
    writeFileSync(main, 'local ui = require("modular_ui")\nui.start()\n');
    writeFileSync(
      join(workDir, "modular_ui.lua"),
      'local M = {}\nfunction M.start()\n  Controls.Gain.EventHandler = function(c) print("gain " .. c.String) end\n  print("start " .. Controls.Gain.String)\nend\nreturn M\n',
    );
    const built = await bundleLua(readFileSync(main, "latin1"), main);
    expect(built.warnings.join("\n")).toContain("modular.lua uses Controls but has no modular.design.json");
    const mjs = join(workDir, "modular.mjs");
    writeFileSync(mjs, built.code);
    const design = join(workDir, "modular-run.design.json");
    writeFileSync(design, JSON.stringify({ component: "Mod", controls: { Gain: { type: "knob", unit: "dB", value: -5 } } }));
    const s = await Service.start(mjs, { QSYS2TS_DESIGN: design });
    try {
      const c = await s.client();
      await s.waitFor("start -5.0dB\n");
      expect(await result(c, "Component.Set", { Name: "Mod", Controls: [{ Name: "Gain", Value: -3 }] })).toBe(true);
      await s.waitFor("gain -3.0dB\n");
      expect(s.err).toBe("");
    } finally {
      s.kill();
    }
  });
});
