// Design files (checked with clear errors), Component and NamedControl against the design,
// and the QRC adapter's view of it.
import { describe, expect, test } from "vitest";
import { call } from "../runtime/lua/call.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { Component } from "../runtime/qsys/component.ts";
import { DesignError, parseDesign } from "../runtime/qsys/controls/design-file.ts";
import { qrcDesign } from "../runtime/qsys/controls/qrc-adapter.ts";
import { NamedControl } from "../runtime/qsys/named-control.ts";
import { ctl, install, luaErrorOf } from "./controls-helpers.ts";
import { get, set } from "./qsys-helpers.ts";

function designError(text: string, plugin = false): string {
  try {
    parseDesign(text, "room.design.json", plugin);
  } catch (e) {
    expect(e).toBeInstanceOf(DesignError);
    return (e as Error).message;
  }
  return "no error";
}

const bad = (o: object) => designError(JSON.stringify(o));

describe("design file errors name the file, the JSON path and the control", () => {
  test("an unknown control type", () => {
    expect(bad({ controls: { Gain: { type: "knb" } } })).toBe(
      'room.design.json: $.controls.Gain.type: unknown control type "knb" for control "Gain" (expected one of: knob, toggle, momentary, trigger, text, combo, led, meter, status, display)',
    );
    expect(bad({ controls: { "Main Mute": "switch" } })).toMatch(/^room\.design\.json: \$\.controls\["Main Mute"\]: unknown control type "switch" for control "Main Mute"/);
  });

  test("a wrong type of value", () => {
    expect(bad({ controls: { Gain: { type: "knob", min: "-100" } } })).toBe('room.design.json: $.controls.Gain.min: control "Gain": number expected, got string');
    expect(bad({ controls: { Mute: { type: "toggle", value: "yes" } } })).toBe('room.design.json: $.controls.Mute.value: control "Mute": number expected, got string');
    expect(bad({ controls: [] })).toBe("room.design.json: $.controls: controls: object expected, got array");
    expect(bad({ controls: { L: { type: "led", count: 2.5 } } })).toBe('room.design.json: $.controls.L.count: control "L": count must be an integer from 1 to 1024, got 2.5');
  });

  test("fields that do not belong", () => {
    expect(bad({ controls: { Gain: { type: "knob", mni: 0 } } })).toMatch(/^room\.design\.json: \$\.controls\.Gain\.mni: control "Gain": unknown field 'mni' \(expected one of: type, unit, min/);
    expect(bad({ contrls: {} })).toMatch(/^room\.design\.json: \$\.contrls: the design: unknown field 'contrls'/);
    expect(bad({ controls: { Mute: { type: "toggle", unit: "dB" } } })).toBe('room.design.json: $.controls.Mute.unit: control "Mute": "unit" applies to knob and meter controls only, not toggle');
    expect(bad({ controls: { T: { type: "text", value: 3 } } })).toBe('room.design.json: $.controls.T.value: control "T": a text control holds text: give "string", not "value"');
  });

  test("ranges, first values and names", () => {
    expect(bad({ controls: { G: { type: "knob", min: 5, max: 5 } } })).toBe('room.design.json: $.controls.G: control "G": min (5) must be below max (5)');
    expect(bad({ controls: { G: { type: "knob", unit: "dB", value: 30 } } })).toBe('room.design.json: $.controls.G.value: control "G": value 30 is outside its range -100..20');
    expect(bad({ controls: { G: { type: "knob", unit: "dB", string: "loud" } } })).toBe('room.design.json: $.controls.G.string: control "G": "loud" is not a dB value');
    expect(bad({ controls: { X: { type: "led", count: 2 }, "X 1": "toggle" } })).toBe('room.design.json: $.controls["X 1"]: control "X 1": its name "X 1" is also the name of control "X"');
    expect(bad({ controls: { G: { type: "knob", unit: "parsecs" } } })).toMatch(/unknown unit "parsecs"/);
  });

  test("invalid JSON gives the line and column", () => {
    expect(designError('{\n  "controls": {\n    "Gain": "knob",\n  }\n}')).toMatch(/^room\.design\.json:4:3: invalid JSON: /);
  });

  test("a plugin's design file gives only first values", () => {
    expect(designError(JSON.stringify({ controls: { Power: { type: "toggle" } } }), true)).toBe(
      'room.design.json: $.controls.Power.type: control "Power": a plugin declares its controls in GetControls; give only "value" or "string" here',
    );
    expect(designError(JSON.stringify({ controls: { Power: "toggle" } }), false)).toBe("no error");
  });

  test("named-control aliases must point at a declared control", () => {
    expect(() => install({ namedControls: { X: { component: "Nope", control: "g" } } })).toThrow('t.design.json: $.namedControls.X: named control "X": no component "Nope" (components: T)');
    expect(() => install({ controls: { g: "knob" }, namedControls: { X: { component: "T", control: "h" } } })).toThrow('component "T" has no control "h"');
  });

  test("comments are ignored; the short form is a type", () => {
    const d = install({ "//": "note", controls: { "// Gain": "ignored", Mute: "toggle", $schema: "x" } });
    expect([...d.own.controls.keys()]).toEqual(["Mute"]);
  });
});

const zoneDesign = {
  component: "Room",
  controls: { Gain: { type: "knob", unit: "dB", value: -12 }, Src: { type: "led", count: 2 } },
  components: {
    Zone1: {
      type: "gain",
      properties: { max_gain: 20, multi_channel: false },
      controls: { gain: { type: "knob", unit: "dB", min: -100, max: 20 }, mute: { type: "toggle", strings: ["unmuted", "muted"] }, "31.5Hz.gain": "knob" },
    },
  },
  namedControls: { MainGain: { type: "knob", unit: "dB" }, RoomGain: { component: "Room", control: "Gain" } },
};

describe("Component", () => {
  test("New: control objects keyed by name; the same objects every time; unknown name -> empty table", () => {
    const d = install(zoneDesign);
    const a = call(get(Component, "New"), "Zone1") as LuaTable;
    const b = call(get(Component, "New"), "Zone1") as LuaTable;
    expect(a.get("gain")).toBe(b.get("gain"));
    set(a.get("mute"), "Boolean", true);
    expect(get(b.get("mute"), "String")).toBe("muted");
    const none = call(get(Component, "New"), "Nope") as LuaTable;
    expect(none.next(undefined)).toBeUndefined();
    // the service's own component, by its code name: arrays by member name
    const own = call(get(Component, "New"), "Room") as LuaTable;
    expect(own.get("Src 2")).toBe((ctl(d, "Src") as LuaTable).get(2));
    // since 9.12 a dot in a control name is escaped; the plain name works too
    const eq = a.get("31.5Hz.gain");
    expect(eq).toBeDefined();
    expect(get(a, "31\\.5Hz.gain")).toBe(eq);
    expect(get(a, "nope")).toBeUndefined();
  });

  test("GetComponents lists the design's components with string properties", () => {
    install(zoneDesign);
    const list = call(get(Component, "GetComponents")) as LuaTable;
    const names = [1, 2].map((i) => get(list.get(i), "Name"));
    expect(names).toEqual(["Room", "Zone1"]);
    const zone = list.get(2);
    expect(get(zone, "Type")).toBe("gain");
    const props = get(zone, "Properties") as LuaTable;
    expect([get(props.get(1), "Name"), get(props.get(1), "Value"), get(props.get(2), "Value")]).toEqual(["max_gain", "20", "false"]);
  });

  test("GetControls gives snapshots, by name or by the table from New", () => {
    install(zoneDesign);
    const t = call(get(Component, "New"), "Zone1") as LuaTable;
    set(t.get("gain"), "Value", -10);
    const byName = call(get(Component, "GetControls"), "Zone1") as LuaTable;
    const byTable = call(get(Component, "GetControls"), t) as LuaTable;
    for (const list of [byName, byTable]) {
      const g = list.get(1);
      expect([get(g, "Name"), tostring(get(g, "Value")), get(g, "String"), get(g, "Type"), get(g, "Direction")]).toEqual(["gain", "-10.0", "-10.0dB", "Float", "Read/Write"]);
      expect([tostring(get(g, "MinValue")), get(g, "MaxString")]).toEqual(["-100.0", "20.0dB"]);
    }
    expect((call(get(Component, "GetControls"), "Nope") as LuaTable).length()).toBe(0);
  });
});

describe("NamedControl", () => {
  test("Get/Set of Value, String, Position; an alias is the component's control itself", () => {
    const d = install(zoneDesign);
    const nc = (f: string, ...a: unknown[]) => call(get(NamedControl, f), ...a);
    expect(tostring(nc("GetValue", "RoomGain"))).toBe("-12.0");
    nc("SetValue", "RoomGain", -40);
    expect(tostring(get(ctl(d, "Gain"), "Value"))).toBe("-40.0");
    nc("SetPosition", "MainGain", 0.5);
    expect(nc("GetString", "MainGain")).toBe("-40.0dB");
    expect(tostring(nc("GetPosition", "MainGain"))).toBe("0.5");
    nc("SetString", "MainGain", "-6dB");
    expect(tostring(nc("GetValue", "MainGain"))).toBe("-6.0");
  });

  test("the script's NamedControl writes raise no handler; unknown names are errors", () => {
    const d = install(zoneDesign);
    let calls = 0;
    set(ctl(d, "Gain"), "EventHandler", () => void calls++);
    call(get(NamedControl, "SetValue"), "RoomGain", 3);
    expect(calls).toBe(0);
    expect(luaErrorOf(() => call(get(NamedControl, "GetValue"), "Nope"))).toBe("bad argument #1 to 'GetValue' (no named control 'Nope')");
  });
});

describe("the QRC adapter", () => {
  test("named controls, components and status", () => {
    install({ ...zoneDesign, design: { name: "Lobby", code: "abc" } });
    const q = qrcDesign();
    expect(q.namedControl("RoomGain")!.state()).toMatchObject({ Name: "RoomGain", Value: -12, String: "-12.0dB" });
    expect(q.namedControl("Nope")).toBeUndefined();
    expect(q.components().map((c) => c.Name)).toEqual(["Room", "Zone1"]);
    expect(q.component("Zone1")!.Properties).toEqual([
      { Name: "max_gain", Value: "20", PrettyName: "max_gain" },
      { Name: "multi_channel", Value: "false", PrettyName: "multi_channel" },
    ]);
    expect(q.component("Zone1")!.controls().map((c) => c.state().Name)).toEqual(["gain", "mute", "31.5Hz.gain"]);
    expect(q.status()).toEqual({ Platform: "qsys2ts", State: "Active", DesignName: "Lobby", DesignCode: "abc", IsRedundant: false, IsEmulator: false });
  });

  test("Boolean controls report Value 0/1 and their words; combos their Choices", () => {
    install({ controls: { Mute: { type: "toggle", strings: ["unmuted", "muted"] }, Src: { type: "combo", choices: ["HDMI 1", "USB"], string: "USB" } } });
    const comp = qrcDesign().component("T")!;
    comp.control("Mute")!.set({ Value: true });
    expect(comp.control("Mute")!.state()).toMatchObject({ Type: "Boolean", Value: 1, String: "muted", Position: 1, StringMin: "unmuted", StringMax: "muted" });
    expect(comp.control("Src")!.state()).toMatchObject({ Type: "Text", Value: 0, String: "USB", Position: 0, Choices: ["HDMI 1", "USB"] });
    comp.control("Src")!.set({ Value: "HDMI 1" });
    expect(comp.control("Src")!.state().String).toBe("HDMI 1");
  });

  test("Position and String changes; what is refused says why", () => {
    install({ controls: { Gain: { type: "knob", unit: "dB" }, Meter: "meter", Mute: "toggle" } });
    const comp = qrcDesign().component("T")!;
    comp.control("Gain")!.set({ Position: 0.5 });
    expect(comp.control("Gain")!.state().Value).toBe(-40);
    comp.control("Gain")!.set({ String: "-3dB" });
    expect(comp.control("Gain")!.state().Value).toBe(-3);
    expect(() => comp.control("Gain")!.set({ String: "loud" })).toThrow('"loud" is not a value of control Gain');
    expect(() => comp.control("Meter")!.set({ Value: 1 })).toThrow("Control Meter is read-only");
    expect(() => comp.control("Gain")!.set({})).toThrow("no Value, String or Position to set on control Gain");
    expect(() => comp.control("Mute")!.set({ Value: "maybe" })).toThrow('"maybe" is not a value of control Mute');
    expect(comp.control("Meter")!.state().Direction).toBe("Read Only");
  });

  test("a script's change shows in the state and bumps the version", () => {
    const d = install(zoneDesign);
    const q = qrcDesign().component("Room")!.control("Gain")!;
    const v = q.version();
    set(ctl(d, "Gain"), "Value", -3);
    expect(q.version()).toBeGreaterThan(v);
    expect(q.state().String).toBe("-3.0dB");
  });

  test("names and strings cross as UTF-8: Lua holds bytes, QRC text", () => {
    const d = install({ controls: { "Entrée": { type: "text", string: "café" } } });
    const luaName = Buffer.from("Entrée", "utf8").toString("latin1");
    const c = ctl(d, luaName);
    expect(get(c, "String")).toBe(Buffer.from("café", "utf8").toString("latin1"));
    const q = qrcDesign().component("T")!.control("Entrée")!;
    expect(q.state()).toMatchObject({ Name: "Entrée", String: "café" });
    q.set({ String: "thé" });
    expect(get(c, "String")).toBe(Buffer.from("thé", "utf8").toString("latin1"));
  });
});
