// Correctly rounded exp, log, log2, pow, sin, cos, tan, atan, atan2, asin, acos.
//
// lua5.3 calls glibc, whose implementations of these are correctly rounded in all but rare
// cases; V8's Math.* (fdlibm ports) are off by one unit in the last place for 3-6% of inputs,
// which string.format("%.17g") and sometimes tostring show. Here each function is evaluated in
// double-double arithmetic (~106 bits) and rounded once: that is the correctly rounded result
// except in astronomically rare cases, and agrees with glibc wherever glibc is correctly
// rounded (measured on 20,000 inputs per function: 99.8% to 99.99% agreement, the rest being
// glibc's own last-bit errors; see the note of issue 3). Math.* is used only where its result
// is the same (special values, subnormal results, tiny arguments). sinh, cosh, tanh and log10
// are not here: glibc's come from fdlibm, as V8's do, and agree with them more often.
//
// Double-double values are passed as (hi, lo) pairs and returned in the registers R, so the
// arithmetic allocates nothing (about 0.5-1 µs per call instead of 25 ns for Math.*).

/** The result registers: R[0] + R[1]. A typed array keeps the doubles unboxed. */
const R = new Float64Array(2);

const SPLIT = 134217729; // 2^27 + 1: Dekker's splitting constant

/** H + L = a + b exactly. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[1] = a - (s - bb) + (b - bb);
  R[0] = s;
}

/** H + L = a * b exactly (|a|, |b| < 2^996). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  R[1] = ah * bh - p + ah * bl + al * bh + al * bl;
  R[0] = p;
}

/** (ah, al) + (bh, bl). */
function add(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  e += t;
  let h = s + e;
  e = e - (h - s);
  e += f;
  s = h + e;
  R[1] = e - (s - h);
  R[0] = s;
}

/** (ah, al) * (bh, bl). */
function mul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = R[0];
  const e = R[1] + (ah * bl + al * bh);
  R[0] = p + e;
  R[1] = e - (R[0] - p);
}

/** (ah, al) / (bh, bl), three quotient digits. */
function div(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mul(bh, bl, q1, 0);
  add(ah, al, -R[0], -R[1]);
  const q2 = R[0] / bh;
  const rh = R[0];
  const rl = R[1];
  mul(bh, bl, q2, 0);
  add(rh, rl, -R[0], -R[1]);
  const q3 = R[0] / bh;
  twoSum(q1, q2);
  add(R[0], R[1], q3, 0);
}

/** sqrt(ah, al) by one Newton step from Math.sqrt. */
function sqrt(ah: number, al: number): void {
  const x = Math.sqrt(ah);
  if (x === 0) {
    R[0] = R[1] = 0;
    return;
  }
  twoProd(x, x);
  add(ah, al, -R[0], -R[1]);
  const c = R[0] / (2 * x);
  R[0] = x + c;
  R[1] = c - (R[0] - x);
}

const LN2_H = 0.6931471805599453;
const LN2_L = 2.3190468138462996e-17;
const PI_H = 3.141592653589793;
const PI_L = 1.2246467991473532e-16;
const HALF_PI = 1.5707963267948966;
// pi/2 in six parts, the first five of 26 bits: k * part is exact for k < 2^27
const PIO2_PARTS = [1.5707963407039642, -1.3909067675399456e-8, 6.123233932053594e-17, 6.368317178484799e-25, -1.497384905065873e-33];
const PIO2_LAST = 2.0670321098263988e-43;

/** 1/n! as double-doubles (hi and lo arrays), n = 0..30. */
const FACT_H = new Float64Array(31);
const FACT_L = new Float64Array(31);
FACT_H[0] = 1;
for (let n = 1; n <= 30; n++) {
  div(FACT_H[n - 1], FACT_L[n - 1], n, 0);
  FACT_H[n] = R[0];
  FACT_L[n] = R[1];
}

/** 1/n as a double-double. */
function inverse(n: number): void {
  div(1, 0, n, 0);
}

// ---- exp and log --------------------------------------------------------------------------------

/** e^(xh + xl) by the slow route (Taylor on r / 1024, squared ten times): builds the table. */
function expSlow(xh: number, xl: number): void {
  const k = Math.round(xh / LN2_H);
  twoProd(LN2_H, k);
  const ph = R[0];
  const pl = R[1] + LN2_L * k;
  add(xh, xl, -ph, -pl);
  const sh = R[0] / 1024;
  const sl = R[1] / 1024;
  // m = e^s - 1 by Horner: s(1/1! + s(1/2! + ... s/10!))
  let mh = 0;
  let ml = 0;
  for (let n = 10; n >= 1; n--) {
    add(mh, ml, FACT_H[n], FACT_L[n]);
    mul(R[0], R[1], sh, sl);
    mh = R[0];
    ml = R[1];
  }
  // (1 + m)^2 = 1 + (2m + m^2): squaring ten times keeps the small part exact
  for (let i = 0; i < 10; i++) {
    mul(mh, ml, mh, ml);
    add(2 * mh, 2 * ml, R[0], R[1]);
    mh = R[0];
    ml = R[1];
  }
  add(1, 0, mh, ml);
  const scale = 2 ** k;
  R[0] *= scale;
  R[1] *= scale;
}

/** 2^(j/64), j = 0..63, as double-doubles (computed once, by the slow route). */
const EXP_TABLE = 64;
const T_H = new Float64Array(EXP_TABLE);
const T_L = new Float64Array(EXP_TABLE);
for (let j = 0; j < EXP_TABLE; j++) {
  mul(LN2_H, LN2_L, j / EXP_TABLE, 0);
  expSlow(R[0], R[1]);
  T_H[j] = R[0];
  T_L[j] = R[1];
}

/**
 * e^(xh + xl) for xh in [-745, 710]: x = (64m + j) ln2/64 + r with |r| <= ln2/128, so
 * e^x = 2^m 2^(j/64) e^r, and e^r needs eleven Taylor terms.
 */
function expDD(xh: number, xl: number): void {
  const k = Math.round((xh * EXP_TABLE) / LN2_H);
  // k ln2/64 as a double-double: ln2/64 splits exactly, k * (ln2/64).hi is exact via twoProd
  twoProd(LN2_H / EXP_TABLE, k);
  const ph = R[0];
  const pl = R[1] + (LN2_L / EXP_TABLE) * k;
  add(xh, xl, -ph, -pl);
  const rh = R[0];
  const rl = R[1];
  // e^r - 1 by Horner: terms from r^5 on are below 2^-44 and need only double precision
  let mh = 0;
  for (let n = 11; n >= 5; n--) mh = (mh + FACT_H[n]) * rh;
  let ml = 0;
  for (let n = 4; n >= 1; n--) {
    add(mh, ml, FACT_H[n], FACT_L[n]);
    mul(R[0], R[1], rh, rl);
    mh = R[0];
    ml = R[1];
  }
  const j = ((k % EXP_TABLE) + EXP_TABLE) % EXP_TABLE;
  const m = (k - j) / EXP_TABLE;
  // 2^(j/64) (1 + (e^r - 1))
  mul(T_H[j], T_L[j], mh, ml);
  add(T_H[j], T_L[j], R[0], R[1]);
  // 2^m in two steps, so 2^-1075 < 2^m < 2^1024 never overflows on its own
  const half = m >> 1;
  R[0] *= 2 ** half;
  R[1] *= 2 ** half;
  R[0] *= 2 ** (m - half);
  R[1] *= 2 ** (m - half);
}

export function exp(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x); // NaN, infinities, overflow, subnormal results
  if (x === 0) return 1;
  expDD(x, 0);
  return R[0] + R[1];
}

/** ln x for a normal, finite x > 0, as a double-double. */
function logDD(x: number): void {
  if (x > 0.75 && x < 1.5) {
    // near 1: 2 atanh(u), u = f / (2 + f) with f = x - 1 exact: small results keep precision
    const f = x - 1;
    twoSum(2, f);
    div(f, 0, R[0], R[1]);
    const uh = R[0];
    const ul = R[1];
    mul(uh, ul, uh, ul);
    const u2h = R[0];
    const u2l = R[1];
    // the terms from u^19 on are below 2^-44: their part of the sum in double precision
    let sh = 0;
    for (let n = 41; n >= 19; n -= 2) sh = sh * u2h + 1 / n;
    let sl = 0;
    for (let n = 17; n >= 1; n -= 2) {
      mul(sh, sl, u2h, u2l);
      const th = R[0];
      const tl = R[1];
      inverse(n);
      add(th, tl, R[0], R[1]);
      sh = R[0];
      sl = R[1];
    }
    mul(sh, sl, uh, ul);
    R[0] *= 2;
    R[1] *= 2;
    return;
  }
  // Newton from Math.log: ln x = y + ln(x e^-y), and t = x e^-y - 1 is tiny: ln(1 + t) = t - t^2/2
  const y = Math.log(x);
  expDD(-y, 0);
  mul(R[0], R[1], x, 0);
  add(R[0], R[1], -1, 0);
  const th = R[0];
  const tl = R[1];
  mul(th, tl, th, tl);
  add(th, tl, -R[0] / 2, -R[1] / 2);
  add(y, 0, R[0], R[1]);
}

const MIN_NORMAL = 2.2250738585072014e-308;

export function log(x: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity)) return Math.log(x);
  if (x === 1) return 0;
  logDD(x);
  return R[0] + R[1];
}

export function log2(x: number): number {
  if (!(x >= MIN_NORMAL && x < Infinity)) return Math.log2(x);
  const e = Math.log2(x);
  if (Number.isInteger(e) && 2 ** e === x) return e; // exact powers of two
  logDD(x);
  div(R[0], R[1], LN2_H, LN2_L);
  return R[0] + R[1];
}

let lastBase = NaN;
let lastLogH = 0;
let lastLogL = 0;

/** x^y for finite x > 0 and y when the result is a normal double; otherwise undefined. */
export function pow(x: number, y: number): number | undefined {
  if (!(x >= MIN_NORMAL && x < Infinity && Number.isFinite(y))) return undefined;
  if (x === 1 || y === 0) return 1;
  if (y === 1) return x;
  // loops such as 10^(db/20) keep the base: its logarithm is kept too
  if (x !== lastBase) {
    logDD(x);
    lastBase = x;
    lastLogH = R[0];
    lastLogL = R[1];
  }
  mul(lastLogH, lastLogL, y, 0);
  if (!(R[0] > -708 && R[0] < 709)) return undefined;
  expDD(R[0], R[1]);
  return R[0] + R[1];
}

// ---- trigonometric functions --------------------------------------------------------------------

const TRIG_LIMIT = 2 ** 27; // below 2^27 * pi/2 the quotient k stays under 2^27

/** x reduced modulo pi/2 into (H, L), |r| <= pi/4; returns the quadrant. */
function reduce(x: number): number {
  const k = Math.round(x / HALF_PI);
  let rh = x - k * PIO2_PARTS[0]; // exact: k * part is exact and close to x
  let rl = 0;
  for (let i = 1; i < PIO2_PARTS.length; i++) {
    add(rh, rl, -k * PIO2_PARTS[i], 0);
    rh = R[0];
    rl = R[1];
  }
  twoProd(k, PIO2_LAST);
  add(rh, rl, -R[0], -R[1]);
  return ((k % 4) + 4) % 4;
}

// Huge arguments (Payne-Hanek): x * 2/pi with enough bits of 2/pi that the fraction is exact
// to 128 bits; the bits are computed once, on first use, from Machin's formula.
const FRACTION_BITS = 1300;
const BITS = new DataView(new ArrayBuffer(8));
let twoOverPi: bigint | undefined;

function computeTwoOverPi(): bigint {
  const one = 1n << BigInt(FRACTION_BITS + 64);
  // atan(1/k) * one by its alternating series
  const atanInv = (k: bigint): bigint => {
    let sum = 0n;
    let power = one / k;
    const k2 = k * k;
    for (let n = 1n; power !== 0n; n += 2n) {
      sum += (n % 4n === 1n ? power : -power) / n;
      power /= k2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n); // pi * 2^(FRACTION_BITS + 64)
  return (2n * one * (1n << BigInt(FRACTION_BITS))) / pi; // 2/pi * 2^FRACTION_BITS
}

/** Like reduce, for TRIG_LIMIT <= |x| < infinity. */
function reduceHuge(x: number): number {
  twoOverPi ??= computeTwoOverPi();
  // |x| = m * 2^e with m a 53-bit integer, read from the bits (x is normal here)
  BITS.setFloat64(0, x);
  const raw = BITS.getBigUint64(0);
  const e = Number((raw >> 52n) & 0x7ffn) - 1075;
  let m = (raw & 0xfffffffffffffn) | 0x10000000000000n;
  const shift = BigInt(FRACTION_BITS - e); // x * 2/pi = m * T / 2^shift
  const prod = m * twoOverPi;
  let q = prod >> shift;
  // the next 256 bits of the fraction, as a signed value around 0 (|r| <= pi/4); so many,
  // because x may lie within 2^-60 of a multiple of pi/2 and tan magnifies what is left
  let frac = (prod >> (shift - 256n)) & ((1n << 256n) - 1n);
  if (frac >= 1n << 255n) {
    frac -= 1n << 256n;
    q += 1n;
  }
  m = frac < 0n ? -frac : frac;
  // its leading 53 bits and the 53 after them, as a double-double
  const top = BigInt(m.toString(2).length);
  const cut = top > 106n ? top - 106n : 0n;
  const w = m >> cut;
  const fh = Number(w >> 53n) * 2 ** Number(cut + 53n - 256n);
  const fl = Number(w & ((1n << 53n) - 1n)) * 2 ** Number(cut - 256n);
  twoSum(fh, fl);
  mul(R[0], R[1], HALF_PI, 6.123233995736766e-17); // f * pi/2
  if (frac < 0n) {
    R[0] = -R[0];
    R[1] = -R[1];
  }
  let quadrant = Number(q & 3n);
  if (x < 0) {
    R[0] = -R[0];
    R[1] = -R[1];
    quadrant = (4 - quadrant) % 4;
  }
  return quadrant;
}

/** sin (odd = true) or cos of r = (rh, rl), |r| <= pi/4, by Taylor series, into (H, L). */
function taylor(rh: number, rl: number, odd: boolean): void {
  mul(rh, rl, rh, rl);
  const r2h = R[0];
  const r2l = R[1];
  // terms from r^15 on are below 2^-40: their part of the sum in double precision
  let sh = 0;
  for (let n = odd ? 27 : 28; n >= 15; n -= 2) sh = (sh + ((n >> 1) % 2 === 1 ? -FACT_H[n] : FACT_H[n])) * r2h;
  let sl = 0;
  for (let n = odd ? 13 : 14; n >= 2; n -= 2) {
    const sign = (n >> 1) % 2 === 1 ? -1 : 1;
    add(sh, sl, sign * FACT_H[n], sign * FACT_L[n]);
    mul(R[0], R[1], r2h, r2l);
    sh = R[0];
    sl = R[1];
  }
  add(sh, sl, 1, 0);
  if (odd) mul(R[0], R[1], rh, rl);
}

/** sin x (which = 0) or cos x (which = 1) into (H, L), x finite. */
function sinCos(x: number, which: 0 | 1): void {
  const q = Math.abs(x) < TRIG_LIMIT ? reduce(x) : reduceHuge(x);
  const rh = R[0];
  const rl = R[1];
  // sin(r + q pi/2): q = 0 sin r, 1 cos r, 2 -sin r, 3 -cos r; cos is sin shifted by one
  const quadrant = (q + which) % 4;
  taylor(rh, rl, quadrant % 2 === 0);
  if (quadrant >= 2) {
    R[0] = -R[0];
    R[1] = -R[1];
  }
}

export function sin(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) < 1e-8) return Math.sin(x);
  sinCos(x, 0);
  return R[0] + R[1];
}

export function cos(x: number): number {
  if (!Number.isFinite(x)) return Math.cos(x);
  sinCos(x, 1);
  return R[0] + R[1];
}

export function tan(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) < 1e-8) return Math.tan(x);
  sinCos(x, 0);
  const sh = R[0];
  const sl = R[1];
  sinCos(x, 1);
  div(sh, sl, R[0], R[1]);
  return R[0] + R[1];
}

/** atan(qh + ql) into (H, L): Math.atan corrected by one Newton step through exact sin and cos. */
function atanDD(qh: number, ql: number): void {
  const y = Math.atan(qh);
  sinCos(y, 0);
  const sh = R[0];
  const sl = R[1];
  sinCos(y, 1);
  const ch = R[0];
  const cl = R[1];
  // atan q - y = atan((q cos y - sin y) / (cos y + q sin y)), whose argument is ~1e-16
  mul(qh, ql, ch, cl);
  add(R[0], R[1], -sh, -sl);
  const nh = R[0];
  const nl = R[1];
  mul(qh, ql, sh, sl);
  add(ch, cl, R[0], R[1]);
  div(nh, nl, R[0], R[1]);
  add(y, 0, R[0], R[1]);
}

export function atan(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) < 1e-8 || Math.abs(x) > 1e150) return Math.atan(x);
  atanDD(x, 0);
  return R[0] + R[1];
}

export function atan2(y: number, x: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0) return Math.atan2(y, x);
  div(y, 0, x, 0);
  if (!(Math.abs(R[0]) > 1e-150 && Math.abs(R[0]) < 1e150)) return Math.atan2(y, x);
  atanDD(R[0], R[1]);
  if (x < 0) {
    if (y > 0) add(R[0], R[1], PI_H, PI_L);
    else add(R[0], R[1], -PI_H, -PI_L);
  }
  return R[0] + R[1];
}

export function asin(x: number): number {
  if (!(Math.abs(x) < 1) || Math.abs(x) < 1e-8) return Math.asin(x);
  // asin x = atan(x / sqrt((1 - x)(1 + x)))
  twoSum(1, -x);
  const ah = R[0];
  const al = R[1];
  twoSum(1, x);
  mul(ah, al, R[0], R[1]);
  sqrt(R[0], R[1]);
  div(x, 0, R[0], R[1]);
  atanDD(R[0], R[1]);
  return R[0] + R[1];
}

export function acos(x: number): number {
  if (!(Math.abs(x) < 1)) return Math.acos(x);
  // acos x = 2 atan(sqrt((1 - x) / (1 + x))): no cancellation near 1
  twoSum(1, -x);
  const ah = R[0];
  const al = R[1];
  twoSum(1, x);
  div(ah, al, R[0], R[1]);
  sqrt(R[0], R[1]);
  atanDD(R[0], R[1]);
  return 2 * R[0] + 2 * R[1];
}

/** C's pow for doubles (NaN signs aside): correctly rounded where pow() above applies. */
export function powC(x: number, y: number): number {
  if (x === 1 || y === 0) return 1; // even for NaN
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  // common exact cases first: one rounding, or none
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  if (y === 0.5 && x > 0) return Math.sqrt(x);
  if (Number.isInteger(x) && Number.isInteger(y) && y > 0 && y <= 64) {
    const r = intPow(x, y);
    if (r !== undefined) return r;
  }
  if (x < 0 && x > -Infinity && Number.isInteger(y)) {
    const r = pow(-x, y);
    if (r !== undefined) return Math.abs(y % 2) === 1 ? -r : r;
  } else if (x > 0) {
    const r = pow(x, y);
    if (r !== undefined) return r;
  }
  return x ** y;
}

/** x^y for integers when every partial product stays exact (below 2^53); else undefined. */
function intPow(x: number, y: number): number | undefined {
  let result = 1;
  let base = x;
  for (let e = y; ; ) {
    if (e & 1) {
      result *= base;
      if (!(Math.abs(result) <= 9007199254740992)) return undefined;
    }
    e >>= 1;
    if (e === 0) return result;
    base *= base;
    if (!(Math.abs(base) <= 9007199254740992)) return undefined;
  }
}
