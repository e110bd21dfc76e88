// A plugin's design time, as Q-SYS Designer runs it (qsys-api.md §0): GetProperties gives the
// properties and their defaults, the design file's values replace the defaults,
// RectifyProperties may adjust them, GetControls(props) declares the controls, and
// GetControlLayout(props) gives them legends, colours and styles (a Text control laid out as
// a ComboBox is a combo box). What run time gets: the controls, and the global `Properties`
// (name -> {Value = ...}, booleans as true/false).
//
// GetPins, GetComponents, GetWiring, GetPages, GetColor and GetPrettyName describe the
// plugin's box in Designer's schematic; a service has no schematic, so they are not run.
// A failure in GetProperties, RectifyProperties or GetControls stops the service with the
// Lua error; a failing GetControlLayout is only a warning (layout is cosmetic).
import { call, first } from "../../lua/call.ts";
import { tostring } from "../../lua/concat.ts";
import { toLuaError } from "../../lua/errors.ts";
import { LuaTable } from "../../lua/table.ts";
import { LuaFloat, mkfloat, toJsNumber, type LuaValue } from "../../lua/value.ts";
import { DesignError } from "./design-file.ts";
import type { ComponentProperty } from "./live-design.ts";
import { makeSpec, unitNamed, type ControlKind, type ControlSpec } from "./spec.ts";

export interface PluginDesign {
  name: string;
  id: string;
  /** The global `Properties` of run time. */
  properties: LuaTable;
  /** The same values as text, in GetProperties' order: the component's Properties (Component.GetComponents, QRC). */
  propertyList: ComponentProperty[];
  controls: ControlSpec[];
  /** Legends and colours the layout gives single controls and array members, by outside name. */
  layout: Map<string, { legend?: string; color?: string }>;
  warnings: string[];
}

type Scalar = string | number | boolean;

/** Read a plugin global the chunk defined (its design-time functions and PluginInfo). */
export type ChunkGlobal = (name: string) => LuaValue;

class PluginFailure extends DesignError {}

function callDesignFunction(file: string, fname: string, f: LuaValue, ...args: LuaValue[]): LuaValue {
  try {
    return first(call(f, ...args));
  } catch (e) {
    const err = toLuaError(e);
    const msg = typeof err.value === "string" ? err.value : tostring(err.value);
    throw new PluginFailure(`${file}: ${fname} failed: ${msg}${err.luaTraceback ? "\n" + err.luaTraceback : ""}`);
  }
}

function str(t: LuaTable, k: string): string | undefined {
  const v = t.get(k);
  return typeof v === "string" ? v : undefined;
}

function num(t: LuaTable, k: string): number | undefined {
  const v = t.get(k);
  return typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat ? toJsNumber(v) : undefined;
}

function quoted(name: string): string {
  return /^[A-Za-z_]\w*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** A property value from the design file, converted to the property's Type. */
function propertyValue(file: string, name: string, decl: LuaTable, v: Scalar): LuaValue {
  const where = `${file}: $.properties${quoted(name)}`;
  const type = (str(decl, "Type") ?? "string").toLowerCase();
  const bad = (what: string) => new DesignError(`${where}: property "${name}" is ${what}, got ${JSON.stringify(v)}`);
  switch (type) {
    case "integer":
    case "double": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      const min = num(decl, "Min");
      const max = num(decl, "Max");
      const what = (type === "integer" ? "an integer" : "a number") + (min !== undefined || max !== undefined ? ` from ${min ?? "-inf"} to ${max ?? "inf"}` : "");
      if (typeof n !== "number" || !Number.isFinite(n) || (type === "integer" && !Number.isInteger(n))) throw bad(what);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) throw bad(what);
      return type === "integer" ? n : mkfloat(n);
    }
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      throw bad("a boolean");
    case "enum": {
      const choices = decl.get("Choices");
      const list: string[] = [];
      if (choices instanceof LuaTable) for (let i = 1; i <= choices.length(); i++) list.push(String(choices.get(i)));
      if (typeof v !== "string" || !list.includes(v)) throw bad(`one of ${list.map((c) => JSON.stringify(c)).join(", ")}`);
      return v;
    }
    default:
      if (typeof v === "boolean") throw bad("a string");
      return String(v);
  }
}

/**
 * GetProperties' list -> the `props` table design-time functions receive (keyed by Name);
 * `declared` gets the names in GetProperties' order.
 */
function designProperties(file: string, plugin: string, chunkGlobal: ChunkGlobal, values: Map<string, Scalar>, declared: LuaValue[]): LuaTable {
  const props = new LuaTable();
  const get = chunkGlobal("GetProperties");
  const list = get === undefined ? new LuaTable() : callDesignFunction(plugin, "GetProperties", get);
  if (!(list instanceof LuaTable)) throw new PluginFailure(`${plugin}: GetProperties must return a table of properties, got ${tostring(list)}`);
  for (let i = 1; i <= list.length(); i++) {
    const decl = list.get(i);
    if (!(decl instanceof LuaTable) || typeof decl.get("Name") !== "string")
      throw new PluginFailure(`${plugin}: GetProperties: property #${i} must be a table with a Name`);
    const p = new LuaTable();
    for (let e = decl.next(undefined); e; e = decl.next(e[0])) p.set(e[0], e[1]);
    props.set(decl.get("Name"), p);
    declared.push(decl.get("Name"));
  }
  for (const [name, v] of values) {
    const p = props.get(name);
    if (!(p instanceof LuaTable)) {
      const known = [...keys(props)].join(", ") || "none";
      throw new DesignError(`${file}: $.properties${quoted(name)}: the plugin has no property "${name}" (its properties: ${known})`);
    }
    p.set("Value", propertyValue(file, name, p, v));
  }
  // Designer adds page_index when the plugin has pages; layouts index their page names with it.
  if (chunkGlobal("GetPages") !== undefined && props.get("page_index") === undefined) {
    const p = new LuaTable();
    p.set("Name", "page_index");
    p.set("Value", 1);
    props.set("page_index", p);
  }
  return props;
}

function* keys(t: LuaTable): Generator<LuaValue> {
  for (let e = t.next(undefined); e; e = t.next(e[0])) yield e[0];
}

const BUTTON_TYPES: Record<string, ControlKind> = { toggle: "toggle", momentary: "momentary", trigger: "trigger", statetrigger: "trigger" };
const INDICATOR_TYPES: Record<string, ControlKind> = { led: "led", meter: "meter", text: "display", status: "status" };

/** One entry of GetControls' list -> a control spec. */
function controlSpec(plugin: string, i: number, decl: LuaValue): ControlSpec {
  const at = `${plugin}: GetControls: control #${i}`;
  if (!(decl instanceof LuaTable)) throw new PluginFailure(`${at} must be a table, got ${tostring(decl)}`);
  const name = decl.get("Name");
  if (typeof name !== "string" || name === "") throw new PluginFailure(`${at} has no Name`);
  const what = `${plugin}: GetControls: control "${name}"`;
  const ctype = (str(decl, "ControlType") ?? "").toLowerCase();
  let kind: ControlKind;
  if (ctype === "button") {
    // Q-SYS documents no default ButtonType; a plain button is taken to be momentary.
    const bt = (str(decl, "ButtonType") ?? "Momentary").toLowerCase();
    kind = BUTTON_TYPES[bt] ?? fail(`${what}: unknown ButtonType "${str(decl, "ButtonType")}" (expected Toggle, Momentary, Trigger, StateTrigger)`);
  } else if (ctype === "knob") kind = "knob";
  else if (ctype === "indicator") {
    const it = (str(decl, "IndicatorType") ?? "Led").toLowerCase();
    kind = INDICATOR_TYPES[it] ?? fail(`${what}: unknown IndicatorType "${str(decl, "IndicatorType")}" (expected Led, Meter, Text, Status)`);
  } else if (ctype === "text") kind = "text";
  else fail(`${what}: unknown ControlType ${JSON.stringify(decl.get("ControlType") ?? null)} (expected Button, Knob, Indicator, Text)`);
  const fields: Partial<ControlSpec> = {};
  const unitText = str(decl, "ControlUnit");
  if (unitText !== undefined && (kind === "knob" || kind === "meter"))
    fields.unit = unitNamed(unitText) ?? fail(`${what}: unknown ControlUnit "${unitText}" (expected dB, Hz, Float, Integer, Pan, Percent, Position, Seconds)`);
  if (kind === "knob" || kind === "meter") {
    fields.min = num(decl, "Min");
    fields.max = num(decl, "Max");
  }
  const count = decl.get("Count");
  if (count !== undefined) {
    const c = num(decl, "Count");
    if (c === undefined || !Number.isInteger(c) || c < 1) fail(`${what}: Count must be a positive integer, got ${tostring(count)}`);
    fields.count = c;
  }
  const spec = makeSpec(name, kind, fields);
  if ((kind === "knob" || kind === "meter") && !(spec.min < spec.max)) fail(`${what}: Min (${spec.min}) must be below Max (${spec.max})`);
  const def = decl.get("DefaultValue");
  const dn = num(decl, "DefaultValue");
  if (dn !== undefined) spec.value = dn;
  else if (typeof def === "string") spec.string = def;
  else if (typeof def === "boolean") spec.value = def ? 1 : 0;
  return spec;
}

function fail(msg: string): never {
  throw new PluginFailure(msg);
}

/** `{r, g, b}` (0..255) as layouts give colours -> "#RRGGBB"; strings stay as they are. */
function colorText(v: LuaValue): string | undefined {
  if (typeof v === "string") return v;
  if (!(v instanceof LuaTable)) return undefined;
  const parts: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const x = v.get(i);
    if (!(typeof x === "number" || x instanceof LuaFloat)) return undefined;
    parts.push(toJsNumber(x));
  }
  return "#" + parts.map((p) => Math.max(0, Math.min(255, Math.round(p))).toString(16).padStart(2, "0").toUpperCase()).join("");
}

/** Apply GetControlLayout's styles, legends and colours. */
function applyLayout(plugin: string, chunkGlobal: ChunkGlobal, props: LuaTable, controls: ControlSpec[], d: PluginDesign): void {
  const f = chunkGlobal("GetControlLayout");
  if (f === undefined) return;
  let layout: LuaValue;
  try {
    layout = callDesignFunction(plugin, "GetControlLayout", f, props);
  } catch (e) {
    d.warnings.push(`${(e as Error).message.split("\n")[0]} (layout ignored)`);
    return;
  }
  if (!(layout instanceof LuaTable)) return;
  for (const spec of controls) {
    const names = spec.count > 1 ? Array.from({ length: spec.count }, (_, i) => `${spec.name} ${i + 1}`) : [spec.name];
    for (const flat of names) {
      const entry = layout.get(flat) ?? layout.get(spec.name);
      if (!(entry instanceof LuaTable)) continue;
      const style = str(entry, "Style")?.toLowerCase();
      if (spec.kind === "text" && (style === "combobox" || style === "listbox")) spec.kind = "combo";
      const legend = str(entry, "Legend");
      const color = colorText(entry.get("Color"));
      if (legend !== undefined || color !== undefined) d.layout.set(flat, { legend, color });
    }
  }
}

/**
 * Run a plugin's design time (after its chunk ran once with Controls nil, defining the
 * functions). `values`: property values from the design file (`file` names it in errors).
 */
export function runPluginDesign(plugin: string, chunkGlobal: ChunkGlobal, values: Map<string, Scalar>, file: string): PluginDesign {
  const info = chunkGlobal("PluginInfo");
  const d: PluginDesign = {
    name: info instanceof LuaTable ? (str(info, "Name") ?? plugin) : plugin,
    id: info instanceof LuaTable ? (str(info, "Id") ?? "") : "",
    properties: new LuaTable(),
    propertyList: [],
    controls: [],
    layout: new Map(),
    warnings: [],
  };
  const declared: LuaValue[] = [];
  let props = designProperties(file, plugin, chunkGlobal, values, declared);
  const rectify = chunkGlobal("RectifyProperties");
  if (rectify !== undefined) {
    const r = callDesignFunction(plugin, "RectifyProperties", rectify, props);
    if (r instanceof LuaTable) props = r;
  }
  const get = chunkGlobal("GetControls");
  if (get === undefined) throw new PluginFailure(`${plugin}: a plugin must define GetControls(props)`);
  const list = callDesignFunction(plugin, "GetControls", get, props);
  if (!(list instanceof LuaTable)) throw new PluginFailure(`${plugin}: GetControls must return a table of controls, got ${tostring(list)}`);
  const seen = new Set<string>();
  for (let i = 1; i <= list.length(); i++) {
    const spec = controlSpec(plugin, i, list.get(i));
    if (seen.has(spec.name)) fail(`${plugin}: GetControls: two controls are named "${spec.name}"`);
    seen.add(spec.name);
    d.controls.push(spec);
  }
  applyLayout(plugin, chunkGlobal, props, d.controls, d);
  for (const name of keys(props)) {
    const p = props.get(name);
    if (!(p instanceof LuaTable) || name === "page_index") continue;
    const rt = new LuaTable();
    rt.set("Value", p.get("Value"));
    d.properties.set(name, rt);
  }
  for (const name of new Set(declared)) {
    const p = props.get(name);
    if (!(p instanceof LuaTable) || typeof name !== "string") continue;
    d.propertyList.push({ Name: name, Value: tostring(p.get("Value")), PrettyName: str(p, "PrettyName") ?? name });
  }
  return d;
}
