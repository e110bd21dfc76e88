// string.find, string.match, string.gmatch and string.gsub (lstrlib.c, Lua 5.3.6).
//
// The drivers around the matcher in pattern.ts: argument checks in lauxlib's order, the
// 5.3.6 position rules, the plain-search fast path, and the `lastmatch` rule that stops an
// empty match right after a previous match (gmatch, gsub). Two speed-ups keep results and
// errors identical to C: a pattern whose first item is a literal byte jumps with indexOf to
// the candidates (other start positions fail on that first byte anyway), and gsub copies
// unmatched stretches of the subject as slices instead of byte by byte.
import { argError, checkInt, checkString, typeError } from "../args.ts";
import { NONE } from "../call.ts";
import { runtimeError } from "../errors.ts";
import { index } from "../index-ops.ts";
import { numberToString } from "../number.ts";
import { LuaTable } from "../table.ts";
import { LuaFloat, truthy, type, type LuaValue } from "../value.ts";
import { MatchState } from "./pattern.ts";

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
  const lit = anchor ? -1 : ms.firstLiteral(pStart);
  const litStr = p.charAt(pStart);
  let s1 = init - 1;
  do {
    if (lit >= 0) {
      s1 = s.indexOf(litStr, s1);
      if (s1 < 0) break;
    }
    ms.level = 0;
    const e = ms.match(s1, pStart);
    if (e !== -1) {
      let r: LuaValue;
      if (isFind) {
        const caps = ms.captures(s1, e, false);
        if (Array.isArray(caps)) {
          caps.unshift(s1 + 1, e);
          r = caps;
        } else r = [s1 + 1, e, caps];
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
  const lit = ms.firstLiteral(0);
  const litStr = p.charAt(0);
  const subject: string = s;
  let pos = 0;
  let lastmatch = -1;
  return function gmatchIterator(): LuaValue {
    for (let src = pos; src <= ms.srcEnd; src++) {
      if (lit >= 0) {
        src = subject.indexOf(litStr, src);
        if (src < 0) break;
      }
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
  else if (typeof repl === "number" || typeof repl === "bigint" || repl instanceof LuaFloat) replStr = numberToString(repl);
  else if (typeof repl !== "function" && !(repl instanceof LuaTable)) {
    throw argError(3, "gsub", "string/function/table expected");
  }
  // a replacement string without '%' is copied as it is
  const literal = replStr !== undefined && replStr.indexOf("%") < 0;
  const anchor = p.charCodeAt(0) === 94;
  const pStart = anchor ? 1 : 0;
  const ms = pool.pop() ?? new MatchState();
  try {
    ms.prepare(subject, p);
    const lit = anchor ? -1 : ms.firstLiteral(pStart);
    const litStr = p.charAt(pStart);
    let out = "";
    let src = 0;
    let copied = 0; // subject[copied..src) is pending: skipped bytes not yet appended
    let lastmatch = -1;
    let n = 0;
    while (n < maxS) {
      if (lit >= 0 && src < srcEnd && subject.charCodeAt(src) !== lit) {
        const next = subject.indexOf(litStr, src);
        if (next < 0) break; // no further match possible: the rest is copied below
        src = next;
      }
      ms.level = 0;
      const e = ms.match(src, pStart);
      if (e !== -1 && e !== lastmatch) {
        n++;
        if (copied < src) out += subject.slice(copied, src);
        if (literal) out += replStr;
        else if (replStr !== undefined) out += expandRepl(ms, replStr, src, e);
        else out += replaceValue(ms, repl, src, e);
        src = lastmatch = copied = e;
      } else if (src < srcEnd) src++;
      else break;
      if (anchor) break;
    }
    if (copied < srcEnd) out += copied === 0 ? subject : subject.slice(copied);
    return [out, n];
  } finally {
    ms.release();
    pool.push(ms);
  }
}

/** add_s: a replacement string with %0-%9 and %%. */
function expandRepl(ms: MatchState, repl: string, s: number, e: number): string {
  let out = "";
  const l = repl.length;
  let from = 0;
  for (let i = repl.indexOf("%"); i >= 0 && i < l; i = repl.indexOf("%", i)) {
    out += repl.slice(from, i);
    i++; // skip the '%'
    const d = repl.charCodeAt(i); // NaN past the end, like C's '\0'
    if (d === 48) out += ms.src.slice(s, e);
    else if (d > 48 && d <= 57) {
      const cap = ms.capture(d - 49, s, e);
      out += typeof cap === "string" ? cap : String(cap);
    } else if (d === 37) out += "%";
    else throw runtimeError("invalid use of '%' in replacement string");
    from = ++i;
  }
  return from === 0 ? repl : out + repl.slice(from);
}

/** add_value for a table or function replacement. */
function replaceValue(ms: MatchState, repl: LuaValue, s: number, e: number): string {
  let v: LuaValue;
  if (typeof repl === "function") {
    const caps = ms.captures(s, e, true);
    const r = Array.isArray(caps) ? repl(...caps) : repl(caps);
    v = Array.isArray(r) ? r[0] : r;
  } else {
    v = index(repl, ms.capture(0, s, e)); // a table: lua_gettable honours __index
  }
  if (typeof v === "string") return v;
  if (!truthy(v)) return ms.src.slice(s, e); // nil or false keeps the original text
  if (typeof v === "number" || typeof v === "bigint" || v instanceof LuaFloat) return numberToString(v);
  throw runtimeError(`invalid replacement value (a ${type(v)})`);
}
