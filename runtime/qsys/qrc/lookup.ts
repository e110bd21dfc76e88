// Finding controls and components by name, and applying a change, with QRC's errors:
// 7 for an unknown component, 8 for an unknown control, -32602 for a value the control
// refuses. Messages are our choice (qrc.md §9.1: a Core's texts for 5–9 are unknown);
// 7 reads as qrc.md §6 writes it, 8 names the control so a person can see the typo.
import type { QrcChange, QrcComponent, QrcControl, QrcDesign } from "./design.ts";
import { ErrorCode, invalidParams, QrcError } from "./jsonrpc.ts";

export function namedControl(design: QrcDesign, name: string): QrcControl {
  const c = design.namedControl(name);
  if (c === undefined) throw new QrcError(ErrorCode.UnknownControl, `Unknown control '${name}'`);
  return c;
}

export function component(design: QrcDesign, name: string): QrcComponent {
  const c = design.component(name);
  if (c === undefined) throw new QrcError(ErrorCode.UnknownComponent, "Unknown component name");
  return c;
}

export function componentControl(comp: QrcComponent, name: string): QrcControl {
  const c = comp.control(name);
  if (c === undefined) throw new QrcError(ErrorCode.UnknownControl, `Unknown control '${name}' in component '${comp.Name}'`);
  return c;
}

/** Set a control as a panel does; the control model's refusal becomes -32602 with its reason. */
export function applyChange(control: QrcControl, change: QrcChange, label: string): void {
  try {
    control.set(change);
  } catch (e) {
    if (e instanceof QrcError) throw e;
    throw invalidParams(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
