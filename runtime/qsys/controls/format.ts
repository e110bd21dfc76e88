// A control's String as a function of its Value, and a String written to a control read
// back as a Value.
//
// Q-SYS documents no formats; the ones below follow what Cores are seen to report
// (qrc.md §4–6: "-12.0dB", "20.0dB", "-100dB"): a dB or percent value has one decimal below
// 100 and none from 100 up, and exactly 0 prints "0dB"; frequencies and times have three
// significant digits ("20.0Hz", "1.00kHz", "500ms", "1.50s"); plain floats two decimals;
// integers none; pan reads "C", "L50", "R25". These choices are pinned by the tests.
import { str2number } from "../../lua/number.ts";
import { toJsNumber } from "../../lua/value.ts";
import type { ControlUnit } from "./spec.ts";

/** Drop the sign of a rounded zero ("-0.0" -> "0.0"). */
function unsignZero(s: string): string {
  return /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

/** Three significant digits, as fixed-point text. */
function sig3(x: number): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(x)));
  return unsignZero(x.toFixed(Math.max(0, 2 - exp)));
}

/** One decimal below 100, none from 100 up, "0" for zero. */
function oneDecimal(x: number): string {
  if (x === 0) return "0";
  return unsignZero(x.toFixed(Math.abs(x) >= 100 ? 0 : 1));
}

export function formatValue(unit: ControlUnit, v: number): string {
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case "dB":
      return oneDecimal(v) + "dB";
    case "Percent":
      return oneDecimal(v) + "%";
    case "Hz":
      return Math.abs(v) >= 1000 ? sig3(v / 1000) + "kHz" : sig3(v) + "Hz";
    case "Seconds":
      if (v === 0) return "0s";
      return Math.abs(v) < 1 ? sig3(v * 1000) + "ms" : sig3(v) + "s";
    case "Integer":
      return unsignZero(String(Math.round(v)));
    case "Pan": {
      const pct = Math.round(Math.abs(v) * 100);
      if (pct === 0) return "C";
      return (v < 0 ? "L" : "R") + pct;
    }
    default:
      return unsignZero(v.toFixed(2));
  }
}

const SUFFIXES: Record<ControlUnit, Record<string, number>> = {
  dB: { db: 1 },
  Percent: { "%": 1 },
  Hz: { hz: 1, khz: 1000 },
  Seconds: { s: 1, sec: 1, ms: 0.001 },
  Float: {},
  Integer: {},
  Pan: {},
  Position: {},
};

const NUMBER_WITH_SUFFIX = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]+)$/;

/**
 * A String written to a knob or meter, read as a Value: a Lua numeral ("-10", "0x10"), or a
 * number with the control's own unit ("-10dB", "1.5kHz", "250ms", "L50"). Undefined when the
 * text means no value of this unit.
 */
export function parseValue(unit: ControlUnit, text: string): number | undefined {
  const plain = str2number(text);
  if (plain !== undefined) return toJsNumber(plain);
  const t = text.trim().toLowerCase();
  if (unit === "Pan") {
    if (t === "c" || t === "center" || t === "centre") return 0;
    const m = /^([lr])\s*(\d+(?:\.\d*)?)$/.exec(t);
    if (m) return (m[1] === "l" ? -1 : 1) * (Number(m[2]) / 100);
    return undefined;
  }
  const m = NUMBER_WITH_SUFFIX.exec(t);
  if (!m) return undefined;
  const scale = SUFFIXES[unit][m[2]];
  return scale === undefined ? undefined : Number(m[1]) * scale;
}

const TRUE_WORDS = new Set(["true", "on", "yes"]);
const FALSE_WORDS = new Set(["false", "off", "no"]);

/**
 * A String written to a boolean control: its own two words, true/false, on/off, yes/no, or a
 * number (above 0.5 is on). Undefined when the text is none of these.
 */
export function parseBoolean(words: [string, string], text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === words[1].toLowerCase()) return true;
  if (t === words[0].toLowerCase()) return false;
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  const n = str2number(text);
  return n === undefined ? undefined : toJsNumber(n) > 0.5;
}

/** A number written to a text control, as its String shows it (Lua's own %.14g style). */
export function numberText(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(14)));
}
