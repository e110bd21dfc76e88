// A canonical text for Lua results, computed the same way in TypeScript (ser) and in Lua
// (SERIALISE, for the oracle's side): strings as \ddd-escaped bytes, integers "i…", floats
// "f…", the count of values first. Comparing these texts compares values with their subtypes.
import { numberToString } from "../runtime/lua/number.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import { LuaFloat, type LuaValue } from "../runtime/lua/value.ts";

export function esc(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    out += b < 32 || b > 126 || b === 92 || b === 34 ? "\\" + String(b).padStart(3, "0") : s[i];
  }
  return out + '"';
}

export function ser1(v: LuaValue): string {
  if (typeof v === "string") return esc(v);
  if (typeof v === "number") return Number.isInteger(v) ? "i" + v : "f" + numberToString(v);
  if (typeof v === "bigint") return "i" + v;
  if (v instanceof LuaFloat) return "f" + numberToString(v);
  if (v === undefined) return "nil";
  if (typeof v === "boolean") return String(v);
  if (v instanceof LuaTable) return "table";
  return typeof v;
}

export function ser(r: LuaValue): string {
  const vals = Array.isArray(r) ? r : [r];
  return vals.length + ":" + vals.map(ser1).join(",");
}

/** The same functions in Lua: esc(s), ser1(v), ser(table.pack(...)). */
export const SERIALISE = String.raw`
local function esc(s)
  local t = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 or b == 34 then t[#t + 1] = string.format("\\%03d", b)
    else t[#t + 1] = string.char(b) end
  end
  return '"' .. table.concat(t) .. '"'
end
local function ser1(v)
  local tv = type(v)
  if tv == "string" then return esc(v)
  elseif tv == "number" then return (math.type(v) == "integer" and "i" or "f") .. tostring(v)
  elseif tv == "nil" or tv == "boolean" then return tostring(v)
  else return tv end
end
local function ser(r)
  local t = {}
  for i = 1, r.n do t[i] = ser1(r[i]) end
  return r.n .. ":" .. table.concat(t, ",")
end
`;
