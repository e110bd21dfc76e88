// The running design as this service holds it: its own component (the script's Controls), the
// other components the design file declares, and the named controls. Component.New,
// NamedControl and the QRC adapter all read the same control objects, so a change made one way
// is seen every way.
import { LuaTable } from "../../lua/table.ts";
import { Control } from "./control.ts";
import { controlMetatable } from "./control-lua.ts";
import { DesignError, flatNames, type DesignSpec } from "./design-file.ts";
import type { ControlSpec } from "./spec.ts";

export interface DesignStatus {
  Platform: string;
  State: string;
  DesignName: string;
  DesignCode: string;
  IsRedundant: boolean;
  IsEmulator: boolean;
}

/** A component property as Component.GetComponents and QRC list it (values as text). */
export interface ComponentProperty {
  Name: string;
  Value: string;
  PrettyName: string;
}

export class LiveComponent {
  /** Controls by the names outside clients use ("Gain", "SourceLed 2"), in declaration order. */
  readonly controls = new Map<string, Control>();

  constructor(
    readonly name: string,
    readonly type: string,
    readonly properties: ComponentProperty[],
  ) {}

  /**
   * Create the controls of one declaration. Returns what `Controls[name]` holds: the control,
   * or for an array a table of its members (1..n, each with its Index).
   */
  add(spec: ControlSpec): Control | LuaTable {
    const names = flatNames(spec);
    const members = names.map((flat, i) => {
      const c = new Control(spec, flat, i + 1, controlMetatable);
      this.controls.set(flat, c);
      return c;
    });
    if (spec.count === 1 && !spec.array) return members[0];
    const t = new LuaTable();
    members.forEach((c, i) => t.set(i + 1, c));
    return t;
  }

  /** A Lua table of the controls keyed by outside name (what Component.New returns). */
  luaTable(): LuaTable {
    const t = new LuaTable();
    for (const [name, c] of this.controls) t.set(name, c);
    return t;
  }
}

export class LiveDesign {
  readonly components = new Map<string, LiveComponent>();
  readonly named = new Map<string, Control>();
  /** The script's `Controls` table. */
  readonly controlsTable = new LuaTable();
  readonly own: LiveComponent;

  constructor(
    ownName: string,
    ownType: string,
    readonly status: DesignStatus,
    ownProperties: ComponentProperty[] = [],
  ) {
    this.own = new LiveComponent(ownName, ownType, ownProperties);
    this.components.set(ownName, this.own);
  }

  addOwnControl(spec: ControlSpec): void {
    this.controlsTable.set(spec.name, this.own.add(spec));
  }
}

/** What this service's own component is: its code name, type, controls and (a plugin's) properties. */
export interface OwnComponent {
  name: string;
  type: string;
  controls: ControlSpec[];
  properties?: ComponentProperty[];
}

/**
 * Build the live design from a design file and the service's own controls (the design
 * file's for a script, GetControls' for a plugin). Named-control aliases and a plugin's first
 * values are checked here, where every control is known.
 */
export function buildDesign(spec: DesignSpec, own: OwnComponent): LiveDesign {
  const status: DesignStatus = {
    Platform: spec.design.platform ?? "qsys2ts",
    State: "Active",
    DesignName: spec.design.name ?? own.name,
    DesignCode: spec.design.code ?? `qsys2ts-${own.name}`,
    IsRedundant: false,
    IsEmulator: spec.design.emulator ?? false,
  };
  const d = new LiveDesign(own.name, own.type, status, own.properties);
  for (const c of own.controls) d.addOwnControl(c);
  for (const comp of spec.components) {
    const live = new LiveComponent(comp.name, comp.type, comp.properties);
    for (const c of comp.controls) live.add(c);
    d.components.set(comp.name, live);
  }
  applyInitial(d, spec);
  for (const n of spec.namedControls) {
    const path = `$.namedControls${/^[A-Za-z_]\w*$/.test(n.name) ? "." + n.name : `[${JSON.stringify(n.name)}]`}`;
    if (n.spec) {
      d.named.set(n.name, new Control(n.spec, n.name, 1, controlMetatable));
      continue;
    }
    const { component, control } = n.alias!;
    const comp = d.components.get(component);
    if (!comp) throw new DesignError(`${spec.file}: ${path}: named control "${n.name}": no component "${component}" (components: ${[...d.components.keys()].join(", ")})`);
    const c = comp.controls.get(control);
    if (!c) throw new DesignError(`${spec.file}: ${path}: named control "${n.name}": component "${component}" has no control "${control}"`);
    d.named.set(n.name, c);
  }
  return d;
}

/** First values a plugin's design file gives for controls its GetControls declared. */
function applyInitial(d: LiveDesign, spec: DesignSpec): void {
  for (const [name, init] of spec.initial) {
    const path = `${spec.file}: $.controls${/^[A-Za-z_]\w*$/.test(name) ? "." + name : `[${JSON.stringify(name)}]`}`;
    const c = d.own.controls.get(name);
    if (!c) throw new DesignError(`${path}: the plugin declares no control "${name}" (it has: ${[...d.own.controls.keys()].join(", ")})`);
    if (init.value !== undefined) c.setValue(init.value, "script");
    if (init.string !== undefined && !c.setString(init.string, "script"))
      throw new DesignError(`${path}: control "${name}": "${init.string}" is not a value it can hold`);
  }
}

let current: LiveDesign = new LiveDesign("script", "", {
  Platform: "qsys2ts",
  State: "Active",
  DesignName: "script",
  DesignCode: "qsys2ts-script",
  IsRedundant: false,
  IsEmulator: false,
});

/** The design the running service holds (an empty one until the service installs its own). */
export function currentDesign(): LiveDesign {
  return current;
}

export function setCurrentDesign(d: LiveDesign): void {
  current = d;
}
