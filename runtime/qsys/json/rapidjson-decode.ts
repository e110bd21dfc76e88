// rapidjson.decode: RapidJSON's Reader with default flags (reader.h) feeding lua-rapidjson's
// ToLuaHandler (values.hpp), ported step by step so that values, error texts and error
// offsets are the same.
//
// - Strict JSON: no comments, NaN, Infinity or trailing commas. A NUL byte ends the input,
//   as RapidJSON's stream reports '\0' there ("[1]\0xyz" decodes).
// - Strings are byte strings: bytes pass through unchecked (invalid UTF-8 too); \uXXXX escapes
//   (and surrogate pairs) become UTF-8; raw control characters are errors.
// - Numbers: integers that fit in 64 bits are Lua integers (above 2^63-1: floats); anything
//   with a fraction or exponent is a float, computed as RapidJSON's normal-precision path does
//   (digits accumulated, then one multiply or divide by a power of ten).
// - Objects and arrays are tables with the shared metatables of rapidjson.object()/array(),
//   so they encode back as they came; null is rapidjson.null.
// - Errors: nil, "<RapidJSON message> (<byte offset>)".
//
// The parser keeps its own stack, so nesting depth costs no JS stack.
import { LuaTable } from "../../lua/table.ts";
import { mkfloat, mkint, type LuaValue } from "../../lua/value.ts";

const MESSAGES = {
  DocumentEmpty: "The document is empty.",
  DocumentRootNotSingular: "The document root must not be followed by other values.",
  ValueInvalid: "Invalid value.",
  ObjectMissName: "Missing a name for object member.",
  ObjectMissColon: "Missing a colon after a name of object member.",
  ObjectMissCommaOrCurlyBracket: "Missing a comma or '}' after an object member.",
  ArrayMissCommaOrSquareBracket: "Missing a comma or ']' after an array element.",
  StringUnicodeEscapeInvalidHex: "Incorrect hex digit after \\u escape in string.",
  StringUnicodeSurrogateInvalid: "The surrogate pair in string is invalid.",
  StringEscapeInvalid: "Invalid escape character in string.",
  StringMissQuotationMark: "Missing a closing quotation mark in string.",
  StringInvalidEncoding: "Invalid encoding in string.",
  NumberTooBig: "Number too big to be stored in double.",
  NumberMissFraction: "Miss fraction part in number.",
  NumberMissExponent: "Miss exponent in number.",
  Termination: "Terminate parsing due to Handler error.",
} as const;

class ParseError {
  constructor(
    readonly code: keyof typeof MESSAGES,
    readonly offset: number,
  ) {}
}

export interface DecodeContext {
  null: LuaValue;
  objectMeta: LuaTable;
  arrayMeta: LuaTable;
}

/** Lua's stack limit (LUAI_MAXSTACK): the handler's lua_checkstack fails beyond it. */
const MAX_SLOTS = 1000000;

const ESCAPES: Record<number, string> = { 34: '"', 47: "/", 92: "\\", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };

/** A value, or [undefined, message] for invalid JSON. */
export function decodeJson(s: string, ctx: DecodeContext): LuaValue {
  try {
    return new Reader(s, ctx).parse();
  } catch (e) {
    if (e instanceof ParseError) return [undefined, `${MESSAGES[e.code]} (${e.offset})`];
    throw e;
  }
}

interface Frame {
  table: LuaTable;
  isArray: boolean;
  /** The member name waiting for its value (objects). */
  key: string | undefined;
}

class Reader {
  pos = 0;
  constructor(
    readonly s: string,
    readonly ctx: DecodeContext,
  ) {}

  /** The current byte, 0 at the end (RapidJSON's Peek). */
  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : 0;
  }

  consume(c: number): boolean {
    if (this.peek() === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  fail(code: keyof typeof MESSAGES, offset = this.pos): never {
    throw new ParseError(code, offset);
  }

  skipWhitespace(): void {
    for (let c = this.peek(); c === 32 || c === 10 || c === 13 || c === 9; c = this.peek()) this.pos++;
  }

  parse(): LuaValue {
    this.skipWhitespace();
    if (this.peek() === 0) this.fail("DocumentEmpty");
    const v = this.parseValue();
    this.skipWhitespace();
    if (this.peek() !== 0) this.fail("DocumentRootNotSingular");
    return v;
  }

  /**
   * One JSON value. Containers are parsed with an explicit stack: `value` holds the value
   * just completed, which goes into the innermost open container (or is the result).
   */
  parseValue(): LuaValue {
    const stack: Frame[] = [];
    let slots = 0;
    for (;;) {
      let value: LuaValue;
      let complete = true;
      const c = this.peek();
      if (c === 123 || c === 91) {
        // '{' or '['
        this.pos++;
        if (slots + 2 > MAX_SLOTS) this.fail("Termination");
        const isArray = c === 91;
        const table = new LuaTable();
        table.metatable = isArray ? this.ctx.arrayMeta : this.ctx.objectMeta;
        this.skipWhitespace();
        if (this.consume(isArray ? 93 : 125)) value = table;
        else {
          stack.push({ table, isArray, key: undefined });
          slots += isArray ? 1 : 2;
          if (!isArray) this.memberName(stack[stack.length - 1]);
          complete = false;
        }
      } else value = this.scalar(c);
      if (!complete) continue;
      // Put the completed value into its container; close containers that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) return value;
        if (top.isArray) top.table.set(top.table.length() + 1, value);
        else top.table.set(top.key, value);
        this.skipWhitespace();
        if (top.isArray) {
          if (this.consume(44)) {
            this.skipWhitespace();
            break;
          }
          if (!this.consume(93)) this.fail("ArrayMissCommaOrSquareBracket");
        } else {
          const n = this.peek();
          if (n === 44) {
            this.pos++;
            this.skipWhitespace();
            this.memberName(top);
            break;
          }
          if (n !== 125) this.fail("ObjectMissCommaOrCurlyBracket");
          this.pos++;
        }
        stack.pop();
        slots -= top.isArray ? 1 : 2;
        value = top.table;
      }
    }
  }

  /** `"name" :` before a member's value. */
  memberName(frame: Frame): void {
    if (this.peek() !== 34) this.fail("ObjectMissName");
    frame.key = this.string();
    this.skipWhitespace();
    if (!this.consume(58)) this.fail("ObjectMissColon");
    this.skipWhitespace();
  }

  scalar(c: number): LuaValue {
    switch (c) {
      case 110: // n
        return this.literal("ull", this.ctx.null);
      case 116: // t
        return this.literal("rue", true);
      case 102: // f
        return this.literal("alse", false);
      case 34:
        return this.string();
    }
    return this.number();
  }

  literal(rest: string, value: LuaValue): LuaValue {
    this.pos++;
    for (let i = 0; i < rest.length; i++) if (!this.consume(rest.charCodeAt(i))) this.fail("ValueInvalid");
    return value;
  }

  hex4(escapeOffset: number): number {
    let cp = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.peek();
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 65 && c <= 70) d = c - 55;
      else if (c >= 97 && c <= 102) d = c - 87;
      else this.fail("StringUnicodeEscapeInvalidHex", escapeOffset);
      cp = cp * 16 + d;
      this.pos++;
    }
    return cp;
  }

  string(): string {
    this.pos++; // '"'
    const s = this.s;
    let out = "";
    let start = this.pos;
    for (;;) {
      const c = this.peek();
      if (c === 34 || c === 92 || c < 0x20) {
        out += s.slice(start, this.pos);
        if (c === 34) {
          this.pos++;
          return out;
        }
        if (c === 92) {
          const escapeOffset = this.pos;
          this.pos++;
          const e = this.peek();
          const simple = ESCAPES[e];
          if (simple !== undefined) {
            this.pos++;
            out += simple;
          } else if (e === 117) {
            this.pos++;
            let cp = this.hex4(escapeOffset);
            if (cp >= 0xd800 && cp <= 0xdbff) {
              if (!this.consume(92) || !this.consume(117)) this.fail("StringUnicodeSurrogateInvalid", escapeOffset);
              const cp2 = this.hex4(escapeOffset);
              if (cp2 < 0xdc00 || cp2 > 0xdfff) this.fail("StringUnicodeSurrogateInvalid", escapeOffset);
              cp = ((cp - 0xd800) << 10) + (cp2 - 0xdc00) + 0x10000;
            }
            out += utf8(cp);
          } else this.fail("StringEscapeInvalid", escapeOffset);
        } else if (c === 0) this.fail("StringMissQuotationMark");
        else this.fail("StringInvalidEncoding");
        start = this.pos;
      } else this.pos++;
    }
  }

  /** ParseNumber of reader.h with kParseDefaultFlags. */
  number(): LuaValue {
    const startOffset = this.pos;
    const minus = this.consume(45);
    let i = 0;
    let i64 = 0n;
    let use64bit = false;
    let significandDigit = 0;
    const digit = () => this.peek() >= 48 && this.peek() <= 57;
    const take = () => this.s.charCodeAt(this.pos++) - 48;
    if (this.peek() === 48) {
      this.pos++;
    } else if (this.peek() >= 49 && this.peek() <= 57) {
      i = take();
      const [limit, last] = minus ? [214748364, 56] : [429496729, 53];
      while (digit()) {
        if (i >= limit && (i !== limit || this.peek() > last)) {
          i64 = BigInt(i);
          use64bit = true;
          break;
        }
        i = i * 10 + take();
        significandDigit++;
      }
    } else this.fail("ValueInvalid");

    let useDouble = false;
    let d = 0;
    if (use64bit) {
      const [limit, last] = minus ? [0x0cccccccccccccccn, 56] : [0x1999999999999999n, 53];
      while (digit()) {
        if (i64 >= limit && (i64 !== limit || this.peek() > last)) {
          d = Number(i64);
          useDouble = true;
          break;
        }
        i64 = i64 * 10n + BigInt(take());
        significandDigit++;
      }
    }
    if (useDouble) while (digit()) d = d * 10 + take();

    let expFrac = 0;
    if (this.consume(46)) {
      if (!digit()) this.fail("NumberMissFraction");
      if (!useDouble) {
        // The significand continues in 64 bits up to 2^53 - 1 (exact in a double).
        let n = use64bit ? i64 : BigInt(i);
        while (digit()) {
          if (n > 0x1fffffffffffffn) break;
          n = n * 10n + BigInt(take());
          --expFrac;
          if (n !== 0n) significandDigit++;
        }
        d = Number(n);
        useDouble = true;
      }
      while (digit()) {
        if (significandDigit < 17) {
          d = d * 10.0 + take();
          --expFrac;
          if (d > 0.0) significandDigit++;
        } else this.pos++;
      }
    }

    let exp = 0;
    if (this.consume(101) || this.consume(69)) {
      if (!useDouble) {
        d = use64bit ? Number(i64) : i;
        useDouble = true;
      }
      const expMinus = !this.consume(43) && this.consume(45);
      if (!digit()) this.fail("NumberMissExponent");
      exp = take();
      if (expMinus) {
        const maxExp = Math.trunc((expFrac + 2147483639) / 10);
        while (digit()) {
          exp = exp * 10 + take();
          if (exp > maxExp) while (digit()) this.pos++;
        }
      } else {
        const maxExp = 308 - expFrac;
        while (digit()) {
          exp = exp * 10 + take();
          if (exp > maxExp) this.fail("NumberTooBig", startOffset);
        }
      }
      if (expMinus) exp = -exp;
    }

    if (useDouble) {
      d = strtodNormalPrecision(d, exp + expFrac);
      if (d > Number.MAX_VALUE) this.fail("NumberTooBig", startOffset);
      return mkfloat(minus ? -d : d);
    }
    if (use64bit) {
      // Int64 for negatives; Uint64 above 2^63 - 1 becomes a Lua float.
      if (minus) return mkint(-i64);
      return i64 > 0x7fffffffffffffffn ? mkfloat(Number(i64)) : mkint(i64);
    }
    return minus && i !== 0 ? -i : i;
  }
}

const POW10: number[] = [];
for (let n = 0; n <= 308; n++) POW10.push(Number(`1e${n}`));

function fastPath(significand: number, exp: number): number {
  if (exp < -308) return 0.0;
  if (exp >= 0) return significand * POW10[exp];
  return significand / POW10[-exp];
}

function strtodNormalPrecision(d: number, p: number): number {
  if (p < -308) return fastPath(fastPath(d, -308), p + 308);
  return fastPath(d, p);
}

/** A code point as UTF-8 bytes (one char per byte). */
function utf8(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
