// HttpClient's URL helpers (the Q-SYS help's examples): percent-encoding with lower-case hex,
// keeping only RFC 3986 unreserved characters; CreateUrl from Host, Port, Path and Query.
import { checkString, checkTable } from "../../lua/args.ts";
import { tostring } from "../../lua/concat.ts";
import { index } from "../../lua/index-ops.ts";
import { LuaTable } from "../../lua/table.ts";
import type { LuaValue } from "../../lua/value.ts";

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encode a byte string, lower-case hex ("a b|" -> "a%20b%7c"); `keep` chars stay. */
export function encodeString(s: string, keep = ""): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (UNRESERVED.test(c) || keep.includes(c)) out += c;
    else out += "%" + s.charCodeAt(i).toString(16).padStart(2, "0");
  }
  return out;
}

/** %XX sequences back to bytes; anything else unchanged. */
export function decodeString(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** key=value pairs of a table, encoded and joined with '&' (in table order). */
export function encodeParams(t: LuaTable): string {
  const parts: string[] = [];
  for (let e = t.next(undefined); e !== undefined; e = t.next(e[0])) parts.push(encodeString(tostring(e[0])) + "=" + encodeString(tostring(e[1])));
  return parts.join("&");
}

export function EncodeString(s: LuaValue): LuaValue {
  return encodeString(checkString(s, 1, "EncodeString"));
}

export function DecodeString(s: LuaValue): LuaValue {
  return decodeString(checkString(s, 1, "DecodeString"));
}

export function EncodeParams(t: LuaValue): LuaValue {
  return encodeParams(checkTable(t, 1, "EncodeParams"));
}

/** CreateUrl{Host = "http://h", Port = 1234, Path = "a/b c", Query = {k = "v"}}. */
export function CreateUrl(t: LuaValue): LuaValue {
  const spec = checkTable(t, 1, "CreateUrl");
  let url = checkString(index(spec, "Host"), 1, "CreateUrl");
  const port = index(spec, "Port");
  if (port !== undefined) url += ":" + tostring(port);
  const path = index(spec, "Path");
  if (path !== undefined) {
    const p = tostring(path);
    url += (p.startsWith("/") ? "" : "/") + encodeString(p, "/");
  }
  const query = index(spec, "Query");
  if (query instanceof LuaTable) url += "?" + encodeParams(query);
  else if (query !== undefined) url += "?" + tostring(query);
  return url;
}
