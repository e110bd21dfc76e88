// Compiled from iolib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  assert,
  callMethod,
  eq,
  first,
  forIn,
  index,
  io,
  type LuaValue,
  os,
  pcall,
  print,
  results,
  tostring,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The io library: a settings file written, appended, read back line by line and by format
  let name: string = "iolib_fixture.tmp";
  let f: LuaValue = first(assert(...results(io.open(name, "w"))));
  print(
    first(io.type(f)),
    eq(first(callMethod(f, "write", "volume=", -12.5, "\n", "mute=", 1, "\n")), f),
  );
  callMethod(f, "close");
  print(first(io.type(f)), tostring(f), ...results(pcall(index(f, "write"), f, "x")));
  f = first(assert(...results(io.open(name, "a"))));
  callMethod(f, "write", "inputs 4 2.5 0x10\nlast line");
  callMethod(f, "close");
  for (const $it1 = forIn(io.lines(name)); $it1.next();) {
    const line: LuaValue = $it1.a;
    io.write("[", line, "] ");
  }
  print();
  f = first(assert(...results(io.open(name, "r"))));
  print(
    first(callMethod(f, "read", "l")),
    first(callMethod(f, "read", "L")),
    first(callMethod(f, "read", 6)),
    first(callMethod(f, "read", "n", "n", "n")),
    first(callMethod(f, "read", "a")),
    first(callMethod(f, "read", "a")),
    ...results(callMethod(f, "read", "l")),
  );
  print(
    first(callMethod(f, "seek", "set", 7)),
    first(callMethod(f, "read", 5)),
    first(callMethod(f, "seek", "cur")),
    ...results(callMethod(f, "seek", "end")),
  );
  callMethod(f, "close");
  print(...results(io.open("no_such_file.tmp")));
  print(first(pcall(io.open, name, "rw")), ...results(pcall(io.lines, "no_such_file.tmp")));
  print(first(os.remove(name)), ...results(os.remove(name)));
  io.write("done", "\n");
}
