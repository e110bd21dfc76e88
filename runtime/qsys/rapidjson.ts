// require("rapidjson") (qsys-api.md §5): lua-rapidjson 0.6.1, the release whose `null` is a
// function as the Q-SYS help says, with encode/decode ported in json/rapidjson-*.ts.
//
// Members: encode, decode, load, dump, object, array, null, _NAME, _VERSION. Not provided:
// Document, SchemaDocument, SchemaValidator (calling them is "attempt to call a nil value").
// Differences from a Core: an object's keys come out in this runtime's table order (Lua's own
// order is its hash order; pass sort_keys for a stable one); load/dump resolve file names under
// the data directory as io does (runtime/lua/io.ts), and dump writes nothing when encoding fails.
import { readFileSync, writeFileSync } from "node:fs";
import { argError, checkString, typeError } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { LuaError } from "../lua/errors.ts";
import { index, setindex } from "../lua/index-ops.ts";
import { sandboxPath } from "../lua/io.ts";
import { moduleTable } from "../lua/package.ts";
import { getMetatable } from "../lua/meta.ts";
import { str2number } from "../lua/number.ts";
import { LuaTable } from "../lua/table.ts";
import { LuaFloat, truthy, type LuaValue } from "../lua/value.ts";
import { decodeJson } from "./json/rapidjson-decode.ts";
import { DEFAULT_MAX_DEPTH, EncodeError, encodeJson, type EncodeOptions } from "./json/rapidjson-encode.ts";

/** rapidjson.null: a function returning itself; encodes as null, and decodes from it. */
export const jsonNull = (): LuaValue => jsonNull;

function sharedMeta(type: string): LuaTable {
  const mt = new LuaTable();
  mt.set("__jsontype", type);
  return mt;
}
/** The metatables "json.object" and "json.array" that object()/array() and decode() attach. */
const objectMeta = sharedMeta("object");
const arrayMeta = sharedMeta("array");
const decodeContext = { null: jsonNull, objectMeta, arrayMeta };

const isNull = (v: LuaValue): boolean => v === jsonNull;

/** The option table (argument `n`): pretty, sort_keys, empty_table_as_array, max_depth. */
function encodeOptions(opt: LuaValue, n: number, fname: string): EncodeOptions {
  const o: EncodeOptions = { pretty: false, sortKeys: false, emptyTableAsArray: false, maxDepth: DEFAULT_MAX_DEPTH };
  if (opt === undefined) return o;
  if (!(opt instanceof LuaTable)) throw typeError(opt, n, fname, "table");
  const flag = (name: string) => {
    const v = index(opt, name);
    return v === undefined ? false : truthy(v);
  };
  o.pretty = flag("pretty");
  o.sortKeys = flag("sort_keys");
  o.emptyTableAsArray = flag("empty_table_as_array");
  const depth = index(opt, "max_depth");
  const d = typeof depth === "string" ? str2number(depth) : depth;
  // lua_tointeger: integral values only (others read as 0), then cast to a C int.
  if (typeof d === "number") o.maxDepth = Number.isInteger(d) ? d | 0 : 0;
  else if (d instanceof LuaFloat) o.maxDepth = d.n | 0;
  else if (typeof d === "bigint") o.maxDepth = Number(BigInt.asIntN(32, d));
  return o;
}

function encodeOrRaise(value: LuaValue, opts: EncodeOptions, absent: boolean): string {
  try {
    return encodeJson(value, opts, isNull, absent);
  } catch (e) {
    if (e instanceof EncodeError) throw new LuaError(e.message);
    throw e;
  }
}

function encode(value?: LuaValue, option?: LuaValue): LuaValue {
  const opts = encodeOptions(option, 2, "encode");
  return encodeOrRaise(value, opts, arguments.length === 0);
}

function decode(s?: LuaValue): LuaValue {
  if (typeof s !== "string") throw argError(1, "decode", "required string or lightuserdata (points to a memory of a string)");
  return decodeJson(s, decodeContext);
}

function openError(name: string): LuaError {
  return new LuaError(`error while open file: ${name}`);
}

function load(filename?: LuaValue): LuaValue {
  const name = checkString(filename, 1, "load");
  const path = sandboxPath(name);
  let text: string;
  try {
    if (typeof path !== "string") throw path;
    text = readFileSync(path).toString("latin1");
  } catch {
    throw openError(name);
  }
  // RapidJSON's AutoUTFInputStream skips a UTF-8 byte order mark.
  if (text.startsWith("\xef\xbb\xbf")) text = text.slice(3);
  return decodeJson(text, decodeContext);
}

function dump(value?: LuaValue, filename?: LuaValue, option?: LuaValue): LuaValue {
  const opts = encodeOptions(option, 3, "dump");
  const name = checkString(filename, 2, "dump");
  const path = sandboxPath(name);
  try {
    if (typeof path !== "string") throw path;
    writeFileSync(path, "");
  } catch {
    throw openError(name);
  }
  writeFileSync(path, Buffer.from(encodeOrRaise(value, opts, arguments.length === 0), "latin1"));
  return NONE;
}

/** object([t]) / array([t]): mark a table (or a new one) with __jsontype. */
function marker(meta: LuaTable, type: string, fname: string) {
  return (t?: LuaValue): LuaValue => {
    if (t === undefined) {
      const fresh = new LuaTable();
      fresh.metatable = meta;
      return fresh;
    }
    if (!(t instanceof LuaTable)) throw argError(1, fname, "optional table excepted");
    const mt = getMetatable(t);
    if (mt !== undefined) setindex(mt, "__jsontype", type);
    else t.metatable = meta;
    return t;
  };
}

/** A fresh module table (require caches it in package.loaded). */
export function openRapidjson(): LuaTable {
  return moduleTable("rapidjson", {
    decode,
    encode,
    load,
    dump,
    object: marker(objectMeta, "object", "object"),
    array: marker(arrayMeta, "array", "array"),
    null: jsonNull,
    _NAME: "rapidjson",
    _VERSION: "0.6.1",
  });
}
