// Lua strings are byte strings (one char per byte); JSON (design files, QRC) carries Unicode
// text. Names and strings cross between the two here, as UTF-8.

const ASCII = /^[\x00-\x7f]*$/;

/** Unicode text -> the Lua byte string of its UTF-8 encoding. */
export function utf8ToBytes(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/** A Lua byte string -> Unicode text, reading the bytes as UTF-8. */
export function bytesToUtf8(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(s, "latin1").toString("utf8");
}

/** Every string (and object key) of a parsed JSON value, as Lua byte strings. */
export function jsonToBytes(v: unknown): unknown {
  if (typeof v === "string") return utf8ToBytes(v);
  if (Array.isArray(v)) return v.map(jsonToBytes);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[utf8ToBytes(k)] = jsonToBytes(x);
    return out;
  }
  return v;
}
