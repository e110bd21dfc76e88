// Named components: Component.Get, Component.Set, Component.GetComponents,
// Component.GetControls (qrc.md §4.2).
//
// Every name in a request is checked before anything is read or set, so an unknown
// component (7) or control (8), or a malformed entry (-32602), changes nothing. A value the
// control model refuses while Component.Set works through its list stops there with -32602
// naming the control; the controls before it keep their new values (the contract has no
// way to validate a value without setting it).
import type { Method } from "./methods.ts";
import * as P from "./params.ts";
import { applyChange, component, componentControl } from "./lookup.ts";
import { componentGetText, controlInfoText, q, responseValueText } from "./shapes.ts";

export const componentMethods: Record<string, Method> = {
  "Component.Get": {
    run(s, params) {
      const p = P.object(params);
      const comp = component(s.design, P.string(p, "Name"));
      const controls = P.names(p.Controls, "Controls", true).map((name) => componentControl(comp, name));
      return `{"Name":${q(comp.Name)},"Controls":[${controls.map((c) => componentGetText(c.state())).join(",")}]}`;
    },
  },
  "Component.Set": {
    run(s, params) {
      const p = P.object(params);
      const comp = component(s.design, P.string(p, "Name"));
      const changes = P.array(p.Controls, "Controls").map((entry, i) => {
        const e = P.object(entry, `Controls[${i + 1}]`);
        const name = P.string(e, "Name", `Controls[${i + 1}].Name`);
        return { name, control: componentControl(comp, name), change: P.change(e, name) };
      });
      for (const c of changes) applyChange(c.control, c.change, `${comp.Name}.${c.name}`);
      if (p.ResponseValues !== true) return "true";
      return "[" + changes.map((c) => responseValueText(c.control.state(), comp.Name)).join(",") + "]";
    },
  },
  /** Params ignored (QSC's example sends "test"). ControlSource 2 as qrc.md §6 shows it. */
  "Component.GetComponents": {
    run(s) {
      const list = s.design.components().map(
        (c) =>
          `{"ID":${q(c.Name)},"Name":${q(c.Name)},"Type":${q(c.Type)},"Properties":[` +
          c.Properties.map((p) => `{"Name":${q(p.Name)},"Value":${q(p.Value)},"PrettyName":${q(p.PrettyName)}}`).join(",") +
          `],"Controls":null,"ControlSource":2}`,
      );
      return "[" + list.join(",") + "]";
    },
  },
  "Component.GetControls": {
    run(s, params) {
      const comp = component(s.design, P.string(P.object(params), "Name"));
      return `{"Name":${q(comp.Name)},"Controls":[${comp.controls().map((c) => controlInfoText(c.state())).join(",")}]}`;
    },
  },
};
