// Metatables: where each value's metatable lives, metamethod lookup, and type names for errors.
import { LuaTable } from "./table.ts";
import { type, type LuaValue } from "./value.ts";

/** Objects the runtime exposes to Lua as userdata (Q-SYS objects) carry their metatable. */
export class LuaUserdata {
  metatable: LuaTable | undefined = undefined;
}

/** The shared metatable of all strings ({__index = string}), set up by the string library. */
export const stringMeta = new LuaTable();

export function getMetatable(v: LuaValue): LuaTable | undefined {
  if (v instanceof LuaTable) return v.metatable;
  if (typeof v === "string") return stringMeta;
  if (v instanceof LuaUserdata) return v.metatable;
  return undefined;
}

export function metamethod(v: LuaValue, event: string): LuaValue {
  const mt = getMetatable(v);
  return mt === undefined ? undefined : mt.getStr(event);
}

/** The type name used in error messages: __name from the metatable when it is a string. */
export function typeNameForError(v: LuaValue): string {
  const mt = getMetatable(v);
  if (mt !== undefined && typeof v !== "string") {
    const name = mt.getStr("__name");
    if (typeof name === "string") return name;
  }
  return type(v);
}
