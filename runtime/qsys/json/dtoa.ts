// Doubles as RapidJSON writes them (internal/dtoa.h: Grisu2, then Prettify), so rapidjson.encode
// prints the same digits as on a Core. Grisu2 yields digits that read back to the same double
// but, for a small share of values, not the shortest such digits — so JS's own shortest
// formatting would differ there; this follows the algorithm step by step, with BigInt for its
// 64-bit unsigned arithmetic.
//
// Text forms (Prettify): 1234e7 -> "12340000000.0", 1234e-2 -> "12.34", 1234e-6 -> "0.001234",
// 1e30 -> "1e30", 1234e30 -> "1.234e33", 1e-7 -> "1e-7". Callers reject NaN and infinities.

const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const HIDDEN = 1n << 52n;
const SIGNIFICAND_MASK = HIDDEN - 1n;
const EXPONENT_BIAS = 0x3ff + 52;

interface DiyFp {
  f: bigint;
  e: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function fromDouble(d: number): DiyFp {
  f64[0] = d;
  const bits = u64[0];
  const biased = Number((bits >> 52n) & 0x7ffn);
  const significand = bits & SIGNIFICAND_MASK;
  return biased !== 0 ? { f: significand + HIDDEN, e: biased - EXPONENT_BIAS } : { f: significand, e: -EXPONENT_BIAS + 1 };
}

/** The 64x64 product's high half, rounded by the low half's top bit. */
function multiply(a: DiyFp, b: DiyFp): DiyFp {
  const p = a.f * b.f;
  let h = p >> 64n;
  if (p & (1n << 63n)) h++;
  return { f: U64(h), e: a.e + b.e + 64 };
}

/** Leading zero bits of a 64-bit value (f > 0). */
function clz64(f: bigint): number {
  const hi = Number(f >> 32n);
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(f & 0xffffffffn));
}

function normalize(x: DiyFp): DiyFp {
  const s = clz64(x.f);
  return { f: U64(x.f << BigInt(s)), e: x.e - s };
}

/** Shift so the bit above the hidden bit is set (bit 53), then by 10 more: top bit 63. */
function normalizeBoundary(x: DiyFp): DiyFp {
  const s = clz64(x.f) - 10;
  return { f: U64(x.f << BigInt(s + 10)), e: x.e - s - 10 };
}

function normalizedBoundaries(v: DiyFp): [minus: DiyFp, plus: DiyFp] {
  const pl = normalizeBoundary({ f: (v.f << 1n) + 1n, e: v.e - 1 });
  const mi = v.f === HIDDEN ? { f: (v.f << 2n) - 1n, e: v.e - 2 } : { f: (v.f << 1n) - 1n, e: v.e - 1 };
  return [{ f: U64(mi.f << BigInt(mi.e - pl.e)), e: pl.e }, pl];
}

/**
 * Grisu's cached powers 10^-348, 10^-340, ..., 10^340 as normalised 64-bit significands,
 * rounded to nearest (computed exactly here rather than copied as a table).
 */
const CACHED: DiyFp[] = [];
for (let i = 0; i < 87; i++) {
  const k = -348 + 8 * i;
  // 10^k = num / den exactly; find e with 2^63 <= 10^k / 2^e < 2^64, then round.
  const num = k >= 0 ? 10n ** BigInt(k) : 1n;
  const den = k >= 0 ? 1n : 10n ** BigInt(-k);
  let e = num.toString(2).length - den.toString(2).length - 64;
  const scaled = (e2: number) => (e2 >= 0 ? [num, den << BigInt(e2)] : [num << BigInt(-e2), den]);
  let [n, d] = scaled(e);
  while (n / d >= 1n << 64n) [n, d] = scaled(++e);
  while (n / d < 1n << 63n) [n, d] = scaled(--e);
  let f = n / d;
  if ((n % d) * 2n >= d) f++;
  if (f === 1n << 64n) {
    f >>= 1n;
    e++;
  }
  CACHED.push({ f, e });
}

function cachedPower(e: number): { c: DiyFp; K: number } {
  const dk = (-61 - e) * 0.30102999566398114 + 347;
  let k = Math.trunc(dk);
  if (dk - k > 0.0) k++;
  const index = (k >> 3) + 1;
  return { c: CACHED[index], K: -(-348 + index * 8) };
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

function grisuRound(buffer: number[], len: number, delta: bigint, rest: bigint, tenKappa: bigint, wpW: bigint): void {
  while (rest < wpW && U64(delta - rest) >= tenKappa && (U64(rest + tenKappa) < wpW || U64(wpW - rest) > U64(rest + tenKappa - wpW))) {
    buffer[len - 1]--;
    rest = U64(rest + tenKappa);
  }
}

function countDecimalDigit32(n: number): number {
  for (let d = 1; d < 9; d++) if (n < POW10[d]) return d;
  return 9;
}

/** Digits of W (char codes) and the decimal exponent adjustment. */
function digitGen(W: DiyFp, Mp: DiyFp, delta: bigint, buffer: number[], K: number): number {
  const shift = BigInt(-Mp.e);
  const oneF = 1n << shift;
  const wpW = U64(Mp.f - W.f);
  let p1 = Number(Mp.f >> shift);
  let p2 = Mp.f & (oneF - 1n);
  let kappa = countDecimalDigit32(p1);
  let len = 0;
  // tmp = (p1 << shift) + p2 <= delta, compared by parts: p1 against delta's high part.
  const deltaHigh = Number(delta >> shift);
  const deltaLow = delta & (oneF - 1n);
  while (kappa > 0) {
    const div = POW10[kappa - 1];
    const d = Math.floor(p1 / div);
    p1 %= div;
    if (d || len) buffer[len++] = 48 + d;
    kappa--;
    if (p1 < deltaHigh || (p1 === deltaHigh && p2 <= deltaLow)) {
      const tmp = (BigInt(p1) << shift) + p2;
      buffer.length = len;
      grisuRound(buffer, len, delta, tmp, BigInt(POW10[kappa]) << shift, wpW);
      return K + kappa;
    }
  }
  // kappa <= 0: fractional digits. p2 (< 2^shift) and delta (< 2^60 while the loop runs, so
  // never wrapping) are kept as two base-2^30 limbs of exact JS numbers instead of BigInts.
  const LIMB = 2 ** 30;
  const m = 2 ** (Number(shift) - 30);
  let ph = Number(p2 >> 30n);
  let pl = Number(p2 & 0x3fffffffn);
  let dh = Number(delta >> 30n);
  let dl = Number(delta & 0x3fffffffn);
  for (;;) {
    let lo = pl * 10;
    let carry = Math.floor(lo / LIMB);
    pl = lo - carry * LIMB;
    const hi = ph * 10 + carry;
    const d = Math.floor(hi / m); // (p2 * 10) >> shift
    ph = hi - d * m; // (p2 * 10) & (one - 1)
    lo = dl * 10;
    carry = Math.floor(lo / LIMB);
    dl = lo - carry * LIMB;
    dh = dh * 10 + carry;
    if (d || len) buffer[len++] = 48 + d;
    kappa--;
    if (ph < dh || (ph === dh && pl < dl)) {
      buffer.length = len;
      const index = -kappa;
      const rest = BigInt(ph) * 0x40000000n + BigInt(pl);
      const dlt = BigInt(dh) * 0x40000000n + BigInt(dl);
      grisuRound(buffer, len, dlt, rest, oneF, U64(wpW * (index < 9 ? BigInt(POW10[index]) : 0n)));
      return K + kappa;
    }
  }
}

function grisu2(value: number): { digits: number[]; K: number } {
  const v = fromDouble(value);
  const [wm, wp] = normalizedBoundaries(v);
  const { c, K } = cachedPower(wp.e);
  const W = multiply(normalize(v), c);
  const Wp = multiply(wp, c);
  const Wm = multiply(wm, c);
  Wm.f = U64(Wm.f + 1n);
  Wp.f = U64(Wp.f - 1n);
  const digits: number[] = [];
  const k = digitGen(W, Wp, U64(Wp.f - Wm.f), digits, K);
  return { digits, K: k };
}

function exponent(K: number): string {
  return K < 0 ? "-" + String(-K) : String(K);
}

/** Digit string with decimal exponent k (value = digits * 10^k), laid out as Prettify does. */
function prettify(digits: string, k: number): string {
  const length = digits.length;
  const kk = length + k; // 10^(kk-1) <= v < 10^kk
  if (0 <= k && kk <= 21) return digits + "0".repeat(k) + ".0";
  if (0 < kk && kk <= 21) return digits.slice(0, kk) + "." + digits.slice(kk);
  if (-6 < kk && kk <= 0) return "0." + "0".repeat(-kk) + digits;
  if (length === 1) return digits + "e" + exponent(kk - 1);
  return digits[0] + "." + digits.slice(1) + "e" + exponent(kk - 1);
}

/** RapidJSON's text for a finite double. */
export function rapidjsonDtoa(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const { digits, K } = grisu2(Math.abs(value));
  return sign + prettify(String.fromCharCode(...digits), K);
}
