// `qsys2ts design script.lua`: a first design file drafted from what the script does with its
// controls (scan.ts). Each control's type is a guess, written with the evidence beside it
// ("//" keys are comments in design files), for a person to check:
//
//   :Trigger()                   -> trigger        .Choices          -> combo
//   .Boolean, or Value only 0/1  -> toggle (led when the name says LED)
//   a name with "status"         -> status         .Value / .Position -> knob (unit from the name)
//   .String only                 -> text           only an EventHandler -> trigger
//
// Arrays get the largest literal index seen as their count (else 2, to be corrected).
// A plugin declares its own controls, so its draft lists only its property defaults.
import { bytesToUtf8 } from "../../runtime/qsys/controls/text.ts";
import type { Hint, Scan, Usage } from "./scan.ts";

type Decl = Record<string, unknown>;

const HINT_TEXT: Record<Hint, string> = {
  value: ".Value",
  string: ".String",
  boolean: ".Boolean",
  position: ".Position",
  choices: ".Choices",
  trigger: ":Trigger()",
  handler: ".EventHandler",
  ramp: ".RampTime",
  metadata: "metadata",
};

function evidence(u: Usage): string {
  const parts = [...u.hints].map(([h, lines]) => `${HINT_TEXT[h]} (line${lines.length > 1 ? "s" : ""} ${lines.slice(0, 4).join(", ")}${lines.length > 4 ? ", ..." : ""})`);
  if (u.numbers.length) parts.push(`numbers ${[...new Set(u.numbers)].slice(0, 6).join(", ")}`);
  return parts.length ? "guessed from " + parts.join(", ") : "only referenced: pick its type";
}

/** Knob unit and range from the control's name and the numbers the script uses with it. */
function knob(u: Usage): Decl {
  const n = u.name;
  const nums = u.numbers;
  let unit: string;
  let range: [number, number];
  if (/gain|level|trim|db/i.test(n)) [unit, range] = ["dB", [-100, 20]];
  else if (/vol/i.test(n)) [unit, range] = ["Percent", [0, 100]];
  else if (/freq|hz/i.test(n)) [unit, range] = ["Hz", [20, 20000]];
  else if (/time|delay|sec/i.test(n)) [unit, range] = ["Seconds", [0, 60]];
  else if (/pan/i.test(n)) [unit, range] = ["Pan", [-1, 1]];
  else if (nums.length && nums.every(Number.isInteger) && Math.max(...nums.map(Math.abs)) > 1) [unit, range] = ["Integer", [0, 100]];
  else [unit, range] = ["Float", [0, 1]];
  const min = Math.min(range[0], ...nums);
  const max = Math.max(range[1], ...nums);
  return { type: "knob", unit, min, max };
}

function guess(u: Usage): Decl {
  const h = u.hints;
  const zeroOne = u.numbers.length > 0 && u.numbers.every((x) => x === 0 || x === 1);
  let d: Decl;
  if (h.has("trigger")) d = { type: "trigger" };
  else if (h.has("choices")) d = { type: "combo" };
  else if (/status/i.test(u.name) && !h.has("boolean")) d = { type: "status" };
  else if (h.has("boolean") || (zeroOne && !h.has("position"))) {
    d = /led/i.test(u.name) ? { type: "led" } : { type: "toggle" };
    if (d.type === "led" && h.has("handler")) d.readOnly = false;
  } else if (h.has("value") || h.has("position") || h.has("ramp")) d = knob(u);
  else if (h.has("string")) d = { type: "text" };
  else if (h.has("handler")) d = { type: "trigger" };
  else d = { type: "text" };
  if (u.array) {
    if (u.name === "Inputs" || u.name === "Outputs") {
      d.count = Math.max(1, u.maxIndex);
      d.array = true;
    } else d.count = Math.max(2, u.maxIndex);
  }
  d["//"] = evidence(u) + (u.array && u.maxIndex === 0 ? "; set the count" : "");
  return d;
}

function controls(map: Map<string, Usage>): Record<string, Decl> {
  const out: Record<string, Decl> = {};
  for (const [name, u] of map) out[bytesToUtf8(name)] = guess(u);
  return out;
}

/** One control per line: `"Gain": { "type": "knob", ... }`. */
function inline(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(inline).join(", ") + "]";
  if (v !== null && typeof v === "object") {
    const e = Object.entries(v).filter(([, x]) => x !== undefined);
    return e.length ? "{ " + e.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(", ") + " }" : "{}";
  }
  return JSON.stringify(v);
}

function block(entries: Record<string, unknown>, indent: string, leaf: (v: unknown) => string): string {
  const keys = Object.keys(entries);
  if (keys.length === 0) return "{}";
  return "{\n" + keys.map((k) => `${indent}  ${JSON.stringify(k)}: ${leaf(entries[k])}`).join(",\n") + `\n${indent}}`;
}

/** The draft's text (JSON with "//" comments), ending in a newline. */
export function draftDesign(scan: Scan, script: string): string {
  const parts: string[] = [];
  if (scan.plugin) {
    parts.push(`  "//": ${JSON.stringify(`Drafted by qsys2ts from ${script}, a plugin: its controls come from GetControls. Set property values here (defaults shown).`)}`);
    const props: Record<string, unknown> = {};
    for (const [k, v] of scan.properties) props[bytesToUtf8(k)] = typeof v === "string" ? bytesToUtf8(v) : v;
    parts.push(`  "properties": ${block(props, "  ", (v) => JSON.stringify(v))}`);
  } else {
    parts.push(`  "//": ${JSON.stringify(`Drafted by qsys2ts from ${script}: check each control's type, range and count.`)}`);
    parts.push(`  "controls": ${block(controls(scan.controls), "  ", inline)}`);
  }
  if (scan.components.size) {
    const comps: Record<string, unknown> = {};
    for (const [name, map] of scan.components) comps[bytesToUtf8(name)] = controls(map);
    parts.push(`  "components": ${block(comps, "  ", (c) => `{ "controls": ${block(c as Record<string, unknown>, "    ", inline)} }`)}`);
  }
  if (scan.named.size) parts.push(`  "namedControls": ${block(controls(scan.named), "  ", (d) => inline({ ...(d as Decl), count: undefined, array: undefined }))}`);
  return "{\n" + parts.join(",\n") + "\n}\n";
}
