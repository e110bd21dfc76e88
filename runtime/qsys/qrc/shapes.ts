// The JSON text of a control (and of the engine status) in each place QRC reports one
// (qrc.md §5 says which fields each method carries). Key order and numbers follow what
// Cores were observed to send (qrc.md §5, S11 trace of a Core 110f):
//   poll change      {"Component":…,"Name":…,"String":…,"Value":1.0,"Position":1.0}
//   Component.Get    {"Name","String","Value","Position","Choices","Color","Indeterminate",
//                     "Invisible","Disabled","Legend","CssClass"}   (newer firmware)
// Where no trace shows the order (Control.Get, Control.Set) the same serialiser is used —
// Name, String, Value, Position — our choice: a Core most likely has one writer for a
// control's value triple. Component.GetControls keeps QSC's documented order (qrc.md §4.2).
import { coreNumber as n } from "./core-number.ts";
import type { QrcControlState, QrcDesign } from "./design.ts";

/** A JSON string; a control model that hands over no string (a bug) still yields valid JSON. */
export function q(s: string): string {
  return typeof s === "string" ? JSON.stringify(s) : JSON.stringify(s == null ? "" : String(s));
}

function valueTriple(s: QrcControlState): string {
  return `"String":${q(s.String)},"Value":${n(s.Value)},"Position":${n(s.Position)}`;
}

/** Control.Get entries and the Control.Set result: no extras (qrc.md §9.1: unverified; S1 and S6 show none). */
export function namedControlText(s: QrcControlState): string {
  return `{"Name":${q(s.Name)},${valueTriple(s)}}`;
}

/** A ChangeGroup.Poll change; component controls carry "Component" first, named ones none. */
export function changeText(s: QrcControlState, component: string | undefined): string {
  return component === undefined
    ? `{"Name":${q(s.Name)},${valueTriple(s)}}`
    : `{"Component":${q(component)},"Name":${q(s.Name)},${valueTriple(s)}}`;
}

/** Component.Get: the value triple and the metadata newer firmware sends for every control. */
export function componentGetText(s: QrcControlState): string {
  return (
    `{"Name":${q(s.Name)},${valueTriple(s)},"Choices":${JSON.stringify(s.Choices ?? [])},"Color":${q(s.Color ?? "")}` +
    `,"Indeterminate":${s.Indeterminate === true},"Invisible":${s.Invisible === true}` +
    `,"Disabled":${s.Disabled === true},"Legend":${q(s.Legend ?? "")},"CssClass":${q(s.CssClass ?? "")}}`
  );
}

/** Component.GetControls: QSC's documented fields in its example's order, Choices when the control has them. */
export function controlInfoText(s: QrcControlState): string {
  return (
    `{"Name":${q(s.Name)},"Type":${q(s.Type)},"Value":${n(s.Value)},"ValueMin":${n(s.ValueMin)}` +
    `,"ValueMax":${n(s.ValueMax)},"StringMin":${q(s.StringMin)},"StringMax":${q(s.StringMax)}` +
    `,"String":${q(s.String)},"Position":${n(s.Position)},"Direction":${q(s.Direction)}` +
    (s.Choices !== undefined ? `,"Choices":${JSON.stringify(s.Choices)}` : "") +
    "}"
  );
}

/** Component.Set with ResponseValues (qrc.md §4.2: Component, Name, String, Value, Position). */
export function responseValueText(s: QrcControlState, component: string): string {
  return `{"Component":${q(component)},"Name":${q(s.Name)},${valueTriple(s)}}`;
}

/**
 * EngineStatus params and the StatusGet result, in a Core's order (qrc.md §3, S11). The
 * design's status has no inventory; Status is {"Code":0,"String":"OK"} as on the emulator.
 */
export function statusText(design: QrcDesign): string {
  const s = design.status();
  return (
    `{"Platform":${q(s.Platform)},"State":${q(s.State)},"DesignName":${q(s.DesignName)}` +
    `,"DesignCode":${q(s.DesignCode)},"IsRedundant":${s.IsRedundant === true},"IsEmulator":${s.IsEmulator === true}` +
    `,"Status":{"Code":0,"String":"OK"}}`
  );
}
