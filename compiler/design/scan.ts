// What a script's source says about the controls it expects: every `Controls.X` /
// `Controls["X"]`, what the script does with each (reads .Boolean, sets .Choices, compares
// .Value with numbers, calls :Trigger()...), which are arrays (`Controls.X[i]`, ipairs, #),
// and likewise for Component.New("Y") tables and NamedControl names. `qsys2ts design` turns
// this into a draft design file (draft.ts).
//
// The scan follows values through simple aliases — `local g = Controls.Gain`, loop variables of
// `ipairs(Controls.X)`, and the parameter of a handler assigned to `.EventHandler` — and the
// limits of numeric for loops, by name, without scoping: a draft for a person to check, not an
// analysis anything relies on.
import type { Chunk, L } from "../parse.ts";

export type Hint = "value" | "string" | "boolean" | "position" | "choices" | "trigger" | "handler" | "ramp" | "metadata";

export interface Usage {
  name: string;
  array: boolean;
  /** The largest literal index seen (`Controls.X[4]`). */
  maxIndex: number;
  /** What the script does with the control, with the lines where it does it. */
  hints: Map<Hint, number[]>;
  /** Numbers the script compares with or writes to Value / Position. */
  numbers: number[];
}

export interface Scan {
  plugin: boolean;
  controls: Map<string, Usage>;
  components: Map<string, Map<string, Usage>>;
  named: Map<string, Usage>;
  /** A plugin's property defaults, where GetProperties spells them as literals. */
  properties: Map<string, string | number | boolean>;
}

type Ref = { kind: "controls" } | { kind: "control"; u: Usage } | { kind: "component"; comp: Map<string, Usage> };

const MEMBER_HINTS: Record<string, Hint> = {
  Value: "value",
  Values: "value",
  String: "string",
  Strings: "string",
  Boolean: "boolean",
  Position: "position",
  Positions: "position",
  Choices: "choices",
  Trigger: "trigger",
  EventHandler: "handler",
  RampTime: "ramp",
  Legend: "metadata",
  Color: "metadata",
  IsDisabled: "metadata",
  IsInvisible: "metadata",
  IsIndeterminate: "metadata",
  CssClass: "metadata",
};

const NAMED_HINTS: Record<string, Hint> = {
  GetValue: "value",
  SetValue: "value",
  GetString: "string",
  SetString: "string",
  GetPosition: "position",
  SetPosition: "position",
  Trigger: "trigger",
};

function newUsage(name: string): Usage {
  return { name, array: false, maxIndex: 0, hints: new Map(), numbers: [] };
}

function usageIn(map: Map<string, Usage>, name: string): Usage {
  let u = map.get(name);
  if (!u) map.set(name, (u = newUsage(name)));
  return u;
}

function line(n: L.Node): number {
  return n.loc?.start.line ?? 0;
}

function hint(u: Usage, h: Hint, at: L.Node): void {
  const lines = u.hints.get(h) ?? [];
  if (!lines.includes(line(at))) lines.push(line(at));
  u.hints.set(h, lines);
}

function stringValue(e: L.Expression | undefined): string | undefined {
  return e?.type === "StringLiteral" ? (e as unknown as { value: string }).value : undefined;
}

export function scanDesign(chunk: Chunk): Scan {
  const scan: Scan = { plugin: false, controls: new Map(), components: new Map(), named: new Map(), properties: new Map() };
  const aliases = new Map<string, Ref>();
  /** Numeric for variables with literal bounds: `Controls.X[i]` inside `for i = 1, 8` counts 8. */
  const loopLimits = new Map<string, number>();

  const numberOf = (e: L.Expression | undefined): number | undefined => {
    if (!e) return undefined;
    if (e.type === "NumericLiteral") {
      const v = chunk.numbers.get(e)?.value;
      return v === undefined ? undefined : Number(v);
    }
    if (e.type === "UnaryExpression" && e.operator === "-") {
      const v = numberOf(e.argument);
      return v === undefined ? undefined : -v;
    }
    return undefined;
  };

  const resolve = (e: L.Expression): Ref | undefined => {
    switch (e.type) {
      case "Identifier":
        return aliases.get(e.name) ?? (e.name === "Controls" ? { kind: "controls" } : undefined);
      case "MemberExpression": {
        if (e.indexer !== ".") return undefined;
        const base = resolve(e.base);
        if (base?.kind === "controls") return controlRef(e.identifier.name);
        if (base?.kind === "component") return { kind: "control", u: usageIn(base.comp, e.identifier.name) };
        return undefined;
      }
      case "IndexExpression": {
        const base = resolve(e.base);
        const key = stringValue(e.index);
        if (base?.kind === "controls") return key === undefined ? undefined : controlRef(key);
        if (base?.kind === "component") return key === undefined ? undefined : { kind: "control", u: usageIn(base.comp, key) };
        if (base?.kind === "control") {
          base.u.array = true;
          const i = numberOf(e.index) ?? (e.index.type === "Identifier" ? loopLimits.get(e.index.name) : undefined);
          if (i !== undefined && Number.isInteger(i)) base.u.maxIndex = Math.max(base.u.maxIndex, i);
          return base;
        }
        return undefined;
      }
      case "CallExpression": {
        const comp = componentNew(e);
        return comp === undefined ? undefined : { kind: "component", comp: comp };
      }
    }
    return undefined;
  };

  const controlRef = (name: string): Ref => {
    const u = usageIn(scan.controls, name);
    if (name === "Inputs" || name === "Outputs") u.array = true;
    return { kind: "control", u };
  };

  /** `Component.New("X")` -> the component's usage map. */
  const componentNew = (e: L.CallExpression): Map<string, Usage> | undefined => {
    const b = e.base;
    if (b.type !== "MemberExpression" || b.base.type !== "Identifier" || b.base.name !== "Component" || b.identifier.name !== "New") return undefined;
    const name = stringValue(e.arguments[0]);
    if (name === undefined) return undefined;
    let comp = scan.components.get(name);
    if (!comp) scan.components.set(name, (comp = new Map()));
    return comp;
  };

  /** `ref.Member` -> the control and the member's hint. */
  const memberOfControl = (e: L.Expression): { u: Usage; member: string } | undefined => {
    if (e.type !== "MemberExpression") return undefined;
    const base = resolve(e.base);
    if (base?.kind !== "control") return undefined;
    return { u: base.u, member: e.identifier.name };
  };

  const noteAssignment = (target: L.Expression, value: L.Expression | undefined): void => {
    if (!value) return;
    if (target.type === "Identifier") {
      const r = resolve(value);
      if (r) aliases.set(target.name, r);
      return;
    }
    const m = memberOfControl(target);
    if (!m) return;
    if (m.member === "EventHandler" && value.type === "FunctionDeclaration") {
      const p = value.parameters[0];
      if (p?.type === "Identifier") aliases.set(p.name, { kind: "control", u: m.u });
    }
    const n = numberOf(value);
    if (n !== undefined && (m.member === "Value" || m.member === "Position")) m.u.numbers.push(n);
    if (value.type === "BooleanLiteral" && m.member === "Value") hint(m.u, "boolean", value);
  };

  const noteComparison = (e: L.BinaryExpression): void => {
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      const m = memberOfControl(a);
      if (!m) continue;
      const n = numberOf(b);
      if (n !== undefined && (m.member === "Value" || m.member === "Position")) m.u.numbers.push(n);
    }
  };

  const noteCall = (e: L.CallExpression): void => {
    const b = e.base;
    // NamedControl.GetValue("X"), NamedControl.SetValue("X", v)
    if (b.type === "MemberExpression" && b.base.type === "Identifier" && b.base.name === "NamedControl") {
      const name = stringValue(e.arguments[0]);
      const h = NAMED_HINTS[b.identifier.name];
      if (name !== undefined && h) {
        const u = usageIn(scan.named, name);
        hint(u, h, e);
        const n = numberOf(e.arguments[1]);
        if (n !== undefined) u.numbers.push(n);
      }
      return;
    }
    // ipairs(Controls.X) / pairs(...) / table functions taking the array
    if (b.type === "Identifier" && (b.name === "ipairs" || b.name === "pairs") && e.arguments[0]) {
      const r = resolve(e.arguments[0]);
      if (r?.kind === "control") r.u.array = true;
    }
  };

  const noteFor = (s: L.ForGenericStatement): void => {
    const it = s.iterators[0];
    if (it?.type !== "CallExpression" || it.base.type !== "Identifier" || (it.base.name !== "ipairs" && it.base.name !== "pairs")) return;
    const r = it.arguments[0] && resolve(it.arguments[0]);
    if (r?.kind !== "control") return;
    r.u.array = true;
    const v = s.variables[1];
    if (v) aliases.set(v.name, r);
  };

  const noteFunction = (f: L.FunctionDeclaration): void => {
    const id = f.identifier;
    if (id?.type !== "Identifier" || f.isLocal) return;
    if (id.name === "GetControls") scan.plugin = true;
    if (id.name === "GetProperties") collectProperties(f.body);
  };

  /** `{ Name = "IP Address", Type = "string", Value = "..." }` tables inside GetProperties. */
  const collectProperties = (body: L.Statement[]): void => {
    const visitProps = (n: unknown): void => {
      if (!n || typeof n !== "object") return;
      if (Array.isArray(n)) return n.forEach(visitProps);
      const node = n as L.Node;
      if (node.type === "TableConstructorExpression") {
        let name: string | undefined;
        let value: string | number | boolean | undefined;
        for (const f of node.fields) {
          if (f.type !== "TableKeyString") continue;
          if (f.key.name === "Name") name = stringValue(f.value);
          if (f.key.name === "Value") value = stringValue(f.value) ?? numberOf(f.value) ?? (f.value.type === "BooleanLiteral" ? f.value.value : undefined);
        }
        if (name !== undefined && value !== undefined) scan.properties.set(name, value);
      }
      for (const k in node) if (k !== "loc" && k !== "range") visitProps((node as unknown as Record<string, unknown>)[k]);
    };
    visitProps(body);
  };

  const visit = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    const node = n as L.Node;
    switch (node.type) {
      case "LocalStatement":
      case "AssignmentStatement":
        // Aliases first: a handler's body is read knowing what its parameter is.
        node.variables.forEach((v, i) => noteAssignment(v, node.init[i]));
        node.init.forEach(visit);
        node.variables.forEach(visit);
        if (node.type === "AssignmentStatement")
          for (const v of node.variables) if (v.type === "Identifier" && v.name === "GetControls") scan.plugin = true;
        return;
      case "ForGenericStatement":
        node.iterators.forEach(visit);
        noteFor(node);
        node.body.forEach(visit);
        return;
      case "ForNumericStatement": {
        const from = numberOf(node.start);
        const to = numberOf(node.end);
        const step = node.step ? numberOf(node.step) : 1;
        const limit = from === undefined || to === undefined || step === undefined ? undefined : step > 0 ? to : from;
        if (limit !== undefined && limit >= 1) loopLimits.set(node.variable.name, limit);
        break;
      }
      case "FunctionDeclaration":
        noteFunction(node);
        break;
      case "MemberExpression": {
        resolve(node); // records Controls.X
        const m = memberOfControl(node);
        const h = m && MEMBER_HINTS[m.member];
        if (m && h) hint(m.u, h, node);
        break;
      }
      case "UnaryExpression":
        if (node.operator === "#") {
          const r = resolve(node.argument);
          if (r?.kind === "control") r.u.array = true;
        }
        break;
      case "BinaryExpression":
        noteComparison(node);
        break;
      case "CallExpression":
        noteCall(node);
        break;
      case "IndexExpression":
      case "Identifier":
        resolve(node as L.Expression); // records Controls.X / Controls["X"] uses and array indexing
        break;
    }
    for (const k in node) if (k !== "loc" && k !== "range") visit((node as unknown as Record<string, unknown>)[k]);
  };
  visit(chunk.body);
  return scan;
}
