// Lexical details and precedence against lua5.3 (see lua-cases.ts): numeric literal forms,
// string escapes and long strings, comments, operator precedence and associativity.
import { sameAsLua } from "./lua-cases.ts";

sameAsLua("numeric literals", [
  "= 3, 345, 0xff, 0xBEBADA, 3.0, 3.1416, 314.16e-2, 0.31416E1, 34e1, 0x0.1E, 0xA23p-4, 0X1.921FB54442D18P+1",
  "= .5, 5., 0x8., 0x8.8, 1e-2, 1E+2, 0x1p-2, 0x10P2, 00012, 0012.5",
  "= 0x.8, 0x.1p4, 0x.0p-3, 0x.ABCDEFp+24, 0X.1P4, 0x.8e, -0x.8, 0x.FfffFFFF, 0x.0p-3 == 0, math.type(0x.8)",
  "local x = 0x.8 -- 0x.8 in a comment stays\nprint(x + 1, '0x.8', tonumber('0x.8'))",
  "= 9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775807 - 1",
  "= 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0x1ffffffffffffffff, 0x10000000000000001",
  "= 1e308, 1e309, -1e309, 1e-400, 2^1023 * 2, 123456789012345678901234567890",
  "= math.type(1), math.type(1.0), math.type(1e0), math.type(0x10), math.type(0x1p4), math.type(9223372036854775808)",
  "= 1 // 1, 1.0 // 1, 2^2, 10 / 5, 3 % 2.0",
]);

sameAsLua("string literals", [
  '= "a\\tb", "a\\\\b", "q\\"q", \'s\\\'s\', "\\65\\066\\0677", "\\x41\\x62", "\\u{48}\\u{49}", #"\\u{7FF}", #"\\u{10FFFF}", "\\u{0000000041}"',
  '= #"\\0", #"a\\0b", ("a\\0b"):byte(2), "\\z   x", "a\\z\n   b", #"\\255\\254"',
  "= 'line1\\\nline2'",
  "= [[long\nstring]], [==[with ]] inside]==], [[\nskips first newline]], #[[\n]]",
  "= [[a\\nb]], [=[\\x41]=], 'tab\\there'",
  "= '\\a\\b\\f\\v\\r' == string.char(7, 8, 12, 11, 13)",
  "= 'x\\\\u{110000}', \"\\\\\\u{41}\"", // an escaped backslash before u{...} is no \u escape
  "-- a comment\nprint('after comment') --[[ block ]] print('same line') --[==[ long\ncomment ]==] print('after long')",
  "print(#'\\xff\\xfe', ('\\xe9'):byte(), '\\xe9' < '\\xea', '\\127' < '\\128')",
]);

sameAsLua("precedence and associativity", [
  "= 2^-2, -2^2, -2^-2, 2^3^2, (2^3)^2, -3 % 5, -(3 % 5), - -2",
  "= 1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 7 // 2 * 2, 7 % 3 * 2, 2 * 3 % 4",
  "= 1 .. 2 .. 3, 'a' .. 1 + 2 .. 'b', 1 + 1 .. '', 2 ^ 2 .. ''",
  "= 1 | 2 ~ 3 & 4 << 1, (1 | 2) ~ 3, 1 << 2 + 1, 1 << 2 .. '', 5 & 3 == 1",
  "= not 1 == 2, not (1 == 2), not nil == true, #'abc' + 1, -#'ab', #'a' .. 'b'",
  "= 1 < 2 and 2 < 3, 1 < 2 == true, false == false == true, 1 == 1 ~= false",
  "= nil or false and 1, 1 or error('no'), false and error('no'), 1 and 2 or 3 and 4",
  "= 3 - -3, 3 - - -3, ~5 ~ 1, ~~5, - ~1, not not nil",
  "= 2 .. 3 ^ 2, '10' + 1 .. '', 1 < 2 .. ''",
  "= 'a' < 'b' and 'yes', 1 <= 1.0, 2 >= 3 or 'no'",
  "= 8 // 3 // 2, 8 / 4 / 2, 2 - 3 - 4, 100 % 7 % 3",
]);
