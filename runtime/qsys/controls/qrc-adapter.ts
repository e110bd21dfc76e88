// The control model as the QRC server sees it (the contract in ../qrc/design.ts).
//
// A change set through it is a change from outside, as a panel makes one on a Core: the
// control takes it through its kind and range, and its Lua EventHandler runs in its own turn
// (events.ts; right away when no Lua code is running, else after the current turn). A change
// the script makes shows in state() and bumps version(), so change groups report it.
// The adapter reads the current design on every call, so it can be taken before the service
// has installed its design. Lua holds names and strings as bytes; QRC gets them as UTF-8 text.
import type { QrcChange, QrcComponent, QrcControl, QrcControlState, QrcDesign } from "../qrc/design.ts";
import { stringAt, type Control } from "./control.ts";
import { currentDesign, type LiveComponent } from "./live-design.ts";
import { qrcType } from "./spec.ts";
import { bytesToUtf8, utf8ToBytes } from "./text.ts";

function state(c: Control, name: string): QrcControlState {
  const s = c.spec;
  const out: QrcControlState = {
    Name: bytesToUtf8(name),
    Type: qrcType(s),
    Direction: s.readOnly ? "Read Only" : "Read/Write",
    Value: c.value,
    String: bytesToUtf8(c.string),
    Position: c.position,
    ValueMin: s.min,
    ValueMax: s.max,
    StringMin: bytesToUtf8(stringAt(s, s.min)),
    StringMax: bytesToUtf8(stringAt(s, s.max)),
    Color: bytesToUtf8(c.color),
    Legend: bytesToUtf8(c.legend),
    Indeterminate: c.indeterminate,
    Invisible: c.invisible,
    Disabled: c.disabled,
    CssClass: bytesToUtf8(c.cssClass),
  };
  if (s.kind === "combo" || c.choices.length > 0) out.Choices = c.choices.map(bytesToUtf8);
  return out;
}

/** Apply a QRC change; throws an Error whose message the QRC server reports. */
function apply(c: Control, name: string, change: QrcChange): void {
  if (c.spec.readOnly) throw new Error(`Control ${name} is read-only`);
  const ramp = change.Ramp ?? 0;
  if (typeof ramp !== "number" || !(ramp >= 0)) throw new Error(`Ramp must be a number of seconds, got ${JSON.stringify(ramp)}`);
  const { Value, String: text, Position } = change;
  if (Position !== undefined) {
    if (typeof Position !== "number" || !Number.isFinite(Position)) throw new Error(`Position must be a number, got ${JSON.stringify(Position)}`);
    c.setPosition(Position, "outside", ramp);
  } else if (text !== undefined) {
    if (typeof text !== "string") throw new Error(`String must be a string, got ${JSON.stringify(text)}`);
    if (!c.setString(utf8ToBytes(text), "outside")) throw new Error(`"${text}" is not a value of control ${name}`);
  } else if (typeof Value === "boolean") {
    c.setValue(Value ? 1 : 0, "outside");
  } else if (typeof Value === "number") {
    if (!Number.isFinite(Value)) throw new Error(`Value must be a finite number`);
    c.setValue(Value, "outside", ramp);
  } else if (typeof Value === "string") {
    // A string Value means the text for text controls, and is read as a value by the others.
    if (!c.setString(utf8ToBytes(Value), "outside")) throw new Error(`"${Value}" is not a value of control ${name}`);
  } else if (Value === undefined) {
    throw new Error(`no Value, String or Position to set on control ${name}`);
  } else throw new Error(`Value must be a number, string or boolean, got ${JSON.stringify(Value)}`);
}

const wrappers = new WeakMap<Control, Map<string, QrcControl>>();

/** One QrcControl per control and name (a named control may be another name for a component's). */
function wrap(c: Control, name: string): QrcControl {
  let byName = wrappers.get(c);
  if (!byName) wrappers.set(c, (byName = new Map()));
  let w = byName.get(name);
  if (!w) {
    w = {
      state: () => state(c, name),
      set: (change) => apply(c, name, change),
      version: () => c.version,
    };
    byName.set(name, w);
  }
  return w;
}

function component(comp: LiveComponent): QrcComponent {
  return {
    Name: bytesToUtf8(comp.name),
    Type: bytesToUtf8(comp.type),
    Properties: comp.properties.map((p) => ({ Name: bytesToUtf8(p.Name), Value: bytesToUtf8(p.Value), PrettyName: bytesToUtf8(p.PrettyName) })),
    controls: () => [...comp.controls].map(([name, c]) => wrap(c, name)),
    control: (name) => {
      const key = utf8ToBytes(name);
      const c = comp.controls.get(key);
      return c && wrap(c, key);
    },
  };
}

const adapter: QrcDesign = {
  namedControl(name) {
    const key = utf8ToBytes(name);
    const c = currentDesign().named.get(key);
    return c && wrap(c, key);
  },
  components() {
    return [...currentDesign().components.values()].map(component);
  },
  component(name) {
    const comp = currentDesign().components.get(utf8ToBytes(name));
    return comp && component(comp);
  },
  status() {
    const st = currentDesign().status;
    return { ...st, DesignName: bytesToUtf8(st.DesignName), DesignCode: bytesToUtf8(st.DesignCode) };
  },
};

/** The live design, for the QRC server. */
export function qrcDesign(): QrcDesign {
  return adapter;
}
