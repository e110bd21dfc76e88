// One control's state, kept consistent through its kind and range (qsys-api.md §4.2).
//
// A knob or meter holds a Value in [min, max]; its String is the Value in the unit's format and
// its Position the Value's place in the range (linear: a -100..20 dB fader at -40 dB is 0.5,
// as observed on an emulator, qrc.md §4.1). A button or LED holds 0 or 1. A text control holds
// its String; its Value is that text read as a number (else 0) and its Position 0. A status
// control holds a code 0..5 (OK, Compromised, Fault, Not present, Missing, Initializing) and a
// String that moves on its own (qsys-api.md §4.2 "aspects need not move together").
// Boolean is Position > 0.5 for every kind.
//
// Who changed it matters: a change from outside (a panel, QRC) raises the control's
// EventHandler in its own turn; the script's own writes never do (qsys-api.md §4.2). An
// outside write that changes nothing raises nothing, except on a trigger, which always fires.
// Every change bumps `version`, which is how change groups see that a control moved.
import { LuaUserdata } from "../../lua/meta.ts";
import { str2number } from "../../lua/number.ts";
import { toJsNumber, type LuaValue } from "../../lua/value.ts";
import { runHandler } from "../events.ts";
import { formatValue, numberText, parseBoolean, parseValue } from "./format.ts";
import { cancelRamp, startRamp } from "./ramp.ts";
import { isBooleanKind, isNumericKind, isTextKind, type ControlSpec } from "./spec.ts";

export type Origin = "script" | "outside";

const STATUS_MAX = 5;

export class Control extends LuaUserdata {
  /** The number behind Value (for text kinds: the text read as a number). */
  private num = 0;
  /** The text of text and status kinds. */
  private text = "";
  values: number[] | undefined = undefined;
  strings: string[] | undefined = undefined;
  positions: number[] | undefined = undefined;
  choices: string[];
  legend: string;
  color: string;
  cssClass: string;
  disabled: boolean;
  invisible: boolean;
  indeterminate: boolean;
  rampTime = 0;
  eventHandler: LuaValue = undefined;
  version = 0;

  constructor(
    readonly spec: ControlSpec,
    /** How outside clients name it: "Gain", or "SourceLed 2" for a member of an array. */
    readonly name: string,
    /** `.Index`: the place in its array (1 for a single control). */
    readonly index: number,
    metatable: LuaUserdata["metatable"],
  ) {
    super();
    this.metatable = metatable;
    this.choices = [...spec.choices];
    this.legend = spec.legend;
    this.color = spec.color;
    this.cssClass = spec.cssClass;
    this.disabled = spec.disabled;
    this.invisible = spec.invisible;
    this.indeterminate = spec.indeterminate;
    if (isTextKind(spec.kind) || spec.kind === "status") this.text = spec.string ?? "";
    if (isTextKind(spec.kind)) this.num = textNumber(this.text);
    else if (spec.value !== undefined) this.num = this.fit(spec.value);
    else if (spec.string !== undefined && isNumericKind(spec.kind)) this.num = this.fit(parseValue(spec.unit, spec.string) ?? spec.min);
    else this.num = this.fit(isNumericKind(spec.kind) ? spec.min : 0);
  }

  get value(): number {
    return this.num;
  }

  get string(): string {
    return isTextKind(this.spec.kind) || this.spec.kind === "status" ? this.text : stringAt(this.spec, this.num);
  }

  get position(): number {
    const { kind, min, max } = this.spec;
    if (isNumericKind(kind)) return max > min ? (this.num - min) / (max - min) : 0;
    if (isBooleanKind(kind)) return this.num;
    if (kind === "status") return this.num / STATUS_MAX;
    return 0;
  }

  get boolean(): boolean {
    return this.position > 0.5;
  }

  /** A value brought into the control's range and resolution. */
  private fit(v: number): number {
    const { kind, min, max, unit } = this.spec;
    if (Number.isNaN(v)) return this.num;
    if (isNumericKind(kind)) {
      const x = Math.min(max, Math.max(min, v));
      return unit === "Integer" ? Math.round(x) : x;
    }
    if (kind === "trigger") return 0;
    if (isBooleanKind(kind)) return v > 0.5 ? 1 : 0;
    if (kind === "status") return Math.min(STATUS_MAX, Math.max(0, Math.round(v)));
    return v;
  }

  /** Record a change; an outside one raises the EventHandler (in its own turn). */
  private changed(origin: Origin): void {
    this.version++;
    if (origin === "outside") this.raise();
  }

  private raise(): void {
    if (this.eventHandler !== undefined) runHandler(this.eventHandler, this);
  }

  /** Set the Value, now or (knobs and meters, seconds > 0) as a ramp from the event loop. */
  setValue(v: number, origin: Origin, rampSeconds = 0): void {
    cancelRamp(this);
    if (this.spec.kind === "trigger") {
      if (origin === "outside") this.raise();
      return;
    }
    if (isTextKind(this.spec.kind)) {
      this.assignText(numberText(v), origin);
      return;
    }
    const target = this.fit(v);
    if (rampSeconds > 0 && isNumericKind(this.spec.kind) && target !== this.num) {
      startRamp(this, target, rampSeconds, origin);
      return;
    }
    this.assign(target, origin);
  }

  /** One step of a ramp (ramp.ts): a change like any other, without cancelling the ramp. */
  rampStep(v: number, origin: Origin): void {
    this.assign(this.fit(v), origin);
  }

  private assign(v: number, origin: Origin): void {
    if (v === this.num) {
      if (origin === "outside" && this.spec.kind === "trigger") this.raise();
      return;
    }
    this.num = v;
    this.changed(origin);
  }

  private assignText(s: string, origin: Origin): void {
    if (s === this.text) return;
    this.text = s;
    if (isTextKind(this.spec.kind)) this.num = textNumber(s);
    this.changed(origin);
  }

  setPosition(p: number, origin: Origin, rampSeconds = 0): void {
    const { kind, min, max } = this.spec;
    const q = Math.min(1, Math.max(0, p));
    if (Number.isNaN(q) || isTextKind(kind)) return;
    if (isNumericKind(kind)) this.setValue(min + q * (max - min), origin, rampSeconds);
    else if (kind === "status") this.setValue(q * STATUS_MAX, origin);
    else this.setValue(q, origin);
  }

  setBoolean(b: boolean, origin: Origin): void {
    if (isTextKind(this.spec.kind)) this.assignText(this.spec.strings[b ? 1 : 0], origin);
    else this.setPosition(b ? 1 : 0, origin);
  }

  /**
   * Set the String. Knobs and buttons read it as a value of their unit; text that means no
   * value changes nothing and returns false (a script's write is then ignored, as a panel
   * ignores a bad entry; QRC reports it).
   */
  setString(s: string, origin: Origin): boolean {
    const { kind, unit } = this.spec;
    if (isNumericKind(kind)) {
      const v = parseValue(unit, s);
      if (v === undefined) return false;
      this.setValue(v, origin);
      return true;
    }
    if (isBooleanKind(kind)) {
      const b = parseBoolean(this.spec.strings, s);
      if (b === undefined) return false;
      this.setValue(b ? 1 : 0, origin);
      return true;
    }
    cancelRamp(this);
    this.assignText(s, origin);
    return true;
  }

  /**
   * `:Trigger()`: runs the control's EventHandler after the current turn ("calls the event
   * handler assigned to this control", community stubs; qsys-api.md §4.2). Its value does not
   * change: a toggle is not flipped.
   */
  trigger(): void {
    setImmediate(() => this.raise());
  }

  /** A metadata or multi-value aspect changed (Choices, Color, Values...). */
  touched(): void {
    this.version++;
  }
}

/** The String a knob, meter or button shows at Value v (its range ends: StringMin/StringMax); "" for text and status. */
export function stringAt(spec: ControlSpec, v: number): string {
  if (isNumericKind(spec.kind)) return formatValue(spec.unit, v);
  if (isBooleanKind(spec.kind)) return spec.strings[v > 0.5 ? 1 : 0];
  return "";
}

function textNumber(s: string): number {
  const n = str2number(s);
  return n === undefined ? 0 : toJsNumber(n);
}
