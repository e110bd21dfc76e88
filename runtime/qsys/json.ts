// require("json") (qsys-api.md §5): JSON4Lua 1.0.1 (Craig Mason-Jones), the pure-Lua module
// Q-SYS ships, reimplemented step by step so that results, quirks and error texts match.
//
// encode(v): nil -> null; strings escape only " \ / \b \f \n \r \t (other bytes raw); numbers
// and booleans as tostring gives them (1.0 -> "1.0", 1e100 -> "1e+100"); a table is an array when
// every positive-integer key holds an encodable value and no other key does (besides `n`), and
// then t[1..max] is written with holes as null; {} is []. Objects skip keys and values that
// cannot be encoded (functions other than json.null, userdata...); a top-level one is an
// assert error. decode(s [, pos]) -> value, next position: lenient as the original (single
// quotes, /* */ comments, missing commas, numbers read by Lua's own load), null -> nil, and
// every element of an array is also assigned to the global `object`, as the original does
// (the compiler keeps a program's globals in the global table when it requires json and
// names `object`, so the script sees it).
// Errors are the original's assert messages (without its file position).
import { checkInt } from "../lua/args.ts";
import { tonumber } from "../lua/base.ts";
import { tostring } from "../lua/concat.ts";
import { G } from "../lua/env.ts";
import { LuaError } from "../lua/errors.ts";
import { index, setindex } from "../lua/index-ops.ts";
import { typeNameForError } from "../lua/meta.ts";
import { moduleTable } from "../lua/package.ts";
import { LuaTable } from "../lua/table.ts";
import { isNumber, LuaFloat, type, type LuaValue } from "../lua/value.ts";
import { evalNumberText } from "./json/lua-number-text.ts";

export const json4luaNull = (): LuaValue => json4luaNull;
const EMPTY_ARRAY = new LuaTable();
const EMPTY_OBJECT = new LuaTable();

/** Lua's own limit on nested calls (a cycle in the data ends here, as in Lua). */
const MAX_DEPTH = 200000;

function assertOr(cond: unknown, message: string): void {
  if (!cond) throw new LuaError(message);
}

function isEncodable(o: LuaValue): boolean {
  const t = type(o);
  return t === "string" || t === "boolean" || t === "number" || t === "nil" || t === "table" || (t === "function" && o === json4luaNull);
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function encodeString(s: LuaValue): string {
  return tostring(s).replace(/["\\/\b\f\n\r\t]/g, (c) => ESCAPES[c]);
}

/** A positive integral number key (math.floor(k) == k and 1 <= k) as an integer, else undefined. */
function arrayIndex(k: LuaValue): number | undefined {
  const n = typeof k === "number" ? k : k instanceof LuaFloat ? k.n : typeof k === "bigint" ? Number(k) : undefined;
  return n !== undefined && Number.isFinite(n) && Math.floor(n) === n && n >= 1 ? n : undefined;
}

function isArray(t: LuaTable): [boolean, number] {
  if (t === EMPTY_ARRAY) return [true, 0];
  if (t === EMPTY_OBJECT) return [false, 0];
  let maxIndex = 0;
  for (let e = t.next(undefined); e !== undefined; e = t.next(e[0])) {
    const [k, v] = e;
    const i = arrayIndex(k);
    if (i !== undefined) {
      if (!isEncodable(v)) return [false, 0];
      maxIndex = Math.max(maxIndex, i);
    } else if (k === "n") {
      const n = index(t, "n");
      if (v !== (n === undefined || n === false ? t.length() : n)) return [false, 0];
    } else if (isEncodable(v)) return [false, 0];
  }
  return [true, maxIndex];
}

function encodeValue(v: LuaValue, depth: number): string {
  if (depth > MAX_DEPTH) throw new LuaError("stack overflow");
  if (v === undefined) return "null";
  const vtype = type(v);
  if (vtype === "string") return '"' + encodeString(v) + '"';
  if (vtype === "number" || vtype === "boolean") return tostring(v);
  if (v instanceof LuaTable) {
    const [bArray, maxCount] = isArray(v);
    const rval: string[] = [];
    if (bArray) {
      for (let i = 1; i <= maxCount; i++) rval.push(encodeValue(index(v, i), depth + 1));
      return "[" + rval.join(",") + "]";
    }
    const entries: [LuaValue, LuaValue][] = [];
    for (let e = v.next(undefined); e !== undefined; e = v.next(e[0])) entries.push(e);
    for (const [i, j] of entries) if (isEncodable(i) && isEncodable(j)) rval.push('"' + encodeString(i) + '":' + encodeValue(j, depth + 1));
    return "{" + rval.join(",") + "}";
  }
  if (vtype === "function" && v === json4luaNull) return "null";
  throw new LuaError(`encode attempt to encode unsupported type ${vtype}:${tostring(v)}`);
}

function encode(v?: LuaValue): LuaValue {
  return encodeValue(v, 0);
}

// ---- decode: the original's scanners, positions 1-based --------------------------------------

const at = (s: string, pos: number): string => (pos >= 1 && pos <= s.length ? s[pos - 1] : "");
/** string.sub with 1-based inclusive bounds (positions in range here). */
const sub = (s: string, i: number, j: number): string => s.slice(Math.max(i, 1) - 1, Math.max(j, 0));
/** string.find(s, plain, init): the 1-based position, or undefined. */
const find = (s: string, what: string, init: number): number | undefined => {
  const p = s.indexOf(what, Math.max(init, 1) - 1);
  return p < 0 ? undefined : p + 1;
};

function scanWhitespace(s: string, pos: number): number {
  while (pos <= s.length && " \n\r\t".includes(at(s, pos)) && at(s, pos) !== "") pos++;
  return pos;
}

/** `msg .. key`: Lua raises while building the message when the key is not a string or number. */
function withKey(message: string, key: LuaValue): string {
  if (typeof key === "string") return message + key;
  if (typeof key === "number" || typeof key === "bigint" || key instanceof LuaFloat) return message + tostring(key);
  throw new LuaError(`attempt to concatenate a ${typeNameForError(key)} value (local 'key')`);
}

function decodeAt(s: string, startPos: number, depth: number): [LuaValue, number] {
  if (depth > MAX_DEPTH) throw new LuaError("stack overflow");
  startPos = scanWhitespace(s, startPos);
  assertOr(startPos <= s.length, "Unterminated JSON encoded object found at position in [" + s + "]");
  const c = at(s, startPos);
  if (c === "{") return scanObject(s, startPos, depth);
  if (c === "[") return scanArray(s, startPos, depth);
  if ("+-0123456789.e".includes(c)) return scanNumber(s, startPos);
  if (c === '"' || c === "'") return scanString(s, startPos);
  if (sub(s, startPos, startPos + 1) === "/*") return decodeAt(s, scanComment(s, startPos), depth + 1);
  return scanConstant(s, startPos);
}

function scanArray(s: string, pos: number, depth: number): [LuaValue, number] {
  const array = new LuaTable();
  pos++;
  for (let i = 1; ; i++) {
    pos = scanWhitespace(s, pos);
    assertOr(pos <= s.length, "JSON String ended unexpectedly scanning array.");
    const c = at(s, pos);
    if (c === "]") return [array, pos + 1];
    if (c === ",") pos = scanWhitespace(s, pos + 1);
    assertOr(pos <= s.length, "JSON String ended unexpectedly scanning array.");
    let object: LuaValue;
    [object, pos] = decodeAt(s, pos, depth + 1);
    setindex(G, "object", object); // the original assigns a global, not a local
    array.set(i, object);
  }
}

function scanObject(s: string, pos: number, depth: number): [LuaValue, number] {
  const object = new LuaTable();
  pos++;
  for (;;) {
    pos = scanWhitespace(s, pos);
    assertOr(pos <= s.length, "JSON string ended unexpectedly while scanning object.");
    const c = at(s, pos);
    if (c === "}") return [object, pos + 1];
    if (c === ",") pos = scanWhitespace(s, pos + 1);
    assertOr(pos <= s.length, "JSON string ended unexpectedly scanning object.");
    let key: LuaValue;
    let value: LuaValue;
    [key, pos] = decodeAt(s, pos, depth + 1);
    const missing = "JSON string ended unexpectedly searching for value of key ";
    assertOr(pos <= s.length, withKey(missing, key));
    pos = scanWhitespace(s, pos);
    assertOr(pos <= s.length, withKey(missing, key));
    assertOr(at(s, pos) === ":", "JSON object key-value assignment mal-formed at " + pos);
    pos = scanWhitespace(s, pos + 1);
    assertOr(pos <= s.length, withKey(missing, key));
    [value, pos] = decodeAt(s, pos, depth + 1);
    object.set(key, value);
  }
}

function scanComment(s: string, pos: number): number {
  const end = find(s, "*/", pos + 2);
  assertOr(end !== undefined, "Unterminated comment in string at " + pos);
  return end! + 2;
}

function scanConstant(s: string, pos: number): [LuaValue, number] {
  for (const [k, v] of [["true", true], ["false", false], ["null", undefined]] as const) {
    if (sub(s, pos, pos + k.length - 1) === k) return [v, pos + k.length];
  }
  throw new LuaError("Failed to scan constant from string " + s + " at starting position " + pos);
}

function scanNumber(s: string, pos: number): [LuaValue, number] {
  let end = pos + 1;
  while (end <= s.length && "+-0123456789.e".includes(at(s, end))) end++;
  const text = sub(s, pos, end - 1);
  const r = evalNumberText(text, (name) => index(G, name));
  assertOr(r, "Failed to scan number [ return " + text + "] in JSON string at position " + pos + " : " + end);
  return [r!.value, end];
}

const SIMPLE_ESCAPES: Record<string, string> = { "\\t": "\t", "\\f": "\f", "\\r": "\r", "\\n": "\n", "\\b": "\b" };

function scanString(s: string, startPos: number): [LuaValue, number] {
  const quote = at(s, startPos);
  const t: string[] = [];
  let i: number | undefined = startPos;
  let j = startPos;
  while (find(s, quote, j + 1) !== j + 1) {
    const oldj = j;
    const esc = findEscape(s, j + 1);
    const x = find(s, quote, oldj + 1);
    if (esc === undefined) {
      if (x === undefined) throw new LuaError("attempt to perform arithmetic on a nil value (local 'y')");
      i = x;
      j = x - 1;
    } else if (x === undefined) throw new LuaError("attempt to compare nil with number");
    else if (x < esc) {
      i = x;
      j = x - 1;
    } else {
      i = esc;
      j = esc + 1;
    }
    t.push(sub(s, oldj + 1, i - 1));
    const k = sub(s, i, j);
    if (k === "\\u") {
      const a = sub(s, j + 1, j + 4);
      j += 4;
      const n = tonumber(a, 16);
      assertOr(n !== undefined, "String decoding failed: bad Unicode escape " + a + " at position " + i + " : " + j);
      t.push(utf8ish(Number(n)));
    } else t.push(SIMPLE_ESCAPES[k] ?? k.slice(1));
  }
  assertOr(find(s, quote, j + 1) !== undefined, "String decoding failed: missing closing " + quote + " at position " + j + "(for string at position " + startPos + ")");
  return [t.join(""), j + 2];
}

/** string.find(s, "\\.", init): a backslash followed by any byte. */
function findEscape(s: string, init: number): number | undefined {
  const p = s.indexOf("\\", Math.max(init, 1) - 1);
  return p < 0 || p + 1 >= s.length ? undefined : p + 1;
}

/** The original's \u encoding: 1 to 3 bytes, no surrogate pairs (Lua's floor modulo). */
function utf8ish(n: number): string {
  const m = (a: number, b: number) => a - Math.floor(a / b) * b;
  if (n < 0x80) return String.fromCharCode(m(n, 0x80));
  if (n < 0x800) return String.fromCharCode(0xc0 + m(Math.floor(n / 64), 0x20), 0x80 + m(n, 0x40));
  return String.fromCharCode(0xe0 + m(Math.floor(n / 4096), 0x10), 0x80 + m(Math.floor(n / 64), 0x40), 0x80 + m(n, 0x40));
}

function decode(s?: LuaValue, startPos?: LuaValue): LuaValue {
  // The original's first use of s is string.len(s), inside json.lua.
  if (typeof s !== "string" && !isNumber(s)) throw new LuaError(`bad argument #1 to 'len' (string expected, got ${typeNameForError(s)})`);
  const text = tostring(s);
  const pos = startPos === undefined || startPos === false ? 1 : checkInt(startPos, 2, "decode");
  return decodeAt(text, pos, 0);
}

export function openJson(): LuaTable {
  return moduleTable("json", { encode, decode, null: json4luaNull, EMPTY_ARRAY, EMPTY_OBJECT });
}
