// What Lua sees of a control (qsys-api.md §4.2): the members of a control object, the
// conversions of what scripts write into them, and the closed member list (a typo such as
// `ctl.Valeu` is an error, "Control has no member 'Valeu'", never a silent nil).
//
// Value and Position read as Lua floats (`tostring(ctl.Value)` prints "1.0"). Writing a
// boolean to Value stores 0/1; a numeric string counts as its number. Writes by the script
// never raise the control's own EventHandler; RampTime > 0 makes Value/Position writes ramp.
// Metadata (Choices, Color, Legend, IsDisabled...) can be read and written on every kind of
// control (the help says reading it on a control "that has no metadata" fails, but does not
// say which controls have none; every control here has it).
import { NONE } from "../../lua/call.ts";
import { runtimeError } from "../../lua/errors.ts";
import { typeNameForError } from "../../lua/meta.ts";
import { numberToString, str2number } from "../../lua/number.ts";
import { LuaTable } from "../../lua/table.ts";
import { LuaFloat, mkfloat, toJsNumber, truthy, type LuaValue } from "../../lua/value.ts";
import { classMetatable, secondsValue, type Getter, type Setter } from "../object.ts";
import { Control } from "./control.ts";

type C = Control;

function badValue(member: string, expected: string, v: LuaValue): Error {
  return runtimeError(`bad value for Control.${member} (${expected} expected, got ${typeNameForError(v)})`);
}

/** A number written to a control: numbers, numeric strings, and booleans as 0/1. */
export function controlNumber(member: string, v: LuaValue): number {
  if (typeof v === "number") return v;
  if (v instanceof LuaFloat) return v.n;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") {
    const n = str2number(v);
    if (n !== undefined) return toJsNumber(n);
  }
  throw badValue(member, "number", v);
}

/** A string written to a control: strings, and numbers as Lua prints them. */
export function controlString(member: string, v: LuaValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  throw badValue(member, "string", v);
}

function listOf<T>(member: string, v: LuaValue, each: (member: string, x: LuaValue) => T): T[] {
  if (!(v instanceof LuaTable)) throw badValue(member, "table", v);
  const out: T[] = [];
  for (let i = 1; i <= v.length(); i++) out.push(each(member, v.get(i)));
  return out;
}

function tableOfList(xs: LuaValue[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < xs.length; i++) t.set(i + 1, xs[i]);
  return t;
}

/** A metadata string member (Legend, Color, CssClass). */
function textMeta(member: string, field: "legend" | "color" | "cssClass"): Setter<C> {
  return (o, v) => {
    const s = v === undefined ? "" : controlString(member, v);
    if (s !== o[field]) {
      o[field] = s;
      o.touched();
    }
  };
}

function flagMeta(field: "disabled" | "invisible" | "indeterminate"): Setter<C> {
  return (o, v) => {
    const b = truthy(v);
    if (b !== o[field]) {
      o[field] = b;
      o.touched();
    }
  };
}

const props: Record<string, Getter<C>> = {
  Value: (o) => mkfloat(o.value),
  String: (o) => o.string,
  Position: (o) => mkfloat(o.position),
  Boolean: (o) => o.boolean,
  Values: (o) => tableOfList((o.values ?? [o.value]).map(mkfloat)),
  Strings: (o) => tableOfList(o.strings ?? [o.string]),
  Positions: (o) => tableOfList((o.positions ?? [o.position]).map(mkfloat)),
  Index: (o) => o.index,
  RampTime: (o) => mkfloat(o.rampTime),
  EventHandler: (o) => o.eventHandler,
  Choices: (o) => tableOfList(o.choices),
  Legend: (o) => o.legend,
  Color: (o) => o.color,
  CssClass: (o) => o.cssClass,
  IsDisabled: (o) => o.disabled,
  IsInvisible: (o) => o.invisible,
  IsIndeterminate: (o) => o.indeterminate,
};

const setters: Record<string, Setter<C>> = {
  Value: (o, v) => o.setValue(controlNumber("Value", v), "script", o.rampTime),
  String: (o, v) => void o.setString(controlString("String", v), "script"),
  Position: (o, v) => o.setPosition(controlNumber("Position", v), "script", o.rampTime),
  Boolean: (o, v) => o.setBoolean(truthy(v), "script"),
  Values: (o, v) => {
    o.values = listOf("Values", v, controlNumber);
    o.touched();
  },
  Strings: (o, v) => {
    o.strings = listOf("Strings", v, controlString);
    o.touched();
  },
  Positions: (o, v) => {
    o.positions = listOf("Positions", v, controlNumber);
    o.touched();
  },
  RampTime: (o, v) => {
    o.rampTime = secondsValue("Control", "RampTime", v);
  },
  EventHandler: (o, f) => {
    o.eventHandler = f;
  },
  Choices: (o, v) => {
    o.choices = listOf("Choices", v, controlString);
    o.touched();
  },
  Legend: textMeta("Legend", "legend"),
  Color: textMeta("Color", "color"),
  CssClass: textMeta("CssClass", "cssClass"),
  IsDisabled: flagMeta("disabled"),
  IsInvisible: flagMeta("invisible"),
  IsIndeterminate: flagMeta("indeterminate"),
};

const methods = {
  Trigger: (self: C) => {
    self.trigger();
    return NONE;
  },
};

/** The metatable every control object shares. */
export const controlMetatable = classMetatable<C>("Control", (o): o is C => o instanceof Control, methods, props, setters);
