// Compiled from utf8lib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  addInt,
  callMethod,
  first,
  forIn,
  io,
  type LuaValue,
  NONE,
  pcall,
  print,
  results,
  select,
  utf8,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The utf8 library: display text with accents and symbols, and broken input
  let s: string = "Salle \xc3\xa0 manger \xe2\x80\x93 20 \xc2\xb0C \xe2\x9c\x93";
  print(s.length, first(utf8.len(s)), utf8.char(72, 233, 8364, 128512), utf8.charpattern);
  for (const $it1 = forIn(utf8.codes("a\xc3\xa9\xe2\x82\xac")); $it1.next();) {
    const p: LuaValue = $it1.a,
      c: LuaValue = $it1.b;
    io.write(p, "=", c, " ");
  }
  print();
  print(
    first(utf8.codepoint(s, 1, 6)),
    first(utf8.offset(s, 8)),
    first(utf8.offset(s, -1)),
    ...results(utf8.offset(s, 0, 9)),
  );
  print(
    first(utf8.len("abc\xff")),
    first(utf8.len("\xe2\x82")),
    first(utf8.len(s, 8)),
    ...results(pcall(utf8.len, s, 9)),
  );
  print(
    first(pcall(utf8.codepoint, "\xff")),
    first(pcall(utf8.char, -1)),
    ...results(select("#", ...results(utf8.codepoint("", 1, 0)))),
  );
  let n: LuaValue = 0;
  for (const $it2 = forIn(callMethod(s, "gmatch", utf8.charpattern)); $it2.next();) {
    const ch: LuaValue = $it2.a;
    n = addInt(n, 1);
  }
  print(n);
  print(
    ...results(
      pcall(function (): LuaValue {
        for (const $it1 = forIn(utf8.codes("ok\x80")); $it1.next();) {
          const _: LuaValue = $it1.a;
        }
        return NONE;
      }),
    ),
  );
}
