// ChangeGroup.* (qrc.md §4.3). Every acknowledgement is `true` (qrc.md §7).
//
// Choices where qrc.md §9.1 leaves the behaviour open:
// - AddControl / AddComponentControl check every name first: one unknown name fails the
//   request with 7/8 and the group is neither created nor changed.
// - Remove ignores names that are not in the group (the request's aim is met).
// - AutoPoll on an Id that does not exist yet creates the group (like the Add methods), so
//   a client that starts polling before adding controls works; Poll, Remove, Clear,
//   Invalidate and Destroy on an unknown Id fail with 6.
// - AutoPoll again on the same group replaces its rate. A push waits for the next tick,
//   without losing its changes, while the client is not reading (see Outbox.ready).
import type { Method } from "./methods.ts";
import type { Session } from "./session.ts";
import * as P from "./params.ts";
import { invalidParams, notificationFrame } from "./jsonrpc.ts";
import { component, componentControl, namedControl } from "./lookup.ts";

function ack(run: (s: Session, p: P.Params) => void): Method {
  return {
    run(s, params) {
      run(s, P.object(params));
      return "true";
    },
  };
}

export const changeGroupMethods: Record<string, Method> = {
  "ChangeGroup.AddControl": ack((s, p) => {
    const id = P.groupId(p);
    const controls = P.names(p.Controls, "Controls", true).map((name) => ({ name, control: namedControl(s.design, name) }));
    const group = s.groups.getOrCreate(id);
    for (const c of controls) group.addNamed(c.name, c.control);
  }),
  "ChangeGroup.AddComponentControl": ack((s, p) => {
    const id = P.groupId(p);
    const spec = P.object(p.Component, "Component");
    const comp = component(s.design, P.string(spec, "Name", "Component.Name"));
    const controls = P.names(spec.Controls, "Component.Controls", true).map((name) => ({
      name,
      control: componentControl(comp, name),
    }));
    const group = s.groups.getOrCreate(id);
    for (const c of controls) group.addComponentControl(comp.Name, c.name, c.control);
  }),
  "ChangeGroup.Remove": ack((s, p) => {
    const group = s.groups.get(P.groupId(p));
    for (const name of P.names(p.Controls, "Controls", true)) group.removeNamed(name);
  }),
  "ChangeGroup.Poll": {
    run(s, params) {
      const id = P.groupId(P.object(params));
      return `{"Id":${id.text},"Changes":${s.groups.get(id).poll()}}`;
    },
  },
  "ChangeGroup.Destroy": ack((s, p) => s.groups.destroy(P.groupId(p))),
  "ChangeGroup.Invalidate": ack((s, p) => s.groups.get(P.groupId(p)).invalidate()),
  "ChangeGroup.Clear": ack((s, p) => s.groups.get(P.groupId(p)).clear()),
  "ChangeGroup.AutoPoll": ack((s, p) => {
    const id = P.groupId(p);
    const rate = p.Rate;
    if (typeof rate !== "number" || !(rate > 0) || rate === Infinity)
      throw invalidParams("Rate must be a positive number of seconds");
    const group = s.groups.getOrCreate(id);
    group.autoPoll(rate, () => {
      if (!s.outbox.ready()) return;
      let changes: string;
      try {
        changes = group.poll();
      } catch {
        return; // a control model fault: nothing to push this time
      }
      s.outbox.send(notificationFrame("ChangeGroup.Poll", `{"Id":${id.text},"Changes":${changes}}`));
    });
  }),
};
