// Component (qsys-api.md §4.3): scripts reach the controls of other components in the design by
// code name. The components are the design file's, plus this service's own (by its code name).
//
// Component.New returns a table of control objects keyed by control name ("gain", "SourceLed 2");
// an unknown code name gives an empty table, as on a Core, so `comp.gain` is then nil and using
// it fails naming the field. Several tables for one component share the same control objects
// (and so one EventHandler per control). GetControls returns plain snapshots, not live objects.
import { argError, checkString, typeError } from "../lua/args.ts";
import { LuaTable, tableOf } from "../lua/table.ts";
import { mkfloat, type LuaValue } from "../lua/value.ts";
import { currentDesign, type LiveComponent } from "./controls/live-design.ts";
import { stringAt } from "./controls/control.ts";
import { qrcType } from "./controls/spec.ts";
import { libraryTable } from "./object.ts";

/** Which component a table from Component.New stands for (GetControls accepts the table). */
const tableComponent = new WeakMap<LuaTable, string>();

function list(items: LuaValue[]): LuaTable {
  return tableOf(items);
}

/**
 * Since 9.12 a control name holding a dot is written with the dot escaped: comp["31\\.5Hz.gain"]
 * (qsys-api.md §4.3). The plain name works too; a miss with an escaped dot retries unescaped.
 */
const escapedNames = new LuaTable();
escapedNames.set("__index", (t: LuaTable, k: LuaValue) => (typeof k === "string" && k.includes("\\.") ? t.get(k.replace(/\\\./g, ".")) : undefined));

function New(name: LuaValue): LuaValue {
  const code = checkString(name, 1, "New");
  const comp = currentDesign().components.get(code);
  const t = comp ? comp.luaTable() : new LuaTable();
  t.metatable = escapedNames;
  tableComponent.set(t, code);
  return t;
}

function componentInfo(c: LiveComponent): LuaTable {
  return tableOf(undefined, {
    Name: c.name,
    ID: c.name,
    Type: c.type,
    Properties: list(c.properties.map((p) => tableOf(undefined, { Name: p.Name, Value: p.Value, PrettyName: p.PrettyName }))),
  });
}

function GetComponents(name?: LuaValue): LuaValue {
  const comps = [...currentDesign().components.values()];
  if (name === undefined) return list(comps.map(componentInfo));
  const code = checkString(name, 1, "GetComponents");
  return list(comps.filter((c) => c.name === code).map(componentInfo));
}

function GetControls(which: LuaValue): LuaValue {
  let code: string;
  if (which instanceof LuaTable) {
    const known = tableComponent.get(which);
    if (known === undefined) throw argError(1, "GetControls", "component name or a table from Component.New expected");
    code = known;
  } else if (typeof which === "string") code = which;
  else throw typeError(which, 1, "GetControls", "string", which === undefined);
  const comp = currentDesign().components.get(code);
  if (!comp) return new LuaTable();
  const out: LuaValue[] = [];
  for (const c of comp.controls.values()) {
    const s = c.spec;
    out.push(
      tableOf(undefined, {
        Name: c.name,
        Type: qrcType(s),
        Direction: s.readOnly ? "Read Only" : "Read/Write",
        Value: mkfloat(c.value),
        String: c.string,
        Position: mkfloat(c.position),
        Boolean: c.boolean,
        Index: c.index,
        MinValue: mkfloat(s.min),
        MaxValue: mkfloat(s.max),
        MinString: stringAt(s, s.min),
        MaxString: stringAt(s, s.max),
        RampTime: mkfloat(c.rampTime),
        Choices: list(c.choices),
      }),
    );
  }
  return list(out);
}

/** The Lua global `Component`. */
export const Component = libraryTable("Component", { New, GetComponents, GetControls });
