// The Q-SYS globals in the global table, for programs that reach globals through it (_G, or
// a script with Lua modules, whose chunks share the global table): each global's binding that
// generated code imports is also G's entry.
import { G } from "../lua/env.ts";
import type { LuaValue } from "../lua/value.ts";

export function registerGlobals(globals: Record<string, LuaValue>): void {
  for (const [name, value] of Object.entries(globals)) G.set(name, value);
}
