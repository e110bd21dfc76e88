// The control model: Value, String, Position and Boolean kept consistent through each kind and
// range; who raises EventHandler; the Lua-visible members; ramps.
// Expected values come from the references: QSC's QRC examples (a -100..20 dB gain at -12 dB
// reads "-12.0dB", its ends "-100dB" and "20.0dB"; Position 0.5 on it is -40 dB, observed on an
// emulator: qrc.md §4.1, §5), qsys-api.md §4.2 (Boolean is Position > 0.5; writing a boolean to
// Value stores 0/1; the script's own writes raise no EventHandler), Lua 5.3 for float printing,
// and the documented choices of runtime/qsys/controls/format.ts where Q-SYS says nothing.
import { afterEach, describe, expect, test } from "vitest";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { callMethod } from "../runtime/lua/call.ts";
import { qrcDesign } from "../runtime/qsys/controls/qrc-adapter.ts";
import { RAMP_STEP_MS } from "../runtime/qsys/controls/ramp.ts";
import { ctl, install, luaErrorOf } from "./controls-helpers.ts";
import { captureStderr, get, set, sleep, until } from "./qsys-helpers.ts";

const gainDesign = { controls: { Gain: { type: "knob", unit: "dB", min: -100, max: 20, value: -12 } } };

function outside(component: string, control: string, change: object): void {
  qrcDesign().component(component)!.control(control)!.set(change);
}

describe("knobs", () => {
  test("a -100..20 dB gain: String and Position as QRC reports them", () => {
    const g = ctl(install(gainDesign), "Gain");
    expect(tostring(get(g, "Value"))).toBe("-12.0");
    expect(get(g, "String")).toBe("-12.0dB");
    expect((get(g, "Position") as number)).toBeCloseTo(0.7333333, 6);
    const st = qrcDesign().component("T")!.control("Gain")!.state();
    expect([st.StringMin, st.StringMax, st.ValueMin, st.ValueMax, st.Type]).toEqual(["-100dB", "20.0dB", -100, 20, "Float"]);
  });

  test("Position 0.5 is -40 dB (linear over the range), and back", () => {
    const g = ctl(install(gainDesign), "Gain");
    set(g, "Position", 0.5);
    expect(tostring(get(g, "Value"))).toBe("-40.0");
    expect(get(g, "String")).toBe("-40.0dB");
    set(g, "Value", -100);
    expect(tostring(get(g, "Position"))).toBe("0.0");
    set(g, "Value", 20);
    expect(tostring(get(g, "Position"))).toBe("1.0");
  });

  test("values are clamped to the range", () => {
    const g = ctl(install(gainDesign), "Gain");
    set(g, "Value", 50);
    expect(tostring(get(g, "Value"))).toBe("20.0");
    set(g, "Value", -1e9);
    expect(tostring(get(g, "Value"))).toBe("-100.0");
    set(g, "Position", 7);
    expect(tostring(get(g, "Position"))).toBe("1.0");
  });

  test("a String written to a knob is read in its unit; text that is no value changes nothing", () => {
    const g = ctl(install(gainDesign), "Gain");
    set(g, "String", "-6dB");
    expect(tostring(get(g, "Value"))).toBe("-6.0");
    set(g, "String", "-3");
    expect(get(g, "String")).toBe("-3.0dB");
    set(g, "String", "loud");
    expect(tostring(get(g, "Value"))).toBe("-3.0");
    set(g, "String", "5Hz");
    expect(tostring(get(g, "Value"))).toBe("-3.0");
  });

  test("Boolean is Position > 0.5; writing it moves to the ends", () => {
    const f = ctl(install({ controls: { F: { type: "knob", unit: "Float", min: 0, max: 1 } } }), "F");
    set(f, "Value", 0.5);
    expect(get(f, "Boolean")).toBe(false);
    set(f, "Value", 0.51);
    expect(get(f, "Boolean")).toBe(true);
    set(f, "Boolean", false);
    expect(tostring(get(f, "Value"))).toBe("0.0");
    set(f, "Boolean", true);
    expect(tostring(get(f, "Value"))).toBe("1.0");
  });

  test("integer knobs round, and still read as floats", () => {
    const n = ctl(install({ controls: { N: { type: "knob", unit: "Integer", min: 1, max: 12 } } }), "N");
    set(n, "Value", 2.6);
    expect(tostring(get(n, "Value"))).toBe("3.0");
    expect(get(n, "String")).toBe("3");
    expect(qrcDesign().component("T")!.control("N")!.state().Type).toBe("Integer");
  });

  test("unit formats (the documented choices)", () => {
    const d = install({
      controls: {
        P: { type: "knob", unit: "%", min: 0, max: 100 },
        H: { type: "knob", unit: "Hz", min: 20, max: 20000 },
        S: { type: "knob", unit: "seconds", min: 0, max: 10 },
        Pan: { type: "knob", unit: "Pan" },
        F: { type: "knob" },
      },
    });
    const str = (name: string, v: number) => {
      set(ctl(d, name), "Value", v);
      return get(ctl(d, name), "String");
    };
    expect([str("P", 50), str("P", 100), str("P", 0), str("P", 5.25)]).toEqual(["50.0%", "100%", "0%", "5.3%"]);
    expect([str("H", 20), str("H", 125), str("H", 1000), str("H", 12500)]).toEqual(["20.0Hz", "125Hz", "1.00kHz", "12.5kHz"]);
    expect([str("S", 0), str("S", 0.5), str("S", 0.05), str("S", 1.5)]).toEqual(["0s", "500ms", "50.0ms", "1.50s"]);
    expect([str("Pan", 0), str("Pan", -0.5), str("Pan", 0.25)]).toEqual(["C", "L50", "R25"]);
    expect([str("F", 0.5), str("F", 0)]).toEqual(["0.50", "0.00"]);
    set(ctl(d, "H"), "String", "1.5kHz");
    expect(tostring(get(ctl(d, "H"), "Value"))).toBe("1500.0");
    set(ctl(d, "S"), "String", "250ms");
    expect(tostring(get(ctl(d, "S"), "Value"))).toBe("0.25");
    set(ctl(d, "Pan"), "String", "L20");
    expect(tostring(get(ctl(d, "Pan"), "Value"))).toBe("-0.2");
  });
});

describe("buttons, text, status", () => {
  test("a toggle holds 0/1; booleans and numbers written to Value", () => {
    const d = install({ controls: { Mute: { type: "toggle", strings: ["unmuted", "muted"] } } });
    const m = ctl(d, "Mute");
    expect(get(m, "String")).toBe("unmuted");
    set(m, "Value", true);
    expect(tostring(get(m, "Value"))).toBe("1.0");
    expect(get(m, "String")).toBe("muted");
    expect(get(m, "Boolean")).toBe(true);
    set(m, "Value", 0);
    expect(get(m, "Boolean")).toBe(false);
    set(m, "String", "muted");
    expect(tostring(get(m, "Position"))).toBe("1.0");
    set(m, "String", "off");
    expect(tostring(get(m, "Value"))).toBe("0.0");
  });

  test("a text control holds its String; Value is the text read as a number", () => {
    const t = ctl(install({ controls: { T: "text" } }), "T");
    set(t, "String", "42");
    expect(tostring(get(t, "Value"))).toBe("42.0");
    set(t, "String", "hello");
    expect(tostring(get(t, "Value"))).toBe("0.0");
    expect(tostring(get(t, "Position"))).toBe("0.0");
    set(t, "Value", 2.5);
    expect(get(t, "String")).toBe("2.5");
    set(t, "String", 7);
    expect(get(t, "String")).toBe("7");
  });

  test("a status control's Value (code 0..5) and String move on their own", () => {
    const s = ctl(install({ controls: { S: "status" } }), "S");
    set(s, "Value", 2);
    set(s, "String", "fault: lamp");
    expect([tostring(get(s, "Value")), get(s, "String")]).toEqual(["2.0", "fault: lamp"]);
    set(s, "Value", 9);
    expect(tostring(get(s, "Value"))).toBe("5.0");
    expect(get(s, "String")).toBe("fault: lamp");
  });

  test("a trigger's Value stays 0", () => {
    const t = ctl(install({ controls: { Go: "trigger" } }), "Go");
    set(t, "Value", 1);
    expect(tostring(get(t, "Value"))).toBe("0.0");
  });
});

describe("EventHandler: raised by outside changes only", () => {
  afterEach(() => install({}));

  test("the script's writes raise nothing; an outside change raises the handler with the control", () => {
    const d = install(gainDesign);
    const g = ctl(d, "Gain");
    const calls: unknown[] = [];
    set(g, "EventHandler", (c: unknown) => void calls.push(c));
    set(g, "Value", -20);
    set(g, "String", "-30");
    set(g, "Position", 0.1);
    expect(calls).toEqual([]);
    outside("T", "Gain", { Value: -6 });
    expect(calls).toEqual([g]);
    expect(tostring(get(g, "Value"))).toBe("-6.0");
  });

  test("an outside change that changes nothing raises nothing, except on a trigger", () => {
    const d = install({ controls: { Gain: "knob", Go: "trigger" } });
    let gain = 0;
    let go = 0;
    set(ctl(d, "Gain"), "EventHandler", () => void gain++);
    set(ctl(d, "Go"), "EventHandler", () => void go++);
    outside("T", "Gain", { Value: 0.5 });
    outside("T", "Gain", { Value: 0.5 });
    outside("T", "Go", { Value: 1 });
    outside("T", "Go", { Value: 1 });
    expect([gain, go]).toEqual([1, 2]);
  });

  test(":Trigger() runs the handler after the current turn, not inside it", async () => {
    const d = install({ controls: { Go: "trigger" } });
    const go = ctl(d, "Go");
    const seen: string[] = [];
    set(go, "EventHandler", () => void seen.push("handler"));
    callMethod(go, "Trigger");
    seen.push("after Trigger");
    await sleep(5);
    expect(seen).toEqual(["after Trigger", "handler"]);
  });

  test("an error in a handler is reported and later changes are still delivered", () => {
    const d = install(gainDesign);
    const g = ctl(d, "Gain");
    let n = 0;
    set(g, "EventHandler", () => {
      n++;
      if (n === 1) throw new Error("boom");
    });
    const err = captureStderr();
    try {
      outside("T", "Gain", { Value: -1 });
      outside("T", "Gain", { Value: -2 });
    } finally {
      err.restore();
    }
    expect(n).toBe(2);
    expect(err.text()).toContain("boom");
  });

  test("every change bumps the version; a write that changes nothing does not", () => {
    const d = install(gainDesign);
    const q = qrcDesign().component("T")!.control("Gain")!;
    const g = ctl(d, "Gain");
    const v0 = q.version();
    set(g, "Value", -12);
    expect(q.version()).toBe(v0);
    set(g, "Value", -11);
    expect(q.version()).toBe(v0 + 1);
    set(g, "Color", "red");
    set(g, "Legend", "Main");
    set(g, "IsDisabled", true);
    expect(q.version()).toBe(v0 + 4);
    expect(q.state()).toMatchObject({ Color: "red", Legend: "Main", Disabled: true, String: "-11.0dB" });
  });
});

describe("what Lua sees", () => {
  test("Value and Position are floats; Index is an integer", () => {
    const d = install({ controls: { B: "toggle", L: { type: "led", count: 3 } } });
    set(ctl(d, "B"), "Value", 1);
    expect(tostring(get(ctl(d, "B"), "Value"))).toBe("1.0");
    const arr = ctl(d, "L") as LuaTable;
    expect(tostring(get(arr.get(2), "Index"))).toBe("2");
  });

  test("an array is a table of its members, named 'Name i' outside", () => {
    const d = install({ controls: { L: { type: "led", count: 4 } } });
    const arr = ctl(d, "L");
    expect(arr).toBeInstanceOf(LuaTable);
    expect((arr as LuaTable).length()).toBe(4);
    set((arr as LuaTable).get(3), "Boolean", true);
    expect(qrcDesign().component("T")!.control("L 3")!.state().Value).toBe(1);
    expect(qrcDesign().component("T")!.control("L")).toBeUndefined();
  });

  test("unknown members and read-only members are errors", () => {
    const g = ctl(install(gainDesign), "Gain");
    expect(luaErrorOf(() => get(g, "Valeu"))).toBe("Control has no member 'Valeu'");
    expect(luaErrorOf(() => set(g, "Index", 3))).toBe("Control member 'Index' is read-only");
    expect(luaErrorOf(() => set(g, "Value", "loud"))).toBe("bad value for Control.Value (number expected, got string)");
    expect(luaErrorOf(() => set(g, "Choices", "a,b"))).toBe("bad value for Control.Choices (table expected, got string)");
    expect(tostring(g)).toMatch(/^Control: 0x[0-9a-f]+$/);
  });

  test("Choices reads as a fresh table; metadata defaults", () => {
    const c = ctl(install({ controls: { Src: { type: "combo", choices: ["A", "B"] } } }), "Src");
    const t = get(c, "Choices") as LuaTable;
    expect([t.get(1), t.get(2)]).toEqual(["A", "B"]);
    t.set(1, "Z");
    expect((get(c, "Choices") as LuaTable).get(1)).toBe("A");
    const list = new LuaTable();
    list.set(1, "X");
    list.set(2, 3);
    set(c, "Choices", list);
    expect(qrcDesign().component("T")!.control("Src")!.state().Choices).toEqual(["X", "3"]);
    expect([get(c, "Legend"), get(c, "Color"), get(c, "CssClass"), get(c, "IsInvisible"), get(c, "IsIndeterminate")]).toEqual(["", "", "", false, false]);
  });

  test("Values/Strings/Positions: one value per aspect unless set", () => {
    const g = ctl(install(gainDesign), "Gain");
    expect(tostring((get(g, "Values") as LuaTable).get(1))).toBe("-12.0");
    expect((get(g, "Strings") as LuaTable).get(1)).toBe("-12.0dB");
    const vs = new LuaTable();
    vs.set(1, 1);
    vs.set(2, 2.5);
    set(g, "Values", vs);
    const back = get(g, "Values") as LuaTable;
    expect([tostring(back.get(1)), tostring(back.get(2))]).toEqual(["1.0", "2.5"]);
  });
});

describe("ramps", () => {
  test("with RampTime, a Value write glides there from the event loop", async () => {
    const g = ctl(install(gainDesign), "Gain");
    set(g, "RampTime", 0.3);
    const start = Date.now();
    set(g, "Value", -72);
    expect(tostring(get(g, "Value"))).toBe("-12.0");
    const seen = new Set<string>();
    await until(() => {
      const v = tostring(get(g, "Value"));
      seen.add(v);
      return v === "-72.0";
    }, 5000, "ramp end");
    expect(Date.now() - start).toBeGreaterThanOrEqual(300 - RAMP_STEP_MS);
    // passed through values between the ends
    expect([...seen].some((s) => Number(s) < -12 && Number(s) > -72)).toBe(true);
    expect(tostring(get(g, "Value"))).toBe("-72.0");
  });

  test("an outside ramp raises the handler at its steps and ends on the target", async () => {
    const g = ctl(install(gainDesign), "Gain");
    let calls = 0;
    set(g, "EventHandler", () => void calls++);
    outside("T", "Gain", { Value: 0, Ramp: 0.2 });
    await until(() => tostring(get(g, "Value")) === "0.0", 5000, "ramp end");
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  test("a new write cancels the ramp", async () => {
    const g = ctl(install(gainDesign), "Gain");
    set(g, "RampTime", 0.2);
    set(g, "Value", -90);
    set(g, "RampTime", 0);
    set(g, "Value", 10);
    await sleep(300);
    expect(tostring(get(g, "Value"))).toBe("10.0");
  });
});
