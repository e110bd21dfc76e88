// Lua 5.3.6 pattern matching: a port of the matcher in lstrlib.c (MatchState, match, ...).
//
// Subjects and patterns are byte strings (char codes 0..255) compared by char code. Positions
// are 0-based offsets into the subject; -1 means "no match" (C's NULL). Where lstrlib reads
// the '\0' terminator just past the end, charCodeAt gives NaN, which compares unequal to
// every character just as '\0' does in those places; the one place where the value 0 itself
// matters (the frontier's look at the subject end) substitutes it explicitly.
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

// C-locale <ctype.h> as bit sets over bytes.
const ALPHA = 1, CNTRL = 2, DIGIT = 4, GRAPH = 8, LOWER = 16, PUNCT = 32, SPACE = 64, UPPER = 128, XDIGIT = 256;
const ctype = new Uint16Array(256);
for (let c = 0; c < 128; c++) {
  let b = 0;
  const upper = c >= 65 && c <= 90, lower = c >= 97 && c <= 122, digit = c >= 48 && c <= 57;
  if (upper || lower) b |= ALPHA;
  if (upper) b |= UPPER;
  if (lower) b |= LOWER;
  if (digit) b |= DIGIT;
  if (c < 32 || c === 127) b |= CNTRL;
  if (c > 32 && c < 127) b |= GRAPH;
  if (c > 32 && c < 127 && !upper && !lower && !digit) b |= PUNCT;
  if ((c >= 9 && c <= 13) || c === 32) b |= SPACE;
  if (digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) b |= XDIGIT;
  ctype[c] = b;
}

/** match_class: does byte c belong to class letter cl (`a`, `D`, ...; other letters match themselves)? */
export function matchClass(c: number, cl: number): boolean {
  let res: boolean;
  switch (cl | 0x20) {
    case 97: res = (ctype[c] & ALPHA) !== 0; break; // a
    case 99: res = (ctype[c] & CNTRL) !== 0; break; // c
    case 100: res = (ctype[c] & DIGIT) !== 0; break; // d
    case 103: res = (ctype[c] & GRAPH) !== 0; break; // g
    case 108: res = (ctype[c] & LOWER) !== 0; break; // l
    case 112: res = (ctype[c] & PUNCT) !== 0; break; // p
    case 115: res = (ctype[c] & SPACE) !== 0; break; // s
    case 117: res = (ctype[c] & UPPER) !== 0; break; // u
    case 119: res = (ctype[c] & (ALPHA | DIGIT)) !== 0; break; // w
    case 120: res = (ctype[c] & XDIGIT) !== 0; break; // x
    case 122: res = c === 0; break; // z (deprecated)
    default: return cl === c;
  }
  // `cl | 0x20` equals C's tolower here: only letters reach the cases above.
  return (ctype[cl] & LOWER) !== 0 ? res : !res;
}

/** The state of one match: lstrlib's MatchState. Reused across attempts and calls. */
export class MatchState {
  src = "";
  srcEnd = 0;
  pat = "";
  pEnd = 0;
  /** Remaining recursion budget (matchdepth). Like C it is not restored after an error. */
  depth = MAXCCALLS;
  /** Number of captures opened so far, finished or not. */
  level = 0;
  readonly capInit = new Int32Array(MAXCAPTURES);
  readonly capLen = new Int32Array(MAXCAPTURES);

  /** prepstate: a new subject and pattern. */
  prepare(src: string, pat: string): void {
    this.src = src;
    this.srcEnd = src.length;
    this.pat = pat;
    this.pEnd = pat.length;
    this.depth = MAXCCALLS;
    this.level = 0;
  }

  /** Drop references to the subject and pattern so a pooled state holds no big strings. */
  release(): void {
    this.src = "";
    this.pat = "";
  }

  /** match(ms, s, p): the end of a match of pattern[p..] at subject position s, or -1. */
  match(s: number, p: number): number {
    if (this.depth-- === 0) throw runtimeError("pattern too complex");
    const pat = this.pat;
    const pEnd = this.pEnd;
    for (;;) {
      if (p === pEnd) break;
      const pc = pat.charCodeAt(p);
      if (pc === 40) {
        // '(' start capture; "()" is a position capture
        s = pat.charCodeAt(p + 1) === 41 ? this.startCapture(s, p + 2, CAP_POSITION) : this.startCapture(s, p + 1, CAP_UNFINISHED);
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
        const next = pat.charCodeAt(p + 1);
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
          if (pat.charCodeAt(p) !== 91) throw runtimeError("missing '[' after '%f' in pattern");
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
      const suffix = pat.charCodeAt(ep);
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
    const c = pat.charCodeAt(p++);
    if (c === L_ESC) {
      if (p >= this.pEnd) throw runtimeError("malformed pattern (ends with '%')");
      return p + 1;
    }
    if (c === 91) {
      // '[': the first char (after an optional '^') never closes the set, so "[]]" works
      if (pat.charCodeAt(p) === 94) p++;
      do {
        if (p >= this.pEnd) throw runtimeError("malformed pattern (missing ']')");
        if (pat.charCodeAt(p++) === L_ESC && p < this.pEnd) p++; // skip escapes such as '%]'
      } while (pat.charCodeAt(p) !== 93);
      return p + 1;
    }
    return p;
  }

  /** matchbracketclass: c against the set pattern[p..ec] where pattern[p] is '[' and pattern[ec] is ']'. */
  matchBracketClass(c: number, p: number, ec: number): boolean {
    const pat = this.pat;
    let sig = true;
    if (pat.charCodeAt(p + 1) === 94) {
      sig = false;
      p++;
    }
    while (++p < ec) {
      const pc = pat.charCodeAt(p);
      if (pc === L_ESC) {
        p++;
        if (matchClass(c, pat.charCodeAt(p))) return sig;
      } else if (pat.charCodeAt(p + 1) === 45 && p + 2 < ec) {
        // range a-z
        p += 2;
        if (pc <= c && c <= pat.charCodeAt(p)) return sig;
      } else if (pc === c) return sig;
    }
    return !sig;
  }

  /** singlematch: does the subject byte at s match the class pattern[p..ep)? */
  singleMatch(s: number, p: number, ep: number): boolean {
    if (s >= this.srcEnd) return false;
    const c = this.src.charCodeAt(s);
    const pc = this.pat.charCodeAt(p);
    switch (pc) {
      case 46:
        return true; // '.'
      case L_ESC:
        return matchClass(c, this.pat.charCodeAt(p + 1));
      case 91:
        return this.matchBracketClass(c, p, ep - 1);
      default:
        return pc === c;
    }
  }

  private matchBalance(s: number, p: number): number {
    if (p >= this.pEnd - 1) throw runtimeError("malformed pattern (missing arguments to '%b')");
    const src = this.src;
    const b = this.pat.charCodeAt(p);
    if (s >= this.srcEnd || src.charCodeAt(s) !== b) return -1;
    const e = this.pat.charCodeAt(p + 1);
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
   * A byte every match of pattern[p..] must start with, or -1. Searches use it to skip
   * positions where match() would fail on its first item anyway (same results, same errors).
   */
  firstLiteral(p: number): number {
    if (p >= this.pEnd) return -1;
    const c = this.pat.charCodeAt(p);
    // SPECIALS "^$*+?.([%-" plus ')', which closes a capture
    if (c === 94 || c === 36 || c === 42 || c === 43 || c === 63 || c === 46 || c === 40 || c === 91 || c === 37 || c === 45 || c === 41) {
      return -1;
    }
    const q = this.pat.charCodeAt(p + 1);
    if (q === 42 || q === 63 || q === 45) return -1; // may match zero times
    return c;
  }
}
