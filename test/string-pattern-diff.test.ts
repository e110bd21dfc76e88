// Patterns end to end (compiled program vs lua5.3), with subjects built to match: each random
// pattern comes with subjects generated from its own items (then sometimes mutated), so most
// calls exercise successful matches, captures and back-references rather than quick failures.
import { describe, it } from "vitest";
import { luaAvailable } from "./oracle.ts";
import { expectSameOutput, luaString, pick, rng } from "./differential.ts";

type Rand = () => number;

/** One pattern item and a way to produce text it matches. */
interface Item {
  pat: string;
  gen: (r: Rand, caps: string[]) => string;
}

const CLASS_SAMPLES: Record<string, string> = {
  a: "abzXYZ", d: "0123456789", s: " \t\r\n\v\f", w: "aZ09", x: "09afAF", p: ".,;!?-()[]%", u: "AQZ", l: "aqz",
  c: "\0\x01\x1f\x7f", g: "!az~", A: "0 !\xff", D: "a .", S: "ab.", W: " .\0", X: "gz ", P: "a0 ", U: "a0", L: "A0",
};
const LITERALS = "abcxyz019 ,=:;\r\n\0\xff-()[].%^$*+?";
const MAGIC = "^$*+?.([%-])";

function lit(c: string): string {
  return MAGIC.includes(c) ? "%" + c : c;
}

function single(r: Rand): Item {
  const k = r();
  if (k < 0.35) {
    const c = pick(r, [...LITERALS]);
    return { pat: lit(c), gen: () => c };
  }
  if (k < 0.45) return { pat: ".", gen: (rr) => pick(rr, [..."aZ0 .\0\xff"]) };
  if (k < 0.8) {
    const cl = pick(r, Object.keys(CLASS_SAMPLES));
    return { pat: "%" + cl, gen: (rr) => pick(rr, [...CLASS_SAMPLES[cl]]) };
  }
  const sets: [string, string][] = [
    ["[abc]", "abc"], ["[^abc]", "xyz0 "], ["[a-f]", "abf"], ["[%d.]", "09."], ["[%a_]", "a_Z"], ["[]]", "]"],
    ["[^%s]", "a.0"], ["[%-+]", "-+"], ["[a-]", "a-"], ["[\0-\x1f]", "\0\r\n"], ["[^\n]", "ab "], ["[%]x]", "]x"],
  ];
  const [pat, sample] = pick(r, sets);
  return { pat, gen: (rr) => pick(rr, [...sample]) };
}

function piece(r: Rand, depth: number, ncap: { n: number }): Item {
  const k = r();
  if (k < 0.55) {
    const it = single(r);
    const q = r();
    if (q < 0.55) return it;
    const quant = pick(r, ["*", "+", "-", "?"]);
    const min = quant === "+" ? 1 : 0;
    const max = quant === "?" ? 1 : 4;
    return {
      pat: it.pat + quant,
      gen: (rr, caps) => {
        let s = "";
        const n = min + Math.floor(rr() * (max - min + 1));
        for (let i = 0; i < n; i++) s += it.gen(rr, caps);
        return s;
      },
    };
  }
  if (k < 0.7 && depth < 2 && ncap.n < 8) {
    const index = ncap.n++;
    const inner = seq(r, depth + 1, 3, ncap);
    return {
      pat: "(" + inner.pat + ")",
      gen: (rr, caps) => {
        const s = inner.gen(rr, caps);
        caps[index] = s;
        return s;
      },
    };
  }
  if (k < 0.75) {
    ncap.n++;
    return { pat: "()", gen: () => "" };
  }
  if (k < 0.82 && ncap.n > 0) {
    const i = Math.floor(r() * ncap.n);
    return { pat: "%" + (i + 1), gen: (_rr, caps) => caps[i] ?? "" };
  }
  if (k < 0.9) {
    const [o, c] = pick(r, [["(", ")"], ["[", "]"], ["a", "b"], ["<", ">"]] as [string, string][]);
    return {
      pat: "%b" + o + c,
      gen: (rr) => {
        let s = o;
        for (let i = 0; i < 3; i++) s += rr() < 0.3 ? o + "x" + c : pick(rr, ["x", " ", "1"]);
        return s + c;
      },
    };
  }
  const f = pick(r, ["%f[%w]", "%f[%W]", "%f[%a]", "%f[%z]", "%f[^%s]", "%f[%d]"]);
  return { pat: f, gen: () => "" };
}

function seq(r: Rand, depth: number, max: number, ncap: { n: number }): Item {
  const items: Item[] = [];
  const n = Math.floor(r() * max) + 1;
  for (let i = 0; i < n; i++) items.push(piece(r, depth, ncap));
  return { pat: items.map((i) => i.pat).join(""), gen: (rr, caps) => items.map((i) => i.gen(rr, caps)).join("") };
}

function mutate(r: Rand, s: string): string {
  if (s.length === 0 || r() < 0.5) return s;
  const i = Math.floor(r() * s.length);
  const k = r();
  if (k < 0.33) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.66) return s.slice(0, i) + pick(r, [...LITERALS]) + s.slice(i + 1);
  return s.slice(0, i) + s[i] + s.slice(i);
}

function cases(seed: number, n: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const ncap = { n: 0 };
    const body = seq(r, 0, 5, ncap);
    const anchored = r() < 0.25;
    const pat = (anchored ? "^" : "") + body.pat + (r() < 0.2 ? "$" : "");
    const caps: string[] = [];
    const core = mutate(r, body.gen(r, caps));
    const pre = anchored && r() < 0.7 ? "" : pick(r, ["", "xx ", "\0", "12,", "((", "a"]);
    const subject = pre + core + pick(r, ["", "", " tail", "\r\n", core]);
    const init = pick(r, ["nil", "1", "2", "-3", String(subject.length + 1), String(subject.length + 2), "-100"]);
    out.push(`{${luaString(subject)}, ${luaString(pat)}, ${init}}`);
  }
  return out;
}

const PROGRAM = `
local TBL = setmetatable({}, {__index = function(_, k) if #k % 2 == 0 then return "<" .. k .. ">" end return nil end})
local function FN(...) local n = select("#", ...) if n > 1 then return (...) .. "|" .. n end local a = ... if a == "" then return false end return a and #a end
for i, c in ipairs(C) do
  local s, p, init = c[1], c[2], c[3]
  R(i .. " find", string.find, s, p, init)
  R(i .. " match", function() return string.match(s, p, init) end)
  R(i .. " gsub", function() return s:gsub(p, "[%0]") end)
  R(i .. " gsub1", function() return string.gsub(s, p, "%1", 2) end)
  R(i .. " gsubT", function() return string.gsub(s, p, TBL) end)
  R(i .. " gsubF", function() return string.gsub(s, p, FN) end)
  R(i .. " gmatch", function()
    local t = {}
    for a, b in string.gmatch(s, p) do t[#t + 1] = Q(a) .. "/" .. Q(b) if #t > 50 then break end end
    return table.concat(t, ";")
  end)
end
`;

describe.runIf(luaAvailable)("patterns, compiled, against lua5.3 (subjects generated to match)", () => {
  it("agrees on 1500 generated pattern/subject pairs", async () => {
    await expectSameOutput(`local C = {${cases(4242, 1500).join(",\n")}}\n` + PROGRAM, 1500 * 7);
  });
  it("agrees on another seed", async () => {
    await expectSameOutput(`local C = {${cases(31337, 1500).join(",\n")}}\n` + PROGRAM, 1500 * 7);
  });
});
