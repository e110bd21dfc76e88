// The os library of Lua 5.3.6 (loslib.c) on glibc: time, date (strftime in the C locale),
// clock, difftime, getenv, exit, remove, rename, tmpname, setlocale.
//
// Local time follows glibc's reading of the zone files and TZ rules (tz.ts), also when TZ
// changes at run time; JS Date only does calendar arithmetic in UTC.
// os.execute is left out: a Q-SYS script cannot run shell commands. File names go through the
// io library's sandbox (see io.ts).
import { closeSync, openSync, renameSync, rmdirSync, unlinkSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { argError, checkInteger, checkString, optString, typeError } from "./args.ts";
import { runtimeError } from "./errors.ts";
import { index, setindex } from "./index-ops.ts";
import { flushStdout } from "./output.ts";
import { str2number } from "./number.ts";
import { LuaTable } from "./table.ts";
import { LuaFloat, mkfloat, type LuaValue } from "./value.ts";
import { fileResult, sandboxPath } from "./io.ts";
import { localType } from "./tz.ts";

/** struct tm plus what %z/%Z need. mon is 0-11, wday 0-6 (Sunday 0), yday 0-365. */
interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number;
  isdst: boolean;
  gmtoff: number; // seconds east of UTC
  zone: string;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function ydayOf(y: number, m: number, d: number): number {
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  return cum[m] + d - 1 + (m > 1 && isLeap(y) ? 1 : 0);
}

/** gmtime_r / localtime_r of a time in seconds; undefined when JS Date cannot hold it. */
function breakDown(t: number, utc: boolean): Tm | undefined {
  const local = utc ? undefined : localType(t);
  const off = local?.off ?? 0;
  const d = new Date((t + off) * 1000);
  if (Number.isNaN(d.getTime())) return undefined;
  const year = d.getUTCFullYear();
  const [mon, mday] = [d.getUTCMonth(), d.getUTCDate()];
  return {
    year, mon, mday, hour: d.getUTCHours(), min: d.getUTCMinutes(), sec: d.getUTCSeconds(), wday: d.getUTCDay(),
    yday: ydayOf(year, mon, mday), isdst: local?.isdst ?? false, gmtoff: off, zone: local?.abbr ?? "GMT",
  };
}

/** "+0530" (%z), or "+0530"-style names tzdata uses for zones without an abbreviation ("+04"). */
function numericZone(off: number, full = true): string {
  const a = Math.abs(off);
  const hh = String(Math.floor(a / 3600)).padStart(2, "0");
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, "0");
  return (off < 0 ? "-" : "+") + hh + (full || mm !== "00" ? mm : "");
}

// ---- strftime (glibc, C locale) ---------------------------------------------------------------

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const p2 = (n: number) => String(n).padStart(2, "0");
const s2 = (n: number) => String(n).padStart(2, " ");

/** Days since the start of the ISO week-based year (glibc iso_week_days). */
function isoWeekDays(yday: number, wday: number): number {
  return yday - ((yday - wday + 4 + 378) % 7) + 4 - 1;
}

function isoWeek(tm: Tm): [year: number, week: number] {
  let year = tm.year;
  let days = isoWeekDays(tm.yday, tm.wday);
  if (days < 0) {
    year--;
    days = isoWeekDays(tm.yday + (365 + (isLeap(year) ? 1 : 0)), tm.wday);
  } else {
    const d = isoWeekDays(tm.yday - (365 + (isLeap(year) ? 1 : 0)), tm.wday);
    if (d >= 0) {
      year++;
      days = d;
    }
  }
  return [year, Math.floor(days / 7) + 1];
}

/** One conversion; `c` is the letter after any E/O modifier (the same in the C locale). */
function conversion(c: string, tm: Tm): string {
  switch (c) {
    case "a": return DAYS[tm.wday].slice(0, 3);
    case "A": return DAYS[tm.wday];
    case "b": case "h": return MONTHS[tm.mon].slice(0, 3);
    case "B": return MONTHS[tm.mon];
    case "c": return `${conversion("a", tm)} ${conversion("b", tm)} ${s2(tm.mday)} ${conversion("T", tm)} ${tm.year}`;
    case "C": return String(Math.floor(tm.year / 100));
    case "d": return p2(tm.mday);
    case "D": case "x": return `${p2(tm.mon + 1)}/${p2(tm.mday)}/${conversion("y", tm)}`;
    case "e": return s2(tm.mday);
    case "F": return `${tm.year}-${p2(tm.mon + 1)}-${p2(tm.mday)}`;
    case "g": return p2((((isoWeek(tm)[0] % 100) + 100) % 100));
    case "G": return String(isoWeek(tm)[0]);
    case "H": return p2(tm.hour);
    case "I": return p2(tm.hour % 12 === 0 ? 12 : tm.hour % 12);
    case "j": return String(tm.yday + 1).padStart(3, "0");
    case "m": return p2(tm.mon + 1);
    case "M": return p2(tm.min);
    case "n": return "\n";
    case "p": return tm.hour < 12 ? "AM" : "PM";
    case "r": return `${conversion("I", tm)}:${p2(tm.min)}:${p2(tm.sec)} ${conversion("p", tm)}`;
    case "R": return `${p2(tm.hour)}:${p2(tm.min)}`;
    case "S": return p2(tm.sec);
    case "t": return "\t";
    case "T": case "X": return `${p2(tm.hour)}:${p2(tm.min)}:${p2(tm.sec)}`;
    case "u": return String(tm.wday === 0 ? 7 : tm.wday);
    case "U": return p2(Math.floor((tm.yday - tm.wday + 7) / 7));
    case "V": return p2(isoWeek(tm)[1]);
    case "w": return String(tm.wday);
    case "W": return p2(Math.floor((tm.yday - ((tm.wday + 6) % 7) + 7) / 7));
    case "y": return p2(((tm.year % 100) + 100) % 100);
    case "Y": return String(tm.year);
    case "z": return numericZone(tm.gmtoff);
    case "Z": return tm.zone;
    case "%": return "%";
  }
  throw new Error("unreachable conversion " + c);
}

// loslib.c LUA_STRFTIMEOPTIONS for C99: one-letter options, then two-letter E/O forms.
const OPTIONS1 = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
const OPTIONS2 = ["Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"];

function strftime(fmt: string, from: number, tm: Tm): string {
  let out = "";
  let i = from;
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch !== "%") {
      const j = fmt.indexOf("%", i);
      out += fmt.slice(i, j < 0 ? fmt.length : j);
      i = j < 0 ? fmt.length : j;
      continue;
    }
    const c = fmt[i + 1];
    if (c !== undefined && OPTIONS1.includes(c)) {
      out += conversion(c, tm);
      i += 2;
    } else if (c !== undefined && OPTIONS2.includes(fmt.slice(i + 1, i + 3))) {
      out += conversion(fmt[i + 2], tm);
      i += 3;
    } else throw argError(1, "date", `invalid conversion specifier '%${fmt.slice(i + 1)}'`);
  }
  return out;
}

// ---- the library --------------------------------------------------------------------------

/** l_checktime: an integer argument (time_t is int64 here). */
function checkTime(v: LuaValue, n: number, fname: string, argc: number): number {
  if (v === undefined) throw typeError(v, n, fname, "number", argc < n);
  const i = checkInteger(v, n, fname);
  return typeof i === "number" ? i : Number(i);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function date(format?: LuaValue, time?: LuaValue): LuaValue {
  const fmt = optString(format, 1, "date", "%c");
  const t = time === undefined ? nowSeconds() : checkTime(time, 2, "date", 2);
  const utc = fmt.startsWith("!");
  const tm = Math.abs(t) < 8.64e12 ? breakDown(t, utc) : undefined;
  if (tm === undefined) throw runtimeError("time result cannot be represented in this installation");
  const from = utc ? 1 : 0;
  if (fmt.length - from === 2 && fmt.startsWith("*t", from)) {
    const r = new LuaTable();
    setAllFields(r, tm);
    return r;
  }
  return strftime(fmt, from, tm);
}

function setAllFields(t: LuaValue, tm: Tm): void {
  const set = (k: string, v: LuaValue) => (t instanceof LuaTable && t.metatable === undefined ? t.set(k, v) : setindex(t, k, v));
  set("sec", tm.sec);
  set("min", tm.min);
  set("hour", tm.hour);
  set("day", tm.mday);
  set("month", tm.mon + 1);
  set("year", tm.year);
  set("wday", tm.wday + 1);
  set("yday", tm.yday + 1);
  set("isdst", tm.isdst);
}

/** L_MAXDATEFIELD (INT_MAX / 2): fields beyond it are refused before mktime could overflow. */
const MAXDATEFIELD = 1073741823;

/** loslib getfield: an integer field within int range after subtracting delta; d < 0 = required. */
function getField(t: LuaValue, key: string, d: number, delta: number): number {
  const v = index(t, key);
  let r: LuaValue = v;
  if (typeof v === "string") r = str2number(v);
  if (r instanceof LuaFloat) r = Number.isInteger(r.n) && Math.abs(r.n) < 2 ** 63 ? r.n : undefined;
  if (typeof r === "bigint") r = Number(r);
  if (typeof r !== "number" || !Number.isInteger(r)) {
    if (v !== undefined) throw runtimeError(`field '${key}' is not an integer`);
    if (d < 0) throw runtimeError(`field '${key}' missing in date table`);
    return d;
  }
  if (!(-MAXDATEFIELD <= r && r <= MAXDATEFIELD)) throw runtimeError(`field '${key}' is out-of-bound`);
  return r - delta;
}

/** UTC milliseconds of broken-down fields, normalising overflowing fields like mktime. */
function fieldsToUtcMs(year: number, mon: number, day: number, hour: number, min: number, sec: number): number {
  // Date.UTC maps years 0..99 to 1900..1999: shift by 400 years (146097 days) to dodge that.
  const shift = year >= 0 && year < 100 ? 400 : 0;
  return Date.UTC(year + shift, mon, day, hour, min, sec) - shift * 146097 * 86400000 / 400;
}

/** mktime: local fields -> time, honouring a requested isdst (-1 = let the zone decide). */
function mktime(year: number, mon: number, day: number, hour: number, min: number, sec: number, isdst: number): number {
  const wall = fieldsToUtcMs(year, mon, day, hour, min, sec);
  if (Number.isNaN(wall)) return NaN;
  // Two rounds find the offset in force at the result (a gap moves forward, as glibc does).
  let t = wall - offsetMs(wall);
  t = wall - offsetMs(t);
  const want = isdst > 0;
  if (isdst >= 0 && localType(Math.floor(t / 1000)).isdst !== want) {
    // glibc (gnulib mktime.c): probe neighbouring times, a week apart in both directions up
    // to ~7.3 years, for one with the requested isdst, and use its offset; when there is
    // none, assume the usual one-hour difference.
    const stride = 601200;
    const bound = 457243200 / 2 + stride;
    const s = Math.floor(t / 1000);
    for (let delta = stride; delta < bound; delta += stride) {
      for (const dir of [-1, 1]) {
        const other = localType(s + delta * dir);
        if (other.isdst === want) return wall - other.off * 1000;
      }
    }
    return want ? t - 3600000 : t + 3600000;
  }
  return t;
}

/** The local offset at time t (ms), as glibc's zone rules give it. */
function offsetMs(t: number): number {
  return localType(Math.floor(t / 1000)).off * 1000;
}

export function time(t?: LuaValue): LuaValue {
  if (t === undefined) return nowSeconds();
  if (!(t instanceof LuaTable)) throw typeError(t, 1, "time", "table");
  const sec = getField(t, "sec", 0, 0);
  const min = getField(t, "min", 0, 0);
  const hour = getField(t, "hour", 12, 0);
  const day = getField(t, "day", -1, 0);
  const mon = getField(t, "month", -1, 1);
  const year = getField(t, "year", -1, 1900) + 1900;
  const dst = index(t, "isdst");
  const ms = mktime(year, mon, day, hour, min, sec, dst === undefined ? -1 : dst === false ? 0 : 1);
  const secs = Math.floor(ms / 1000);
  const tm = Number.isNaN(ms) ? undefined : breakDown(secs, false);
  if (tm === undefined || secs === -1) throw runtimeError("time result cannot be represented in this installation");
  setAllFields(t, tm);
  return secs;
}

export function difftime(t1: LuaValue, t2?: LuaValue): LuaValue {
  const a = checkTime(t1, 1, "difftime", arguments.length);
  const b = checkTime(t2, 2, "difftime", arguments.length);
  return mkfloat(a - b);
}

/** clock(): CPU time of the process in seconds. */
export function clock(): LuaValue {
  const u = process.cpuUsage();
  return mkfloat((u.user + u.system) / 1e6);
}

export function getenv(name?: LuaValue): LuaValue {
  if (name === undefined) throw typeError(name, 1, "getenv", "string", arguments.length === 0);
  const key = Buffer.from(checkString(name, 1, "getenv"), "latin1").toString("utf8");
  const v = process.env[key];
  return v === undefined ? undefined : Buffer.from(v, "utf8").toString("latin1");
}

export function exit(code?: LuaValue, close?: LuaValue): never {
  let status: number;
  if (typeof code === "boolean") status = code ? 0 : 1;
  else status = code === undefined ? 0 : Number(checkInteger(code, 1, "exit"));
  void close; // lua_close would run __gc finalizers; JS has none to run
  flushStdout();
  process.exit(status | 0);
}

export function remove(name: LuaValue): LuaValue {
  const fname = checkString(name, 1, "remove");
  const path = sandboxPath(fname);
  if (typeof path !== "string") return fileResult(path, fname);
  try {
    try {
      unlinkSync(path);
    } catch (e) {
      // C remove() also deletes empty directories
      if ((e as NodeJS.ErrnoException).code !== "EISDIR" && (e as NodeJS.ErrnoException).code !== "EPERM") throw e;
      rmdirSync(path);
    }
    return true;
  } catch (e) {
    return fileResult(e, fname);
  }
}

export function rename(from: LuaValue, to: LuaValue): LuaValue {
  const a = checkString(from, 1, "rename");
  const b = checkString(to, 2, "rename");
  const pa = sandboxPath(a);
  const pb = sandboxPath(b);
  if (typeof pa !== "string") return fileResult(pa, undefined);
  if (typeof pb !== "string") return fileResult(pb, undefined);
  try {
    renameSync(pa, pb);
    return true;
  } catch (e) {
    return fileResult(e, undefined); // loslib passes no file name here
  }
}

/** mkstemp-like: creates an empty file and returns its name (inside the data directory). */
export function tmpname(): LuaValue {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = "lua_" + Array.from(randomBytes(6), (x) => chars[x % chars.length]).join("");
    const path = sandboxPath(name);
    if (typeof path !== "string") break;
    try {
      closeSync(openSync(path, "wx", 0o600));
      return name;
    } catch {
      // exists: try another name
    }
  }
  throw runtimeError("unable to generate a unique filename");
}

const CATEGORIES = ["all", "collate", "ctype", "monetary", "numeric", "time"];

/** Only the C locale exists here: querying or selecting "C"/"POSIX"/"" gives "C", others fail. */
export function setlocale(locale?: LuaValue, category?: LuaValue): LuaValue {
  const l = locale === undefined ? undefined : checkString(locale, 1, "setlocale");
  const cat = optString(category, 2, "setlocale", "all");
  if (!CATEGORIES.includes(cat)) throw argError(2, "setlocale", `invalid option '${cat}'`);
  return l === undefined || l === "" || l === "C" || l === "POSIX" ? "C" : undefined;
}

export const osLib = { clock, date, difftime, exit, getenv, remove, rename, setlocale, time, tmpname };
