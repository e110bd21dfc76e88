// rapidjson.encode: lua-rapidjson's Encoder (rapidjson.cpp) over RapidJSON's Writer and
// PrettyWriter (writer.h, prettywriter.h), ported so the text is byte for byte the same.
//
// - A table is an array when its metatable's __jsontype is "array" (any other string: an
//   object), else when it is not empty and its raw length is > 0, else (empty) an object unless
//   empty_table_as_array. An array writes t[1..#t] (holes as null); an object writes only its
//   string keys, in table order, or sorted bytewise with sort_keys.
// - Numbers: integers, and floats with an integral value inside the int64 range, are written as
//   integers (1.0 -> 1); other floats with RapidJSON's Grisu2 digits (dtoa.ts); NaN and
//   infinities are errors.
// - Strings are bytes: '"', '\\' and control characters are escaped (\b \t \n \f \r, else
//   \u00XX); every other byte, invalid UTF-8 included, is written unchanged.
// - pretty: 4-space indent, `"key": value`, empty containers as {} and [].
// Errors (functions, userdata, threads, bad numbers, nesting deeper than max_depth) are raised
// as Lua errors with lua-rapidjson's messages; nothing is returned half-written.
import { index } from "../../lua/index-ops.ts";
import { getMetatable } from "../../lua/meta.ts";
import { LuaTable } from "../../lua/table.ts";
import { LuaFloat, type, type LuaValue } from "../../lua/value.ts";
import { rapidjsonDtoa } from "./dtoa.ts";

export interface EncodeOptions {
  pretty: boolean;
  sortKeys: boolean;
  emptyTableAsArray: boolean;
  maxDepth: number;
}

export const DEFAULT_MAX_DEPTH = 128;

/** A failure of the encoder: raised to Lua as an error with this message. */
export class EncodeError extends Error {}

const HEX = "0123456789ABCDEF";
const SHORT_ESCAPES: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\" };

/** A JSON string literal for a byte string. */
export function writeString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i) + (SHORT_ESCAPES[c] ?? "\\u00" + HEX[c >> 4] + HEX[c & 15]);
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** JSON text for a Lua number (lua-rapidjson: integral values as Int64, else Double). */
export function writeNumber(v: number | bigint | LuaFloat): string {
  if (typeof v === "bigint") return v.toString();
  const x = v instanceof LuaFloat ? v.n : v;
  // modf(x) == 0 (true for infinities too), then the int64 range check against (double)INT64_MAX = 2^63.
  if ((Number.isInteger(x) || !Number.isFinite(x)) && x >= -9223372036854775808 && x <= 9223372036854775808) {
    if (x === 9223372036854775808) return "-9223372036854775808"; // static_cast of 2^63 on x86-64
    return Number.isSafeInteger(x) ? String(x === 0 ? 0 : x) : BigInt(x).toString();
  }
  if (!Number.isFinite(x)) throw new EncodeError("error while encode double value.");
  return rapidjsonDtoa(x);
}

interface Level {
  inArray: boolean;
  valueCount: number;
}

/** Writer/PrettyWriter: separators and indentation from a stack of open containers. */
class JsonWriter {
  /** The text so far (string concatenation: V8 builds it as a rope, cheaply). */
  out = "";
  levels: Level[] = [];
  constructor(readonly pretty: boolean) {}

  indent(): void {
    this.out += " ".repeat(this.levels.length * 4);
  }

  prefix(): void {
    const level = this.levels[this.levels.length - 1];
    if (level === undefined) return;
    if (!this.pretty) {
      if (level.valueCount > 0) this.out += level.inArray || level.valueCount % 2 === 0 ? "," : ":";
    } else if (level.inArray) {
      this.out += level.valueCount > 0 ? ",\n" : "\n";
      this.indent();
    } else {
      if (level.valueCount > 0) this.out += level.valueCount % 2 === 0 ? ",\n" : ": ";
      else this.out += "\n";
      if (level.valueCount % 2 === 0) this.indent();
    }
    level.valueCount++;
  }

  scalar(text: string): void {
    this.prefix();
    this.out += text;
  }

  start(inArray: boolean): void {
    this.prefix();
    this.levels.push({ inArray, valueCount: 0 });
    this.out += inArray ? "[" : "{";
  }

  end(): void {
    const level = this.levels.pop()!;
    if (this.pretty && level.valueCount > 0) {
      this.out += "\n";
      this.indent();
    }
    this.out += level.inArray ? "]" : "}";
  }
}

/** The metatable's __jsontype: "array" -> true, another string (or number) -> false, none -> undefined. */
function jsonType(t: LuaTable): boolean | undefined {
  const mt = getMetatable(t);
  if (mt === undefined) return undefined;
  const jt = index(mt, "__jsontype");
  if (typeof jt === "string") return jt.split("\0")[0] === "array";
  if (typeof jt === "number" || typeof jt === "bigint" || jt instanceof LuaFloat) return false;
  return undefined;
}

function isArray(t: LuaTable, emptyTableAsArray: boolean): boolean {
  const declared = jsonType(t);
  if (declared !== undefined) return declared;
  if (t.next(undefined) !== undefined) return t.length() > 0;
  return emptyTableAsArray;
}

/** strcmp order: bytes up to the first NUL. */
function byteOrder(a: string, b: string): number {
  const x = a.split("\0")[0];
  const y = b.split("\0")[0];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function encodeJson(value: LuaValue, opts: EncodeOptions, isNull: (v: LuaValue) => boolean, absent = false): string {
  const w = new JsonWriter(opts.pretty);
  const encodeValue = (v: LuaValue, depth: number): void => {
    switch (typeof v) {
      case "boolean":
        return w.scalar(v ? "true" : "false");
      case "number":
      case "bigint":
        return w.scalar(writeNumber(v));
      case "string":
        return w.scalar(writeString(v));
      case "undefined":
        return w.scalar("null");
    }
    if (v instanceof LuaFloat) return w.scalar(writeNumber(v));
    if (v instanceof LuaTable) return encodeTable(v, depth + 1);
    if (isNull(v)) return w.scalar("null");
    throw new EncodeError(`value type : ${type(v)}`);
  };
  const encodeTable = (t: LuaTable, depth: number): void => {
    if (depth > opts.maxDepth) throw new EncodeError("nested too depth");
    if (isArray(t, opts.emptyTableAsArray)) {
      w.start(true);
      const n = t.length();
      for (let i = 1; i <= n; i++) encodeValue(t.get(i), depth);
      return w.end();
    }
    w.start(false);
    if (opts.sortKeys) {
      const keys: string[] = [];
      for (let e = t.next(undefined); e !== undefined; e = t.next(e[0])) if (typeof e[0] === "string") keys.push(e[0]);
      keys.sort(byteOrder);
      for (const k of keys) {
        w.scalar(writeString(k));
        encodeValue(index(t, k), depth);
      }
    } else {
      // Only a cycle traverses this table again while it is being traversed, and a cycle
      // ends in "nested too depth" whatever the traversal yields.
      for (let e = t.next(undefined); e !== undefined; e = t.next(e[0])) {
        if (typeof e[0] !== "string") continue;
        w.scalar(writeString(e[0]));
        encodeValue(e[1], depth);
      }
    }
    w.end();
  };
  if (absent) throw new EncodeError("value type : no value");
  encodeValue(value, 0);
  return w.out;
}
