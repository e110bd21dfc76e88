// Named controls: Control.Get and Control.Set (qrc.md §4.1).
//
// Control.Get fails as a whole with 8 when any name is unknown (qrc.md §9.1 leaves this
// open; a partial array would shift the positions clients read by). Control.Set answers
// the control's state right after the set, as the emulator does (qrc.md §4.1); with a Ramp
// that is whatever the control model reports at the start of the ramp (qrc.md §9.1 open).
import type { Method } from "./methods.ts";
import * as P from "./params.ts";
import { applyChange, namedControl } from "./lookup.ts";
import { namedControlText } from "./shapes.ts";

export const controlMethods: Record<string, Method> = {
  "Control.Get": {
    run(s, params) {
      const controls = P.names(params, "params", false).map((name) => namedControl(s.design, name));
      return "[" + controls.map((c) => namedControlText(c.state())).join(",") + "]";
    },
  },
  "Control.Set": {
    run(s, params) {
      const p = P.object(params);
      const name = P.string(p, "Name");
      const control = namedControl(s.design, name);
      applyChange(control, P.change(p, name), name);
      return namedControlText(control.state());
    },
  },
};
