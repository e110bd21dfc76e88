// What a control is before it exists: its kind, unit, range and first state, as a design file
// or a plugin's GetControls declares it. One ControlSpec may stand for an array (count > 1).
//
// The kinds follow what Text Controllers and plugins offer (qsys-api.md §4): knobs (with a
// unit), toggle / momentary / trigger buttons, text boxes, combo boxes, and the indicators
// (LED, meter, status, text display). Where Q-SYS documents no default, the choice is here.

export type ControlKind =
  | "knob"
  | "toggle"
  | "momentary"
  | "trigger"
  | "text"
  | "combo"
  | "led"
  | "meter"
  | "status"
  | "display";

export const CONTROL_KINDS: readonly ControlKind[] = ["knob", "toggle", "momentary", "trigger", "text", "combo", "led", "meter", "status", "display"];

/** Units of knobs and meters, spelled as a plugin's ControlUnit spells them. */
export type ControlUnit = "dB" | "Hz" | "Float" | "Integer" | "Pan" | "Percent" | "Position" | "Seconds";

export const CONTROL_UNITS: readonly ControlUnit[] = ["dB", "Hz", "Float", "Integer", "Pan", "Percent", "Position", "Seconds"];

/** A unit name as people write it ("db", "%", "seconds", "int") -> the unit, or undefined. */
export function unitNamed(text: string): ControlUnit | undefined {
  const t = text.trim().toLowerCase();
  for (const u of CONTROL_UNITS) if (u.toLowerCase() === t) return u;
  const aliases: Record<string, ControlUnit> = { "%": "Percent", percentage: "Percent", s: "Seconds", sec: "Seconds", second: "Seconds", int: "Integer", hertz: "Hz", number: "Float" };
  return aliases[t];
}

/**
 * Ranges a knob gets when the declaration gives none. Q-SYS documents no defaults; these are
 * the ranges its own components use for such controls (a gain fader is -100..20 dB).
 */
export const DEFAULT_RANGE: Record<ControlUnit, [number, number]> = {
  dB: [-100, 20],
  Hz: [20, 20000],
  Float: [0, 1],
  Integer: [0, 100],
  Pan: [-1, 1],
  Percent: [0, 100],
  Position: [0, 1],
  Seconds: [0, 60],
};

/** Kinds whose state is a number in a range (String is derived from Value). */
export function isNumericKind(k: ControlKind): boolean {
  return k === "knob" || k === "meter";
}

/** Kinds that hold 0 or 1 (String reads as one of two words). */
export function isBooleanKind(k: ControlKind): boolean {
  return k === "toggle" || k === "momentary" || k === "led" || k === "trigger";
}

/** Kinds whose state is text (Value follows the text when it reads as a number). */
export function isTextKind(k: ControlKind): boolean {
  return k === "text" || k === "combo" || k === "display";
}

export function isIndicatorKind(k: ControlKind): boolean {
  return k === "led" || k === "meter" || k === "status" || k === "display";
}

export interface ControlSpec {
  /** The name scripts use: `Controls[name]`; array members are "name 1", "name 2"... outside. */
  name: string;
  kind: ControlKind;
  /** Knobs and meters only. */
  unit: ControlUnit;
  min: number;
  max: number;
  /** 1 = a single control; more = an array `Controls.name[i]`. */
  count: number;
  /** An array even when count is 1 (Controls.Inputs / Outputs always are). */
  array: boolean;
  /** First Value (numeric and boolean kinds) and first String (text kinds, status). */
  value?: number;
  string?: string;
  /** Words a boolean control's String shows for 0 and 1. */
  strings: [string, string];
  choices: string[];
  legend: string;
  color: string;
  cssClass: string;
  disabled: boolean;
  invisible: boolean;
  indeterminate: boolean;
  /** Outside clients (QRC) may read but not set it. */
  readOnly: boolean;
}

/**
 * A spec with the defaults filled in. Boolean controls read "false"/"true" (Q-SYS shows the
 * state's own words, e.g. "muted", on its components; a design file can give them).
 */
export function makeSpec(name: string, kind: ControlKind, fields: Partial<ControlSpec> = {}): ControlSpec {
  const unit = fields.unit ?? (kind === "meter" ? "dB" : "Float");
  let range: [number, number];
  if (isNumericKind(kind)) range = DEFAULT_RANGE[unit];
  else if (kind === "status") range = [0, 5];
  else if (isBooleanKind(kind)) range = [0, 1];
  else range = [0, 0];
  return {
    name,
    kind,
    unit,
    min: fields.min ?? range[0],
    max: fields.max ?? range[1],
    count: fields.count ?? 1,
    array: fields.array ?? false,
    value: fields.value,
    string: fields.string,
    strings: fields.strings ?? ["false", "true"],
    choices: fields.choices ?? [],
    legend: fields.legend ?? "",
    color: fields.color ?? "",
    cssClass: fields.cssClass ?? "",
    disabled: fields.disabled ?? false,
    invisible: fields.invisible ?? false,
    indeterminate: fields.indeterminate ?? false,
    // Indicators show the script's state; outside clients read them (a design may say otherwise).
    readOnly: fields.readOnly ?? isIndicatorKind(kind),
  };
}

/** The QRC `Type` of a control (qrc.md §4.2). */
export function qrcType(spec: ControlSpec): string {
  switch (spec.kind) {
    case "knob":
      return spec.unit === "Integer" ? "Integer" : "Float";
    case "meter":
      return "Float";
    case "toggle":
    case "momentary":
    case "led":
      return "Boolean";
    case "trigger":
      return "Trigger";
    case "status":
      return "Status";
    default:
      return "Text";
  }
}
