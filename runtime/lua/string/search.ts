// string.find, string.match, string.gmatch and string.gsub (lstrlib.c, Lua 5.3.6).
//
// The drivers around the matcher in pattern.ts: argument checks in lauxlib's order, the
// 5.3.6 position rules, the plain-search fast path, and the `lastmatch` rule that stops an
// empty match right after a previous match (gmatch, gsub). Speed-ups that keep results and
// errors identical to C: a pattern whose first item is a literal byte jumps with indexOf to
// the candidates, a first item that is a class is tested before a full attempt (other start
// positions fail on that first item anyway), and gsub copies unmatched stretches of the
// subject in one piece and builds big results as bytes.
import { argError, checkInt, checkString, typeError } from "../args.ts";
import { NONE } from "../call.ts";
import { cFunctionCall, runtimeError } from "../errors.ts";
import { index } from "../index-ops.ts";
import { numberToString } from "../number.ts";
import { LuaTable } from "../table.ts";
import { LuaFloat, truthy, type, type LuaValue } from "../value.ts";
import { MatchState } from "./pattern.ts";
import { Buffer } from "node:buffer";

/** lstrlib's SPECIALS: a pattern without any of them is searched as plain text. */
const SPECIALS = /[\^$*+?.(\[%-]/;

/** find and match never call Lua code while matching, so they can share one state. */
const shared = new MatchState();
/** gsub calls Lua code (replacement functions) that may call gsub again: states come from a pool. */
const pool: MatchState[] = [];

/** A string argument; absent (not just nil) ones read "got no value" as in lauxlib. */
function str(v: LuaValue, n: number, fname: string, nargs: number): string {
  if (v === undefined && nargs < n) throw typeError(v, n, fname, "string", true);
  return checkString(v, n, fname);
}

/** posrelat (5.3.6): negative positions count from the end; too negative ones become 0. */
function posrelat(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

export function find(s: LuaValue, p: LuaValue, init?: LuaValue, plain?: LuaValue): LuaValue {
  if (typeof s !== "string") s = str(s, 1, "find", arguments.length);
  if (typeof p !== "string") p = str(p, 2, "find", arguments.length);
  return findAux(s, p, init, plain, true);
}

export function match(s: LuaValue, p: LuaValue, init?: LuaValue): LuaValue {
  if (typeof s !== "string") s = str(s, 1, "match", arguments.length);
  if (typeof p !== "string") p = str(p, 2, "match", arguments.length);
  return findAux(s, p, init, false, false);
}

/** str_find_aux: the common part of find and match. */
function findAux(s: string, p: string, initArg: LuaValue, plain: LuaValue, isFind: boolean): LuaValue {
  const ls = s.length;
  let init = initArg === undefined ? 1 : posrelat(checkInt(initArg, 3, isFind ? "find" : "match"), ls);
  if (init < 1) init = 1;
  if (init > ls + 1) return undefined; // starts after the end: cannot find anything
  if (isFind && (truthy(plain) || !SPECIALS.test(p))) {
    const at = s.indexOf(p, init - 1);
    return at < 0 ? undefined : [at + 1, at + p.length];
  }
  const ms = shared;
  const anchor = p.charCodeAt(0) === 94;
  const pStart = anchor ? 1 : 0;
  ms.prepare(s, p);
  if (!anchor) ms.scanFirst(pStart);
  let s1 = init - 1;
  do {
    if (!anchor && (s1 = ms.candidate(s1)) < 0) break;
    ms.level = 0;
    const e = ms.match(s1, pStart);
    if (e !== -1) {
      let r: LuaValue;
      if (isFind) {
        const level = ms.level;
        r = new Array(level + 2);
        r[0] = s1 + 1;
        r[1] = e;
        for (let i = 0; i < level; i++) r[i + 2] = ms.capture(i, s1, e);
      } else r = ms.captures(s1, e, true);
      ms.release();
      return r;
    }
  } while (s1++ < ls && !anchor);
  ms.release();
  return undefined;
}

/** string.gmatch(s, p): an iterator over the matches; in 5.3 a leading '^' is a literal char. */
export function gmatch(s: LuaValue, p: LuaValue): LuaValue {
  if (typeof s !== "string") s = str(s, 1, "gmatch", arguments.length);
  if (typeof p !== "string") p = str(p, 2, "gmatch", arguments.length);
  const ms = new MatchState();
  ms.prepare(s, p);
  let scanned = false;
  let pos = 0;
  let lastmatch = -1;
  return function gmatchIterator(): LuaValue {
    if (!scanned) {
      ms.scanFirst(0); // here, not in gmatch(): a malformed first item errs on the first call
      scanned = true;
    }
    for (let src = pos; src <= ms.srcEnd; src++) {
      if ((src = ms.candidate(src)) < 0) break;
      ms.level = 0;
      const e = ms.match(src, 0);
      if (e !== -1 && e !== lastmatch) {
        pos = lastmatch = e;
        return ms.captures(src, e, true);
      }
    }
    return NONE;
  };
}

export function gsub(s: LuaValue, p: LuaValue, repl?: LuaValue, maxN?: LuaValue): LuaValue {
  if (typeof s !== "string") s = str(s, 1, "gsub", arguments.length);
  if (typeof p !== "string") p = str(p, 2, "gsub", arguments.length);
  const subject: string = s;
  const srcEnd = subject.length;
  const maxS = maxN === undefined ? srcEnd + 1 : checkInt(maxN, 4, "gsub");
  let replStr: string | undefined;
  if (typeof repl === "string") replStr = repl;
  else if (typeof repl === "number" || typeof repl === "bigint" || repl instanceof LuaFloat)
    replStr = numberToString(repl);
  else if (typeof repl !== "function" && !(repl instanceof LuaTable)) {
    throw argError(3, "gsub", "string/function/table expected");
  }
  // a replacement string without '%' is copied as it is
  const plainRepl = replStr !== undefined && replStr.indexOf("%") < 0 ? replStr : undefined;
  const anchor = p.charCodeAt(0) === 94;
  const pStart = anchor ? 1 : 0;
  const ms = pool.pop() ?? new MatchState();
  try {
    ms.prepare(subject, p);
    if (!anchor && maxS > 0) ms.scanFirst(pStart);
    const out = new Output();
    let src = 0;
    let copied = 0; // subject[copied..src) is pending: skipped bytes not yet appended
    let lastmatch = -1;
    let n = 0;
    while (n < maxS) {
      if (!anchor && src < srcEnd) {
        const next = ms.candidate(src);
        if (next < 0) break; // no further match possible: the rest is copied below
        src = next;
      }
      ms.level = 0;
      const e = ms.match(src, pStart);
      if (e !== -1 && e !== lastmatch) {
        n++;
        if (copied < src) out.add(subject, copied, src);
        if (plainRepl !== undefined) out.add(plainRepl, 0, plainRepl.length);
        else if (replStr !== undefined) expandRepl(ms, out, replStr, src, e);
        else {
          const v = replaceValue(ms, repl, src, e);
          out.add(v, 0, v.length);
        }
        src = lastmatch = copied = e;
      } else if (src < srcEnd) src++;
      else break;
      if (anchor) break;
    }
    if (n === 0) return [subject, 0];
    if (copied < srcEnd) out.add(subject, copied, srcEnd);
    return [out.result(), n];
  } finally {
    ms.release();
    pool.push(ms);
  }
}

/**
 * gsub's result buffer. A few pieces are joined as JS strings; past that the bytes go into a
 * growing byte array, because a rope of a million small strings costs ~20x more to build
 * (measured: 1M one-char matches, 103 ms as a rope or an array join, 6 ms as bytes).
 */
class Output {
  private str = "";
  private pieces = 0;
  private buf: Uint8Array | undefined = undefined;
  private n = 0;

  add(s: string, from: number, to: number): void {
    if (this.buf === undefined) {
      if (++this.pieces <= 32) {
        this.str += from === 0 && to === s.length ? s : s.slice(from, to);
        return;
      }
      this.buf = new Uint8Array(Math.max(1024, (to - from) * 2));
    }
    let buf = this.buf;
    let n = this.n;
    if (n + (to - from) > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, n + (to - from)));
      bigger.set(buf.subarray(0, n));
      this.buf = buf = bigger;
    }
    for (let i = from; i < to; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }

  result(): string {
    if (this.buf === undefined) return this.str;
    return this.str + Buffer.from(this.buf.buffer, 0, this.n).toString("latin1");
  }
}

/** add_s: a replacement string with %0-%9 and %%. */
function expandRepl(ms: MatchState, out: Output, repl: string, s: number, e: number): void {
  const l = repl.length;
  let from = 0;
  for (let i = repl.indexOf("%"); i >= 0 && i < l; i = repl.indexOf("%", i)) {
    if (from < i) out.add(repl, from, i);
    i++; // skip the '%'
    const d = repl.charCodeAt(i); // NaN past the end, like C's '\0'
    if (d === 48) out.add(ms.src, s, e);
    else if (d > 48 && d <= 57) {
      const c = d - 49;
      if (c < ms.level && ms.capLen[c] >= 0) {
        out.add(ms.src, ms.capInit[c], ms.capInit[c] + ms.capLen[c]); // a finished string capture
        from = ++i;
        continue;
      }
      const cap = ms.capture(c, s, e); // position captures, the whole match, errors
      const text = typeof cap === "string" ? cap : String(cap);
      out.add(text, 0, text.length);
    } else if (d === 37) out.add("%", 0, 1);
    else throw runtimeError("invalid use of '%' in replacement string");
    from = ++i;
  }
  if (from < l) out.add(repl, from, l);
}

/** add_value for a table or function replacement. */
function replaceValue(ms: MatchState, repl: LuaValue, s: number, e: number): string {
  let v: LuaValue;
  if (typeof repl === "function") {
    const caps = ms.captures(s, e, true);
    // a C function stands between the caller and the replacement (errors there have no position)
    const r = cFunctionCall(repl, Array.isArray(caps) ? caps : [caps]);
    v = Array.isArray(r) ? r[0] : r;
  } else {
    v = index(repl, ms.capture(0, s, e)); // a table: lua_gettable honours __index
  }
  if (typeof v === "string") return v;
  if (!truthy(v)) return ms.src.slice(s, e); // nil or false keeps the original text
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  throw runtimeError(`invalid replacement value (a ${type(v)})`);
}
