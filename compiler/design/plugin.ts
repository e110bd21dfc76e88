// What the compiler needs to know of Q-SYS designs: whether a chunk is a plugin (it defines
// GetControls for Designer, qsys-api.md §0) and whether it uses the design at all (Controls,
// Component, NamedControl, Properties), so that only such programs start through the
// runtime's designService (runtime/qsys/controls/design-service.ts).
import type { Analysis } from "../analyse.ts";

const DESIGN_GLOBALS = ["Controls", "Component", "NamedControl", "Properties"];

export function isPlugin(a: Analysis): boolean {
  const b = a.globals.get("GetControls");
  return b !== undefined && b.assignments > 0;
}

export function usesDesign(a: Analysis): boolean {
  return isPlugin(a) || DESIGN_GLOBALS.some((n) => a.globals.has(n));
}
