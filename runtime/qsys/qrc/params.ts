// Reading request params: each helper returns the typed value or throws -32602 naming what
// was wrong, so handlers read top to bottom without type checks of their own.
import type { QrcChange } from "./design.ts";
import { invalidParams } from "./jsonrpc.ts";

export type Params = Record<string, unknown>;

export function object(p: unknown, what = "params"): Params {
  if (typeof p !== "object" || p === null || Array.isArray(p)) throw invalidParams(`${what} must be an object`);
  return p as Params;
}

export function string(o: Params, key: string, what = key): string {
  const v = o[key];
  if (typeof v !== "string") throw invalidParams(`${what} must be a string`);
  return v;
}

export function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw invalidParams(`${what} must be an array`);
  return v;
}

/** An array of control names: plain strings, or {Name} objects where `objects` allows it. */
export function names(v: unknown, what: string, objects: boolean): string[] {
  return array(v, what).map((e) => {
    if (typeof e === "string") return e;
    if (objects && typeof e === "object" && e !== null && typeof (e as Params).Name === "string")
      return (e as Params).Name as string;
    throw invalidParams(`${what} must hold control names${objects ? " or {Name} objects" : ""}`);
  });
}

/** A change group Id: a string or a number (clients use both; "1" and 1 name the same group). */
export function groupId(o: Params): { key: string; text: string } {
  const v = o.Id;
  if (typeof v === "string") return { key: v, text: JSON.stringify(v) };
  if (typeof v === "number" && Number.isFinite(v)) return { key: String(v), text: JSON.stringify(v) };
  throw invalidParams("Id must be a string or a number");
}

/**
 * The change in a Control.Set params object or a Component.Set control entry: Value
 * (number, string or boolean, qrc.md §4.1), else Position (number), else String (string);
 * Ramp in seconds when present.
 */
export function change(o: Params, what: string): QrcChange {
  const c: QrcChange = {};
  if (o.Value !== undefined) {
    const v = o.Value;
    if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean")
      throw invalidParams(`${what}: Value must be a number, a string or a boolean`);
    c.Value = v;
  } else if (o.Position !== undefined) {
    if (typeof o.Position !== "number") throw invalidParams(`${what}: Position must be a number`);
    c.Position = o.Position;
  } else if (o.String !== undefined) {
    if (typeof o.String !== "string") throw invalidParams(`${what}: String must be a string`);
    c.String = o.String;
  } else throw invalidParams(`${what}: Value or Position missing`);
  if (o.Ramp !== undefined) {
    if (typeof o.Ramp !== "number" || !(o.Ramp >= 0)) throw invalidParams(`${what}: Ramp must be a number of seconds`);
    c.Ramp = o.Ramp;
  }
  return c;
}
