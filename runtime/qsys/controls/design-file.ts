// The design file: what a Core's design gives a script that the script itself does not say —
// its controls, the other components and named controls it reaches, a plugin's property
// values. JSON a person writes by hand (README "Design files"); every mistake is reported
// with the file, the JSON path and what is wrong, naming the control.
//
//   {
//     "component": "Room",                       this script's own component (code name)
//     "controls": {                              this script's controls (a plugin declares its own)
//       "Gain":   { "type": "knob", "unit": "dB", "min": -100, "max": 20, "value": -12 },
//       "Mute":   "toggle",
//       "Source": { "type": "combo", "choices": ["HDMI 1", "HDMI 2"], "string": "HDMI 1" },
//       "SourceLed": { "type": "led", "count": 4 }
//     },
//     "properties": { "IP Address": "10.0.0.5" }, a plugin's property values
//     "components": { "Zone1": { "type": "gain", "controls": { "gain": { "type": "knob", "unit": "dB" } } } },
//     "namedControls": { "MainGain": { "component": "Room", "control": "Gain" } },
//     "design": { "name": "Lobby" }
//   }
//
// Keys starting with "//" or "$" are comments. Unknown keys are errors (they are typos).
import { CONTROL_KINDS, isBooleanKind, isNumericKind, isTextKind, makeSpec, unitNamed, CONTROL_UNITS, type ControlKind, type ControlSpec } from "./spec.ts";
import { parseBoolean, parseValue } from "./format.ts";
import { jsonToBytes } from "./text.ts";

export class DesignError extends Error {}

export interface ComponentSpec {
  name: string;
  type: string;
  properties: { Name: string; Value: string; PrettyName: string }[];
  controls: ControlSpec[];
}

export interface NamedControlSpec {
  name: string;
  /** A control of its own... */
  spec?: ControlSpec;
  /** ...or another name for a component's control. */
  alias?: { component: string; control: string };
}

/** Initial state of a control declared elsewhere (a plugin's GetControls). */
export interface InitialState {
  value?: number;
  string?: string;
}

export interface DesignSpec {
  file: string;
  component?: string;
  type?: string;
  controls: ControlSpec[];
  initial: Map<string, InitialState>;
  properties: Map<string, string | number | boolean>;
  components: ComponentSpec[];
  namedControls: NamedControlSpec[];
  design: { name?: string; code?: string; platform?: string; emulator?: boolean };
}

export function emptyDesign(file = "(no design file)"): DesignSpec {
  return { file, controls: [], initial: new Map(), properties: new Map(), components: [], namedControls: [], design: {} };
}

/** Words accepted for `type` besides the kinds themselves. */
const KIND_ALIASES: Record<string, ControlKind> = {
  button: "toggle",
  fader: "knob",
  textbox: "text",
  "text box": "text",
  combobox: "combo",
  "combo box": "combo",
  "status indicator": "status",
};

type Json = unknown;

/** `$.controls.Gain.min`, or `$.controls["Source Led"]` for names that are not identifiers. */
function step(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function kindOf(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function isComment(key: string): boolean {
  return key.startsWith("//") || key.startsWith("$");
}

class Reader {
  constructor(readonly file: string) {}

  fail(path: string, msg: string): never {
    throw new DesignError(`${this.file}: ${path}: ${msg}`);
  }

  object(v: Json, path: string, what: string): Record<string, Json> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, `${what}: object expected, got ${kindOf(v)}`);
    return v as Record<string, Json>;
  }

  /** The non-comment entries of an object, rejecting keys not in `allowed`. */
  fields(v: Record<string, Json>, path: string, allowed: readonly string[], what: string): Map<string, Json> {
    const out = new Map<string, Json>();
    for (const [k, x] of Object.entries(v)) {
      if (isComment(k)) continue;
      if (!allowed.includes(k)) this.fail(step(path, k), `${what}: unknown field '${k}' (expected one of: ${allowed.join(", ")})`);
      out.set(k, x);
    }
    return out;
  }

  string(v: Json, path: string, what: string): string {
    if (typeof v !== "string") this.fail(path, `${what}: string expected, got ${kindOf(v)}`);
    return v;
  }

  number(v: Json, path: string, what: string): number {
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(path, `${what}: number expected, got ${kindOf(v)}`);
    return v;
  }

  boolean(v: Json, path: string, what: string): boolean {
    if (typeof v !== "boolean") this.fail(path, `${what}: boolean expected, got ${kindOf(v)}`);
    return v;
  }

  strings(v: Json, path: string, what: string): string[] {
    if (!Array.isArray(v)) this.fail(path, `${what}: array of strings expected, got ${kindOf(v)}`);
    return v.map((x, i) => this.string(x, step(path, i), what));
  }
}

const CONTROL_FIELDS = [
  "type", "unit", "min", "max", "value", "string", "count", "array", "choices", "strings",
  "legend", "color", "cssClass", "disabled", "invisible", "indeterminate", "readOnly",
] as const;

const INITIAL_FIELDS = ["value", "string"] as const;

/** One control declaration: `"Mute": "toggle"` or `"Gain": { "type": "knob", ... }`. */
function readControl(r: Reader, name: string, v: Json, path: string, single = false): ControlSpec {
  const what = `control "${name}"`;
  if (name === "") r.fail(path, "a control name must not be empty");
  const decl = typeof v === "string" ? { type: v } : r.object(v, path, what);
  const f = r.fields(decl, path, CONTROL_FIELDS, what);
  if (!f.has("type")) r.fail(path, `${what}: "type" missing (one of: ${CONTROL_KINDS.join(", ")})`);
  const typePath = typeof v === "string" ? path : step(path, "type");
  const typeText = r.string(f.get("type"), typePath, what);
  const t = typeText.trim().toLowerCase();
  const kind = (CONTROL_KINDS as readonly string[]).includes(t) ? (t as ControlKind) : KIND_ALIASES[t];
  if (kind === undefined) r.fail(typePath, `unknown control type "${typeText}" for ${what} (expected one of: ${CONTROL_KINDS.join(", ")})`);
  const at = (k: string) => step(path, k);
  const numeric = isNumericKind(kind);
  for (const k of ["unit", "min", "max"]) if (f.has(k) && !numeric) r.fail(at(k), `${what}: "${k}" applies to knob and meter controls only, not ${kind}`);
  if (f.has("strings") && !isBooleanKind(kind)) r.fail(at("strings"), `${what}: "strings" applies to toggle, momentary, trigger and led controls only`);
  const fields: Partial<ControlSpec> = {};
  if (f.has("unit")) {
    const u = r.string(f.get("unit"), at("unit"), what);
    fields.unit = unitNamed(u) ?? r.fail(at("unit"), `${what}: unknown unit "${u}" (expected one of: ${CONTROL_UNITS.join(", ")})`);
  }
  if (f.has("min")) fields.min = r.number(f.get("min"), at("min"), what);
  if (f.has("max")) fields.max = r.number(f.get("max"), at("max"), what);
  if (f.has("count")) {
    const c = r.number(f.get("count"), at("count"), what);
    if (single) r.fail(at("count"), `${what}: a named control cannot be an array`);
    if (!Number.isInteger(c) || c < 1 || c > 1024) r.fail(at("count"), `${what}: count must be an integer from 1 to 1024, got ${c}`);
    fields.count = c;
  }
  if (f.has("array")) fields.array = r.boolean(f.get("array"), at("array"), what);
  // A Control Script's pins are arrays whatever their count: Controls.Inputs[1].
  else if (name === "Inputs" || name === "Outputs") fields.array = true;
  if (f.has("choices")) fields.choices = r.strings(f.get("choices"), at("choices"), what);
  if (f.has("strings")) {
    const s = r.strings(f.get("strings"), at("strings"), what);
    if (s.length !== 2) r.fail(at("strings"), `${what}: "strings" needs two words, for off and on`);
    fields.strings = [s[0], s[1]];
  }
  for (const k of ["legend", "color", "cssClass"] as const) if (f.has(k)) fields[k] = r.string(f.get(k), at(k), what);
  for (const k of ["disabled", "invisible", "indeterminate", "readOnly"] as const) if (f.has(k)) fields[k] = r.boolean(f.get(k), at(k), what);
  const spec = makeSpec(name, kind, fields);
  if (!(spec.min < spec.max) && numeric) r.fail(path, `${what}: min (${spec.min}) must be below max (${spec.max})`);
  const init = readInitial(r, spec, f, path, what);
  spec.value = init.value;
  spec.string = init.string;
  return spec;
}

/** `value` / `string` checked against the control's kind and range. */
function readInitial(r: Reader, spec: ControlSpec, f: Map<string, Json>, path: string, what: string): InitialState {
  const at = (k: string) => step(path, k);
  const out: InitialState = {};
  const kind = spec.kind;
  if (f.has("value")) {
    const v = f.get("value");
    if (isTextKind(kind)) r.fail(at("value"), `${what}: a ${kind} control holds text: give "string", not "value"`);
    const n = typeof v === "boolean" ? (v ? 1 : 0) : r.number(v, at("value"), what);
    if (isNumericKind(kind) && (n < spec.min || n > spec.max)) r.fail(at("value"), `${what}: value ${n} is outside its range ${spec.min}..${spec.max}`);
    if (isBooleanKind(kind) && n !== 0 && n !== 1) r.fail(at("value"), `${what}: a ${kind} holds 0 or 1 (or false/true), got ${n}`);
    if (kind === "status" && !(Number.isInteger(n) && n >= 0 && n <= 5)) r.fail(at("value"), `${what}: a status value is a code from 0 to 5, got ${n}`);
    out.value = n;
  }
  if (f.has("string")) {
    const s = r.string(f.get("string"), at("string"), what);
    if (isNumericKind(kind) && parseValue(spec.unit, s) === undefined) r.fail(at("string"), `${what}: "${s}" is not a ${spec.unit} value`);
    if (isBooleanKind(kind) && parseBoolean(spec.strings, s) === undefined) r.fail(at("string"), `${what}: "${s}" is not one of ${spec.strings.join("/")}`);
    if (!isTextKind(kind) && kind !== "status" && f.has("value")) r.fail(at("string"), `${what}: give "value" or "string", not both`);
    out.string = s;
  }
  return out;
}

/** A block of control declarations; array members' names ("X 1") must not collide. */
function readControls(r: Reader, v: Json, path: string): ControlSpec[] {
  const o = r.object(v, path, "controls");
  const out: ControlSpec[] = [];
  const names = new Map<string, string>();
  for (const [name, decl] of Object.entries(o)) {
    if (isComment(name)) continue;
    const spec = readControl(r, name, decl, step(path, name));
    for (const flat of flatNames(spec)) {
      const other = names.get(flat);
      if (other !== undefined) r.fail(step(path, name), `control "${name}": its name "${flat}" is also the name of control "${other}"`);
      names.set(flat, name);
    }
    out.push(spec);
  }
  return out;
}

/** The names outside clients use for a declared control: "X", or "X 1".."X n" for an array. */
export function flatNames(spec: ControlSpec): string[] {
  if (spec.count === 1 && !spec.array) return [spec.name];
  return Array.from({ length: spec.count }, (_, i) => `${spec.name} ${i + 1}`);
}

/** A plugin's design file gives only first values of the controls its GetControls declares. */
function readInitials(r: Reader, v: Json, path: string): Map<string, InitialState> {
  const o = r.object(v, path, "controls");
  const out = new Map<string, InitialState>();
  for (const [name, decl] of Object.entries(o)) {
    if (isComment(name)) continue;
    const p = step(path, name);
    const what = `control "${name}"`;
    const d = r.object(decl, p, what);
    if ("type" in d) r.fail(step(p, "type"), `${what}: a plugin declares its controls in GetControls; give only "value" or "string" here`);
    const f = r.fields(d, p, INITIAL_FIELDS, what);
    const init: InitialState = {};
    if (f.has("value")) {
      const x = f.get("value");
      init.value = typeof x === "boolean" ? (x ? 1 : 0) : r.number(x, step(p, "value"), what);
    }
    if (f.has("string")) init.string = r.string(f.get("string"), step(p, "string"), what);
    out.set(name, init);
  }
  return out;
}

function readScalarMap(r: Reader, v: Json, path: string, what: string): Map<string, string | number | boolean> {
  const o = r.object(v, path, what);
  const out = new Map<string, string | number | boolean>();
  for (const [k, x] of Object.entries(o)) {
    if (isComment(k)) continue;
    if (typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean") r.fail(step(path, k), `${what} "${k}": string, number or boolean expected, got ${kindOf(x)}`);
    out.set(k, x);
  }
  return out;
}

const TOP_FIELDS = ["component", "type", "controls", "properties", "components", "namedControls", "design"] as const;

/**
 * Read and check a design file's text. `plugin`: the script is a plugin, whose controls come
 * from its GetControls (so `controls` only gives first values).
 */
export function parseDesign(text: string, file: string, plugin: boolean): DesignSpec {
  const r = new Reader(file);
  let json: Json;
  try {
    json = jsonToBytes(JSON.parse(text));
  } catch (e) {
    throw new DesignError(`${file}:${jsonErrorPlace(text, (e as Error).message)}invalid JSON: ${jsonErrorText((e as Error).message)}`);
  }
  const top = r.fields(r.object(json, "$", "the design"), "$", TOP_FIELDS, "the design");
  const d = emptyDesign(file);
  if (top.has("component")) {
    d.component = r.string(top.get("component"), "$.component", "component");
    if (d.component === "") r.fail("$.component", "a component name must not be empty");
  }
  if (top.has("type")) d.type = r.string(top.get("type"), "$.type", "type");
  if (top.has("controls")) {
    if (plugin) d.initial = readInitials(r, top.get("controls"), "$.controls");
    else d.controls = readControls(r, top.get("controls"), "$.controls");
  }
  if (top.has("properties")) d.properties = readScalarMap(r, top.get("properties"), "$.properties", "property");
  if (top.has("components")) d.components = readComponents(r, top.get("components"), d.component);
  if (top.has("namedControls")) d.namedControls = readNamedControls(r, top.get("namedControls"));
  if (top.has("design")) {
    const f = r.fields(r.object(top.get("design"), "$.design", "design"), "$.design", ["name", "code", "platform", "emulator"], "design");
    for (const k of ["name", "code", "platform"] as const) if (f.has(k)) d.design[k] = r.string(f.get(k), `$.design.${k}`, "design");
    if (f.has("emulator")) d.design.emulator = r.boolean(f.get("emulator"), "$.design.emulator", "design");
  }
  return d;
}

function readComponents(r: Reader, v: Json, own: string | undefined): ComponentSpec[] {
  const o = r.object(v, "$.components", "components");
  const out: ComponentSpec[] = [];
  for (const [name, decl] of Object.entries(o)) {
    if (isComment(name)) continue;
    const p = step("$.components", name);
    const what = `component "${name}"`;
    if (name === "") r.fail(p, "a component name must not be empty");
    if (name === own) r.fail(p, `${what} is this script's own component; declare its controls under "controls"`);
    const f = r.fields(r.object(decl, p, what), p, ["type", "properties", "controls"], what);
    const type = f.has("type") ? r.string(f.get("type"), step(p, "type"), what) : "";
    const properties = f.has("properties") ? readComponentProperties(r, f.get("properties"), step(p, "properties")) : [];
    const controls = f.has("controls") ? readControls(r, f.get("controls"), step(p, "controls")) : [];
    out.push({ name, type, properties, controls });
  }
  return out;
}

/**
 * A component's properties: `"max_gain": 20`, or with the name Designer shows,
 * `"max_gain": { "value": 20, "prettyName": "Max Gain (dB)" }` (QRC's PrettyName).
 */
function readComponentProperties(r: Reader, v: Json, path: string): ComponentSpec["properties"] {
  const o = r.object(v, path, "properties");
  const out: ComponentSpec["properties"] = [];
  for (const [k, x] of Object.entries(o)) {
    if (isComment(k)) continue;
    const at = step(path, k);
    const what = `property "${k}"`;
    let value = x;
    let pretty = k;
    if (typeof x === "object" && x !== null && !Array.isArray(x)) {
      const f = r.fields(x as Record<string, Json>, at, ["value", "prettyName"], what);
      if (!f.has("value")) r.fail(at, `${what}: "value" missing`);
      value = f.get("value");
      if (f.has("prettyName")) pretty = r.string(f.get("prettyName"), step(at, "prettyName"), what);
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      r.fail(at, `${what}: string, number or boolean expected, got ${kindOf(value)}`);
    out.push({ Name: k, Value: String(value), PrettyName: pretty });
  }
  return out;
}

function readNamedControls(r: Reader, v: Json): NamedControlSpec[] {
  const o = r.object(v, "$.namedControls", "namedControls");
  const out: NamedControlSpec[] = [];
  for (const [name, decl] of Object.entries(o)) {
    if (isComment(name)) continue;
    const p = step("$.namedControls", name);
    if (name === "") r.fail(p, "a named control's name must not be empty");
    if (typeof decl === "object" && decl !== null && !Array.isArray(decl) && ("component" in decl || "control" in decl)) {
      const what = `named control "${name}"`;
      const f = r.fields(decl as Record<string, Json>, p, ["component", "control"], what);
      if (!f.has("component") || !f.has("control")) r.fail(p, `${what}: an alias needs both "component" and "control"`);
      out.push({ name, alias: { component: r.string(f.get("component"), step(p, "component"), what), control: r.string(f.get("control"), step(p, "control"), what) } });
    } else out.push({ name, spec: readControl(r, name, decl, p, true) });
  }
  return out;
}

/** "3:15: " from a JSON.parse message that gives a position, else "". */
function jsonErrorPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return "";
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}: `;
}

function jsonErrorText(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/s, "").replace(/ \(line \d+ column \d+\)$/, "");
}
