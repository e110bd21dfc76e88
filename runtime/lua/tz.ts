// Local time as glibc computes it (time/tzfile.c, time/tzset.c), so os.date and os.time agree
// with lua5.3 on the same machine: the zone comes from TZ (unset: /etc/localtime; a name or
// ":name": a TZif file under /usr/share/zoneinfo; otherwise a POSIX rule such as "EST5EDT" or
// "<+04>-4"), times before the first transition take the first standard-time type, times
// from the last transition on follow the file's POSIX footer. JS Date is not used: ICU carries
// its own copy of the tz database, which may differ from the system's.
import { readFileSync } from "node:fs";

/** The local time type in force at some instant. */
export interface LocalType {
  /** Seconds east of UTC. */
  off: number;
  isdst: boolean;
  abbr: string;
}

/** A POSIX TZ day rule: Jn (no Feb 29), n (0-based day of year) or Mm.w.d. */
interface DayRule {
  kind: "J1" | "J0" | "M";
  d: number;
  m: number;
  w: number;
  /** Seconds after local midnight (2:00 by default; may be negative or past 24 h). */
  secs: number;
}

interface PosixZone {
  std: LocalType;
  /** DST name, offset and its start and end rules; absent when the zone has no DST. */
  dst?: LocalType;
  start?: DayRule;
  end?: DayRule;
}

interface Zone {
  transitions: number[];
  /** Local type index of each transition. */
  index: number[];
  types: LocalType[];
  footer: PosixZone | undefined;
}

let cachedKey: string | undefined | null = null;
let cached: Zone | undefined;

/** The zone for the current TZ (re-read when TZ changes, as tzset does). */
function zone(): Zone {
  const tz = process.env.TZ;
  if (cached !== undefined && tz === cachedKey) return cached;
  cachedKey = tz;
  cached = loadZone(tz);
  return cached;
}

function loadZone(tz: string | undefined): Zone {
  if (tz === "") return posixOnly(utc("UTC"));
  let file = tz === undefined ? "/etc/localtime" : tz.startsWith(":") ? tz.slice(1) : tz;
  if (!file.startsWith("/")) file = "/usr/share/zoneinfo/" + file;
  if (tz === undefined || !/(^|\/)\.\.(\/|$)/.test(file)) {
    try {
      return parseTzif(readFileSync(file));
    } catch {
      // not a readable TZif file: a POSIX rule, as glibc falls back to
    }
  }
  if (tz === undefined) return posixOnly(utc("UTC"));
  return posixOnly(parsePosix(tz.startsWith(":") ? tz.slice(1) : tz));
}

function utc(name: string): PosixZone {
  return { std: { off: 0, isdst: false, abbr: name } };
}

function posixOnly(p: PosixZone): Zone {
  return { transitions: [], index: [], types: [], footer: p };
}

function parseTzif(b: Buffer): Zone {
  if (b.toString("latin1", 0, 4) !== "TZif") throw new Error("not TZif");
  const version = b[4];
  let off = 0;
  let timeSize = 4;
  const counts = (at: number) => [0, 1, 2, 3, 4, 5].map((i) => b.readUInt32BE(at + 20 + 4 * i));
  if (version >= 0x32) {
    // skip the 32-bit block: the 64-bit one follows it
    const [isut, isstd, leap, time, type, chars] = counts(0);
    off = 44 + time * 4 + time + type * 6 + chars + leap * 8 + isstd + isut;
    timeSize = 8;
  }
  const [isut, isstd, leap, time, type, chars] = counts(off);
  let p = off + 44;
  const transitions: number[] = [];
  for (let i = 0; i < time; i++, p += timeSize) transitions.push(timeSize === 8 ? Number(b.readBigInt64BE(p)) : b.readInt32BE(p));
  const index: number[] = [];
  for (let i = 0; i < time; i++) index.push(b[p++]);
  const raw: [number, boolean, number][] = [];
  for (let i = 0; i < type; i++, p += 6) raw.push([b.readInt32BE(p), b[p + 4] !== 0, b[p + 5]]);
  const abbrs = p;
  const types = raw.map(([utoff, isdst, ai]): LocalType => {
    let e = abbrs + ai;
    while (e < abbrs + chars && b[e] !== 0) e++;
    return { off: utoff, isdst, abbr: b.toString("latin1", abbrs + ai, e) };
  });
  p += chars + leap * (timeSize + 4) + isstd + isut;
  let footer: PosixZone | undefined;
  if (version >= 0x32 && b[p] === 0x0a) {
    const end = b.indexOf(0x0a, p + 1);
    const spec = b.toString("latin1", p + 1, end < 0 ? b.length : end);
    if (spec !== "") footer = parsePosix(spec);
  }
  return { transitions, index, types, footer };
}

// ---- POSIX TZ strings (tzset.c __tzset_parse_tz) ----------------------------------------------

function parsePosix(spec: string): PosixZone {
  const s = { text: spec, at: 0 };
  const stdName = parseName(s);
  if (stdName === undefined) return utc("");
  const stdOff = parseOffset(s);
  if (stdOff === undefined) return utc(stdName); // "garbage", "Europe/Nowhere": UTC under that name
  const zone: PosixZone = { std: { off: -stdOff, isdst: false, abbr: stdName } };
  if (s.at >= s.text.length) return zone;
  const dstName = parseName(s);
  if (dstName === undefined) return zone;
  const dstOff = parseOffset(s);
  zone.dst = { off: dstOff === undefined ? -stdOff + 3600 : -dstOff, isdst: true, abbr: dstName };
  // no rules: glibc's built-in default (the US rules) when no posixrules file applies
  zone.start = parseRule(s) ?? { kind: "M", m: 3, w: 2, d: 0, secs: 7200 };
  zone.end = parseRule(s) ?? { kind: "M", m: 11, w: 1, d: 0, secs: 7200 };
  return zone;
}

function parseName(s: { text: string; at: number }): string | undefined {
  const t = s.text;
  if (t[s.at] === "<") {
    const close = t.indexOf(">", s.at);
    if (close < 0) return undefined;
    const name = t.slice(s.at + 1, close);
    s.at = close + 1;
    return name.length >= 3 ? name : undefined;
  }
  const m = /^[A-Za-z]*/.exec(t.slice(s.at))![0];
  if (m.length < 3) return undefined;
  s.at += m.length;
  return m;
}

/** [+-]hh[:mm[:ss]] in seconds, positive west of UTC as POSIX writes it. */
function parseOffset(s: { text: string; at: number }): number | undefined {
  const m = /^([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?/.exec(s.text.slice(s.at));
  if (!m) return undefined;
  s.at += m[0].length;
  const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -v : v;
}

function parseRule(s: { text: string; at: number }): DayRule | undefined {
  const rest = s.text.slice(s.at);
  const m = /^,(?:J(\d+)|M(\d+)\.(\d+)\.(\d+)|(\d+))(?:\/([+-]?)(\d+)(?::(\d+)(?::(\d+))?)?)?/.exec(rest);
  if (!m) return undefined;
  s.at += m[0].length;
  const secs = m[7] === undefined ? 7200 : (m[6] === "-" ? -1 : 1) * (Number(m[7]) * 3600 + Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
  if (m[1] !== undefined) return { kind: "J1", d: Number(m[1]), m: 0, w: 0, secs };
  if (m[2] !== undefined) return { kind: "M", m: Number(m[2]), w: Number(m[3]), d: Number(m[4]), secs };
  return { kind: "J0", d: Number(m[5]), m: 0, w: 0, secs };
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MON_YDAY = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** tzset.c compute_change: the UTC instant a rule fires in `year`, `off` the offset it is written in. */
function changeTime(r: DayRule, year: number, off: number): number {
  // glibc starts from 1970 for every earlier year
  let t = year > 1970 ? ((year - 1970) * 365 + Math.floor((year - 1) / 4) - 492 - (Math.floor((year - 1) / 100) - 19) + (Math.floor((year - 1) / 400) - 4)) * 86400 : 0;
  if (r.kind === "J1") t += (r.d - 1 + (r.d >= 60 && isLeap(year) ? 1 : 0)) * 86400;
  else if (r.kind === "J0") t += r.d * 86400;
  else {
    const leap = isLeap(year) ? 1 : 0;
    const before = MON_YDAY[r.m - 1] + (r.m > 2 ? leap : 0);
    const inMonth = MON_YDAY[r.m] - MON_YDAY[r.m - 1] + (r.m === 2 ? leap : 0);
    t += before * 86400;
    // Zeller's congruence: weekday of the month's first day
    const m1 = ((r.m + 9) % 12) + 1;
    const yy0 = r.m <= 2 ? year - 1 : year;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow = (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    let d = r.d - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.w; i++) {
      if (d + 7 >= inMonth) break;
      d += 7;
    }
    t += d * 86400;
  }
  return t - off + r.secs;
}

/** tzset.c __tz_compute: the footer's type at t (its year is t's UTC year, as in glibc). */
function posixType(p: PosixZone, t: number): LocalType {
  if (p.dst === undefined || p.start === undefined || p.end === undefined) return p.std;
  const year = new Date(t * 1000).getUTCFullYear();
  const start = changeTime(p.start, year, p.std.off);
  const end = changeTime(p.end, year, p.dst.off);
  const dst = start > end ? t < end || t >= start : t >= start && t < end;
  return dst ? p.dst : p.std;
}

/** The local time type in force at `t` (seconds since the epoch). */
export function localType(t: number): LocalType {
  const z = zone();
  const n = z.transitions.length;
  if (n === 0 || t < z.transitions[0]) {
    if (z.types.length === 0) return posixType(z.footer!, t);
    return z.types.find((ty) => !ty.isdst) ?? z.types[0];
  }
  if (t >= z.transitions[n - 1] && z.footer !== undefined) return posixType(z.footer, t);
  // the last transition at or before t
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (z.transitions[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return z.types[z.index[lo]];
}
