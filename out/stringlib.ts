// Compiled from stringlib.lua by qsys2ts. Lua semantics come from the runtime's helpers.
import {
  callMethod,
  concat,
  first,
  float,
  forIn,
  len as $len,
  type LuaValue,
  math,
  pcall,
  print,
  results,
  select,
  string,
  tableOf,
  tailcalls,
  tailMethod,
  tonumber,
} from "qsys2ts/runtime";

export default function main(...varargs: LuaValue[]): LuaValue {
  // The string library as device drivers use it: parsing replies, building commands, framing
  let reply: string = "OK VOL=-12.5 MUTE=1 SRC=HDMI2\r\n";
  for (const $it1 = forIn(callMethod(reply, "gmatch", "(%u+)=(%S+)")); $it1.next();) {
    const k: LuaValue = $it1.a,
      v: LuaValue = $it1.b;
    print(k, v, tonumber(v));
  }
  print(
    first(callMethod(reply, "match", "^(%u+)%s")),
    first(callMethod(reply, "find", "MUTE=(%d)")),
    first(callMethod(reply, "gsub", "%s+$", "")),
  );
  print(
    ...results(
      callMethod(
        "%-8s|%8.3f|%+05d|%x|%X|%o|%e|%g|%q",
        "format",
        "vol",
        -12.5,
        7,
        255,
        3054,
        8,
        12345.678,
        float(100000000000000000000),
        "a\nb\x00",
      ),
    ),
  );
  print(string.format("%5.1s|%c%c|%%|%10.4f|%-10d|", "abc", 72, 105, math.pi, 42));
  print(...results(pcall(string.format, "%d", 3.5)));
  print(
    ...results(
      select(
        2,
        ...results(
          pcall(
            tailcalls(function (): LuaValue {
              return tailMethod(first(callMethod("x", "rep", 1, 2, 3)), "sub");
            }),
          ),
        ),
      ),
    ),
  );
  let packet: LuaValue = string.pack(">I2 B s1 z", 4660, 7, "name", "end");
  print(
    $len(packet),
    first(
      callMethod(packet, "gsub", ".", function (c?: LuaValue): LuaValue {
        return string.format("%02X ", ...results(callMethod(c, "byte")));
      }),
    ),
  );
  print(...results(string.unpack(">I2 B s1 z", packet)));
  print(string.packsize("<i4 h b x d"), ...results(pcall(string.pack, "i2", 40000)));
  print(
    first(callMethod("hello world", "gsub", "o", tableOf(undefined, { o: "0" }))),
    first(callMethod("abc", "gsub", "", "-")),
    ...results(callMethod("abc", "gsub", "%w", "%0%0", 2)),
  );
  print(
    concat(first(callMethod("  trim me  ", "match", "^%s*(.-)%s*$")), "|"),
    ...results(callMethod("key = value", "match", "(%w+)%s*=%s*(%w+)")),
  );
  print(
    first(callMethod("THE (quick) fox", "find", "%f[%a]%a+", 5)),
    first(callMethod("f(a(b)c)", "match", "%b()")),
    ...results(callMethod("aaa", "find", "a-", 2)),
  );
  print(
    first(pcall(string.find, "a", "(%")),
    first(pcall(string.gsub, "a", "(", "")),
    ...results(pcall(string.rep)),
  );
  print(
    first(callMethod("x", "byte", -1)),
    first(callMethod("\x00\x01\xff", "byte", 1, -1)),
    first(callMethod(string.char(72, 0, 255), "len")),
    ...results(callMethod(first(callMethod("abc", "upper")), "lower")),
  );
  print(
    first(callMethod("%s", "rep", 3, ",")),
    first(callMethod("abc", "reverse")),
    first(callMethod("abcdef", "sub", -3, -2)),
    first(callMethod("abcdef", "sub", 0)),
    ...results(callMethod("abc", "sub", 5)),
  );
}
