// Control numbers (Value, Position, ValueMin, ValueMax) printed as a Core prints them.
//
// Observed on a Core 110f (qrc.md §5, S11): `"Value":1.0`, `"Value":0.0`,
// `"Value":-15.55555343`, `"Position":0.6888889`. All four are what rapidjson's Writer
// prints for a single-precision control value widened to double, with
// SetMaxDecimalPlaces(8): the shortest digits of the double, cut (not rounded) after 8
// decimals, trailing zeros dropped but at least one kept, ".0" on integral values.
// (-15.55555343 is float32 -15.555553436279297 cut after 8 decimals; 0.6888889 is float32
// 0.6888889074325562 cut to 0.68888890.) This file reproduces rapidjson's Prettify() for
// that case. Not finite values cannot be written as JSON: NaN prints as 0.0 and the
// infinities as the largest float32 (our choice; a Core's float controls cannot hold them).

const MAX_DECIMALS = 8;
const FLT_MAX = 3.4028234663852886e38;

/** Drop trailing zeros of a fraction cut to MAX_DECIMALS digits, keeping at least one. */
function cut(fraction: string): string {
  if (fraction.length <= MAX_DECIMALS) return fraction;
  let end = MAX_DECIMALS;
  while (end > 1 && fraction.charCodeAt(end - 1) === 48) end--;
  return fraction.slice(0, end);
}

/** A control number as JSON text, exactly as a Core writes it. */
export function coreNumber(x: number): string {
  let v = Math.fround(x);
  if (v !== v) v = 0;
  else if (v === Infinity) v = FLT_MAX;
  else if (v === -Infinity) v = -FLT_MAX;
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const sign = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  // Shortest round-trip digits d1.d2d3...e±x, as Grisu2 gives them.
  const exp = v.toExponential();
  const e = exp.indexOf("e");
  const digits = exp.charCodeAt(1) === 46 ? exp[0] + exp.slice(2, e) : exp.slice(0, e);
  const length = digits.length;
  const kk = Number(exp.slice(e + 1)) + 1; // 10^(kk-1) <= v < 10^kk
  const k = kk - length;
  let text: string;
  if (k >= 0 && kk <= 21) text = digits + "0".repeat(k) + ".0"; // 1234e7 -> 12340000000.0
  else if (kk > 0 && kk <= 21) text = digits.slice(0, kk) + "." + cut(digits.slice(kk)); // 12.34
  else if (kk > -6 && kk <= 0) text = "0." + cut("0".repeat(-kk) + digits); // 0.001234
  else if (kk < -MAX_DECIMALS) text = "0.0";
  else if (length === 1) text = digits + "e" + (kk - 1); // 1e30, 1e-7
  else text = digits[0] + "." + digits.slice(1) + "e" + (kk - 1); // 1.234e33
  return sign + text;
}
