// Compiled from oslib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  addInt,
  first,
  index,
  type LuaValue,
  math,
  mulInt,
  os,
  pcall,
  print,
  results,
  tableOf,
  type,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The os library at fixed times (the expected output is produced with TZ=UTC)
  let t: number = 1700000000;
  print(os.date("!%Y-%m-%d %H:%M:%S %A %B %j %U %W %V %G %p %I %y %a %b %c", t));
  print(os.date("!%x %X %D %F %R %T %e %C %g %u %w %h %n%t%%", t));
  let d: LuaValue = os.date("!*t", t);
  print(
    index(d, "year"),
    index(d, "month"),
    index(d, "day"),
    index(d, "hour"),
    index(d, "min"),
    index(d, "sec"),
    index(d, "wday"),
    index(d, "yday"),
    index(d, "isdst"),
  );
  print(
    os.time(tableOf(undefined, { year: 2024, month: 2, day: 29, hour: 12 })),
    os.time(tableOf(undefined, { year: 2024, month: 14, day: -3, hour: 0 })),
  );
  let n: LuaValue = tableOf(undefined, { year: 2023, month: 12, day: 32 });
  os.time(n);
  print(index(n, "year"), index(n, "month"), index(n, "day"), index(n, "hour"), index(n, "yday"));
  print(
    first(pcall(os.date, "%Q")),
    first(pcall(os.time, tableOf(undefined, { year: 2000 }))),
    ...results(pcall(os.date, "*t", "x")),
  );
  print(
    os.difftime(addInt(t, 90), t),
    type(os.clock()),
    math.type(os.time()),
    os.getenv("QSYS2TS_NOT_SET"),
  );
  print(os.date("%Y", 0), os.date("!%H:%M", addInt(mulInt(3600, 25), 60)));
}
