// Ramps: a Value written with a ramp time moves there in steps from the event loop, as a fader
// glides on a Core (qsys-api.md §4.2 RampTime; NamedControl.SetValue's ramp; QRC's Ramp).
//
// One ticker serves every ramp. A ramp moves linearly in Value from where the control was to
// the target; each step is a change of the control (change groups see intermediate values,
// and a ramp started from outside raises the control's EventHandler at each step). Writing
// the control again cancels its ramp. The ticker does not keep the process alive by itself.
import type { Control, Origin } from "./control.ts";

/** Time between steps: 20 per second, smooth enough for meters and change groups. */
export const RAMP_STEP_MS = 50;

interface Ramp {
  control: Control;
  from: number;
  to: number;
  start: number;
  ms: number;
  origin: Origin;
}

const active = new Map<Control, Ramp>();
let ticker: NodeJS.Timeout | undefined;

export function startRamp(control: Control, to: number, seconds: number, origin: Origin): void {
  active.set(control, { control, from: control.value, to, start: performance.now(), ms: seconds * 1000, origin });
  if (ticker === undefined) {
    ticker = setInterval(tick, RAMP_STEP_MS);
    ticker.unref();
  }
}

export function cancelRamp(control: Control): void {
  active.delete(control);
}

export function isRamping(control: Control): boolean {
  return active.has(control);
}

function tick(): void {
  const now = performance.now();
  for (const r of [...active.values()]) {
    const t = Math.min(1, (now - r.start) / r.ms);
    if (t >= 1) active.delete(r.control);
    r.control.rampStep(t >= 1 ? r.to : r.from + (r.to - r.from) * t, r.origin);
  }
  if (active.size === 0 && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}
