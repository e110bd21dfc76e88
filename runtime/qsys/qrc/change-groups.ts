// Change groups (qrc.md §4.3): per connection, they die with it. A group remembers, per
// control, the version it last reported; a poll reports the controls whose version moved
// since, in the order they were added. Adding a control (again) or Invalidate makes the
// next poll report it whatever its version. AutoPoll runs a timer per group.
//
// Limits: "four" change groups per connection on QSC's newest page and in its ECP training,
// 512 Core-wide (qrc.md §4.3, §9.1). Both are enforced (defaults 4 and 512, configurable);
// past either, creating a group fails with 5 "Change Groups exhausted".
import type { QrcControl } from "./design.ts";
import { ErrorCode, QrcError } from "./jsonrpc.ts";
import { changeText } from "./shapes.ts";

export const DEFAULT_GROUPS_PER_CONNECTION = 4;
export const DEFAULT_GROUPS_PER_SERVER = 512;
/** Fastest AutoPoll accepted; a smaller Rate is raised to it (our choice: bounds the work one client can ask for). */
export const MIN_AUTOPOLL_SECONDS = 0.01;

interface Entry {
  control: QrcControl;
  /** The component's name for component controls; undefined for named controls. */
  component: string | undefined;
  /** Version at the last report; undefined: report at the next poll. */
  seen: number | undefined;
}

/** The server-wide count of live change groups. */
export class GroupBudget {
  used = 0;
  constructor(readonly max = DEFAULT_GROUPS_PER_SERVER) {}
}

export class ChangeGroup {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;

  addNamed(name: string, control: QrcControl): void {
    this.add("N\0" + name, control, undefined);
  }

  addComponentControl(component: string, name: string, control: QrcControl): void {
    this.add(`C\0${component}\0${name}`, control, component);
  }

  private add(key: string, control: QrcControl, component: string | undefined): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.seen = undefined;
    else this.entries.set(key, { control, component, seen: undefined });
  }

  /** Remove named controls (ChangeGroup.Remove names named controls only). */
  removeNamed(name: string): void {
    this.entries.delete("N\0" + name);
  }

  clear(): void {
    this.entries.clear();
  }

  invalidate(): void {
    for (const e of this.entries.values()) e.seen = undefined;
  }

  /** The JSON array of what changed since the last poll; those changes count as reported. */
  poll(): string {
    let out = "";
    for (const e of this.entries.values()) {
      const v = e.control.version();
      if (v === e.seen) continue;
      e.seen = v;
      out += (out === "" ? "" : ",") + changeText(e.control.state(), e.component);
    }
    return "[" + out + "]";
  }

  /** Run `tick` every `seconds` (replacing an earlier AutoPoll of this group). */
  autoPoll(seconds: number, tick: () => void): void {
    this.stop();
    this.timer = setInterval(tick, Math.max(seconds, MIN_AUTOPOLL_SECONDS) * 1000);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** One connection's change groups, by Id ("1" and 1 are the same Id). */
export class ChangeGroups {
  private groups = new Map<string, ChangeGroup>();

  constructor(
    private readonly budget: GroupBudget,
    private readonly maxPerConnection = DEFAULT_GROUPS_PER_CONNECTION,
  ) {}

  /** The group, or error 6 (message as qrc.md §6 writes it; a Core's text is unknown). */
  get(id: { key: string }): ChangeGroup {
    const g = this.groups.get(id.key);
    if (g === undefined) throw new QrcError(ErrorCode.UnknownChangeGroup, `Change group ${id.key} does not exist`);
    return g;
  }

  /** The group, created when new (error 5 past the limits). */
  getOrCreate(id: { key: string }): ChangeGroup {
    const g = this.groups.get(id.key);
    if (g !== undefined) return g;
    if (this.groups.size >= this.maxPerConnection || this.budget.used >= this.budget.max)
      throw new QrcError(ErrorCode.ChangeGroupsExhausted, "Change Groups exhausted");
    const created = new ChangeGroup();
    this.groups.set(id.key, created);
    this.budget.used++;
    return created;
  }

  destroy(id: { key: string }): void {
    this.get(id).stop();
    this.groups.delete(id.key);
    this.budget.used--;
  }

  /** The connection closed: stop every AutoPoll and give the groups back. */
  destroyAll(): void {
    for (const g of this.groups.values()) g.stop();
    this.budget.used -= this.groups.size;
    this.groups.clear();
  }

  get size(): number {
    return this.groups.size;
  }
}
