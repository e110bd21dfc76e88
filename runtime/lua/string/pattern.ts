// Lua 5.3.6 pattern matching: a port of the matcher in lstrlib.c (MatchState, match, ...).
//
// Subjects and patterns are byte strings (char codes 0..255) compared by char code. Positions
// are 0-based offsets into the subject; -1 means "no match" (C's NULL). The pattern is read
// from a zero-padded byte array (cached per pattern string), so reads at its end see the
// '\0' terminator exactly as in C, and typed-array reads are faster than charCodeAt. The
// subject stays a string; the one place C reads its terminator (the frontier at the subject
// end) substitutes 0 explicitly.
//
// The control flow mirrors C: lstrlib's tail `goto init` is a loop here, and its recursive
// calls (captures, `?`, max/min expansion) recurse, so the MAXCCALLS depth count and the
// "pattern too complex" error fall at the same place. Character classes use the C locale:
// bytes >= 0x80 are in no class.
import { runtimeError } from "../errors.ts";
import type { LuaValue } from "../value.ts";

export const MAXCAPTURES = 32;
/** Maximum recursion depth of match() (lstrlib's MAXCCALLS). */
export const MAXCCALLS = 200;
export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;

const L_ESC = 37; // '%'

// C-locale <ctype.h> as bit sets over bytes: bytes >= 0x80 are in no class.
const ALPHA = 1;
const CNTRL = 2;
const DIGIT = 4;
const GRAPH = 8;
const LOWER = 16;
const PUNCT = 32;
const SPACE = 64;
const UPPER = 128;
const XDIGIT = 256;
const ctype = new Uint16Array(256);
for (let c = 0; c < 128; c++) {
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  const digit = c >= 48 && c <= 57;
  const graph = c > 32 && c < 127;
  let b = 0;
  if (upper || lower) b |= ALPHA;
  if (upper) b |= UPPER;
  if (lower) b |= LOWER;
  if (digit) b |= DIGIT;
  if (c < 32 || c === 127) b |= CNTRL;
  if (graph) b |= GRAPH;
  if (graph && !upper && !lower && !digit) b |= PUNCT;
  if ((c >= 9 && c <= 13) || c === 32) b |= SPACE;
  if (digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) b |= XDIGIT;
  ctype[c] = b;
}

/** The ctype bits tested by each lower-case class letter ('z', deprecated, is handled apart). */
const CLASS_BITS = new Uint16Array(128);
CLASS_BITS[97] = ALPHA; // %a
CLASS_BITS[99] = CNTRL; // %c
CLASS_BITS[100] = DIGIT; // %d
CLASS_BITS[103] = GRAPH; // %g
CLASS_BITS[108] = LOWER; // %l
CLASS_BITS[112] = PUNCT; // %p
CLASS_BITS[115] = SPACE; // %s
CLASS_BITS[117] = UPPER; // %u
CLASS_BITS[119] = ALPHA | DIGIT; // %w
CLASS_BITS[120] = XDIGIT; // %x

/** match_class: does byte c belong to class `%cl` (`%a`, `%D`, ...; other chars match themselves)? */
export function matchClass(c: number, cl: number): boolean {
  // `cl | 0x20` is C's tolower wherever it matters: only letters land on a class letter
  const lower = cl | 0x20;
  let res: boolean;
  if (lower === 122)
    res = c === 0; // %z
  else {
    const bits = lower < 128 ? CLASS_BITS[lower] : 0;
    if (bits === 0) return cl === c;
    res = (ctype[c] & bits) !== 0;
  }
  return (ctype[cl] & LOWER) !== 0 ? res : !res;
}

/** Patterns as bytes plus two '\0's (C's terminator and one spare for lookahead), cached. */
const patternCache = new Map<string, Uint8Array>();
const PATTERN_CACHE_MAX = 512;
const PATTERN_CACHE_LEN = 256;

function patternBytes(pat: string): Uint8Array {
  let bytes = patternCache.get(pat);
  if (bytes === undefined) {
    bytes = new Uint8Array(pat.length + 2);
    for (let i = 0; i < pat.length; i++) bytes[i] = pat.charCodeAt(i);
    if (pat.length <= PATTERN_CACHE_LEN) {
      if (patternCache.size >= PATTERN_CACHE_MAX) patternCache.clear();
      patternCache.set(pat, bytes);
    }
  }
  return bytes;
}

const EMPTY = new Uint8Array(2);

/** The state of one match: lstrlib's MatchState. Reused across attempts and calls. */
export class MatchState {
  src = "";
  srcEnd = 0;
  pat: Uint8Array = EMPTY;
  pEnd = 0;
  /** Remaining recursion budget (matchdepth). Like C it is not restored after an error. */
  depth = MAXCCALLS;
  /** Number of captures opened so far, finished or not. */
  level = 0;
  readonly capInit = new Int32Array(MAXCAPTURES);
  readonly capLen = new Int32Array(MAXCAPTURES);
  /** What scanFirst found: the first item pattern[firstP..firstEp), -1 when nothing to skip by. */
  firstP = 0;
  firstEp = -1;
  firstLit: string | undefined = undefined;

  /** prepstate: a new subject and pattern. */
  prepare(src: string, pat: string): void {
    this.src = src;
    this.srcEnd = src.length;
    this.pat = patternBytes(pat);
    this.pEnd = pat.length;
    this.depth = MAXCCALLS;
    this.level = 0;
    this.firstEp = -1;
  }

  /** Drop the reference to the subject so an idle state holds no big string. */
  release(): void {
    this.src = "";
  }

  /** match(ms, s, p): the end of a match of pattern[p..] at subject position s, or -1. */
  match(s: number, p: number): number {
    if (this.depth-- === 0) throw runtimeError("pattern too complex");
    const pat = this.pat;
    const pEnd = this.pEnd;
    for (;;) {
      if (p === pEnd) break;
      const pc = pat[p];
      if (pc === 40) {
        // '(' start capture; "()" is a position capture
        s = pat[p + 1] === 41 ? this.startCapture(s, p + 2, CAP_POSITION) : this.startCapture(s, p + 1, CAP_UNFINISHED);
        break;
      }
      if (pc === 41) {
        // ')' end capture
        s = this.endCapture(s, p + 1);
        break;
      }
      if (pc === 36 && p + 1 === pEnd) {
        // '$' as the last pattern char anchors at the subject end
        if (s !== this.srcEnd) s = -1;
        break;
      }
      if (pc === L_ESC) {
        const next = pat[p + 1];
        if (next === 98) {
          // %bxy
          s = this.matchBalance(s, p + 2);
          if (s !== -1) {
            p += 4;
            continue;
          }
          break;
        }
        if (next === 102) {
          // %f[set]
          p += 2;
          if (pat[p] !== 91) throw runtimeError("missing '[' after '%f' in pattern");
          const ep = this.classEnd(p);
          const prev = s === 0 ? 0 : this.src.charCodeAt(s - 1);
          const cur = s < this.srcEnd ? this.src.charCodeAt(s) : 0;
          if (!this.matchBracketClass(prev, p, ep - 1) && this.matchBracketClass(cur, p, ep - 1)) {
            p = ep;
            continue;
          }
          s = -1;
          break;
        }
        if (next >= 48 && next <= 57) {
          // %0-%9 back-reference
          s = this.matchCapture(s, next);
          if (s !== -1) {
            p += 2;
            continue;
          }
          break;
        }
      }
      // A single char class plus an optional suffix.
      const ep = this.classEnd(p);
      const suffix = pat[ep];
      if (!this.singleMatch(s, p, ep)) {
        if (suffix === 42 || suffix === 63 || suffix === 45) {
          // '*', '?', '-' accept zero repetitions
          p = ep + 1;
          continue;
        }
        s = -1; // '+' or no suffix
        break;
      }
      if (suffix === 63) {
        // '?'
        const res = this.match(s + 1, ep + 1);
        if (res !== -1) {
          s = res;
          break;
        }
        p = ep + 1;
        continue;
      }
      if (suffix === 43) {
        s = this.maxExpand(s + 1, p, ep); // '+': one match already done
        break;
      }
      if (suffix === 42) {
        s = this.maxExpand(s, p, ep);
        break;
      }
      if (suffix === 45) {
        s = this.minExpand(s, p, ep);
        break;
      }
      s++;
      p = ep;
    }
    this.depth++;
    return s;
  }

  /** classend: the index just past the single char class starting at p. */
  classEnd(p: number): number {
    const pat = this.pat;
    const c = pat[p++];
    if (c === L_ESC) {
      if (p >= this.pEnd) throw runtimeError("malformed pattern (ends with '%')");
      return p + 1;
    }
    if (c === 91) {
      // '[': the first char (after an optional '^') never closes the set, so "[]]" works
      if (pat[p] === 94) p++;
      do {
        if (p >= this.pEnd) throw runtimeError("malformed pattern (missing ']')");
        if (pat[p++] === L_ESC && p < this.pEnd) p++; // skip escapes such as '%]'
      } while (pat[p] !== 93);
      return p + 1;
    }
    return p;
  }

  /** matchbracketclass: c against the set pattern[p..ec] where pattern[p] is '[' and pattern[ec] is ']'. */
  matchBracketClass(c: number, p: number, ec: number): boolean {
    const pat = this.pat;
    let sig = true;
    if (pat[p + 1] === 94) {
      sig = false;
      p++;
    }
    while (++p < ec) {
      const pc = pat[p];
      if (pc === L_ESC) {
        p++;
        if (matchClass(c, pat[p])) return sig;
      } else if (pat[p + 1] === 45 && p + 2 < ec) {
        // range a-z
        p += 2;
        if (pc <= c && c <= pat[p]) return sig;
      } else if (pc === c) return sig;
    }
    return !sig;
  }

  /** singlematch: does the subject byte at s match the class pattern[p..ep)? */
  singleMatch(s: number, p: number, ep: number): boolean {
    if (s >= this.srcEnd) return false;
    const c = this.src.charCodeAt(s);
    const pc = this.pat[p];
    switch (pc) {
      case 46:
        return true; // '.'
      case L_ESC:
        return matchClass(c, this.pat[p + 1]);
      case 91:
        return this.matchBracketClass(c, p, ep - 1);
      default:
        return pc === c;
    }
  }

  private matchBalance(s: number, p: number): number {
    if (p >= this.pEnd - 1) throw runtimeError("malformed pattern (missing arguments to '%b')");
    const src = this.src;
    const b = this.pat[p];
    if (s >= this.srcEnd || src.charCodeAt(s) !== b) return -1;
    const e = this.pat[p + 1];
    let cont = 1;
    while (++s < this.srcEnd) {
      const c = src.charCodeAt(s);
      if (c === e) {
        if (--cont === 0) return s + 1;
      } else if (c === b) cont++;
    }
    return -1; // the subject ends out of balance
  }

  private maxExpand(s: number, p: number, ep: number): number {
    let i = 0;
    while (this.singleMatch(s + i, p, ep)) i++;
    // try the rest with the most repetitions first
    for (; i >= 0; i--) {
      const res = this.match(s + i, ep + 1);
      if (res !== -1) return res;
    }
    return -1;
  }

  private minExpand(s: number, p: number, ep: number): number {
    for (;;) {
      const res = this.match(s, ep + 1);
      if (res !== -1) return res;
      if (this.singleMatch(s, p, ep)) s++;
      else return -1;
    }
  }

  private startCapture(s: number, p: number, what: number): number {
    const level = this.level;
    if (level >= MAXCAPTURES) throw runtimeError("too many captures");
    this.capInit[level] = s;
    this.capLen[level] = what;
    this.level = level + 1;
    const res = this.match(s, p);
    if (res === -1) this.level--; // undo the capture
    return res;
  }

  private endCapture(s: number, p: number): number {
    const l = this.captureToClose();
    this.capLen[l] = s - this.capInit[l];
    const res = this.match(s, p);
    if (res === -1) this.capLen[l] = CAP_UNFINISHED;
    return res;
  }

  private captureToClose(): number {
    for (let level = this.level - 1; level >= 0; level--) {
      if (this.capLen[level] === CAP_UNFINISHED) return level;
    }
    throw runtimeError("invalid pattern capture");
  }

  /** %1-%9 in a pattern: the subject at s must repeat capture `digit`. */
  private matchCapture(s: number, digit: number): number {
    const l = digit - 49;
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) {
      throw runtimeError(`invalid capture index %${l + 1}`);
    }
    const len = this.capLen[l];
    // a position capture's length is negative: as C's size_t it is huge and never fits
    if (len < 0 || this.srcEnd - s < len) return -1;
    const src = this.src;
    const init = this.capInit[l];
    for (let k = 0; k < len; k++) {
      if (src.charCodeAt(init + k) !== src.charCodeAt(s + k)) return -1;
    }
    return s + len;
  }

  /** push_onecapture: capture i (or the whole match s..e when there are none) as a Lua value. */
  capture(i: number, s: number, e: number): LuaValue {
    if (i >= this.level) {
      if (i === 0) return this.src.slice(s, e);
      throw runtimeError(`invalid capture index %${i + 1}`);
    }
    const l = this.capLen[i];
    if (l === CAP_UNFINISHED) throw runtimeError("unfinished capture");
    if (l === CAP_POSITION) return this.capInit[i] + 1;
    const init = this.capInit[i];
    return this.src.slice(init, init + l);
  }

  /**
   * push_captures: all captures as call results (one bare value, or an array for several).
   * With `whole` false (string.find) a match without captures yields nothing: NONE-like [].
   */
  captures(s: number, e: number, whole: boolean): LuaValue {
    const n = this.level === 0 && whole ? 1 : this.level;
    if (n === 1) return this.capture(0, s, e);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.capture(i, s, e);
    return out;
  }

  /**
   * Prepare candidate skipping for attempts at pattern[p..]. When the first item is a single
   * class that must match at least once, positions where it does not match fail at once in
   * match(), so drivers may skip them (same results, same errors). Call it only where C would
   * make an attempt anyway: it runs classend on the first item, which may raise its error.
   */
  scanFirst(p: number): void {
    this.firstEp = -1;
    if (p >= this.pEnd) return;
    const pat = this.pat;
    const c = pat[p];
    if (c === 40 || c === 41 || (c === 36 && p + 1 === this.pEnd)) return; // captures, final '$'
    if (c === L_ESC) {
      const n = pat[p + 1];
      if (n === 98 || n === 102 || (n >= 48 && n <= 57)) return; // %b, %f, back-references
    }
    const ep = this.classEnd(p);
    const q = pat[ep];
    if (q === 42 || q === 63 || q === 45) return; // '*', '?', '-' may match zero times
    this.firstP = p;
    this.firstEp = ep;
    // a plain byte (not '.', '[' or '%x') is found fastest with indexOf
    this.firstLit = ep === p + 1 && c !== 46 ? String.fromCharCode(c) : undefined;
  }

  /** The first position >= s where a match may start (see scanFirst), or -1 when none can. */
  candidate(s: number): number {
    const ep = this.firstEp;
    if (ep < 0) return s;
    if (this.firstLit !== undefined) return this.src.indexOf(this.firstLit, s);
    const end = this.srcEnd;
    const p = this.firstP;
    while (s < end && !this.singleMatch(s, p, ep)) s++;
    return s < end ? s : -1;
  }
}
