// Compiled from strings.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  add,
  callMethod,
  concat as $concat,
  eq,
  first,
  float,
  gt,
  len,
  lt,
  type LuaValue,
  ne,
  print,
  results,
  setindex,
  table,
  tableOf,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // Byte strings, escapes, long strings, length and comparison
  let s: string = "h\xc3\xa9llo";
  print(s.length, "".length, "\x00\x00".length, "tab\tnew\\line", 'single "quoted"', "ABCDE");
  print("long\nstring", "with ]] inside", "skipped first newline".length);
  print(
    $concat("a", $concat("b", $concat(1, float(2)))),
    `x${-1}`,
    ...results(callMethod("y", "find", "y")),
  );
  print(eq("abc", "abc"), ne("abc", "abd"), lt("a", "aa"), gt("b", "abc"), gt("\xff", "a"));
  let t: LuaValue = tableOf();
  for (let i = 1; i <= 5; i++) {
    setindex(t, add(len(t), 1), `${i}`);
  }
  print(table.concat(t, ","), len(t));
  print(
    first(callMethod("%d items", "format", 3)),
    first(callMethod(s, "find", "llo")),
    ...results(callMethod("abc", "match", "b(c)")),
  );
  print("\xdf\xbf", "\xef\xbf\xbf".length, "\xf4\x8f\xbf\xbf".length, "continued");
}
