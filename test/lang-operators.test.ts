// Operators with Lua 5.3's rules, each snippet checked against lua5.3 (see lua-cases.ts):
// integer/float subtypes, floor division and modulo, int64 wrap-around, bitwise operators,
// string coercion, `..` number formatting, comparisons, `#` and the logical operators.
import { sameAsLua } from "./lua-cases.ts";

sameAsLua("arithmetic subtypes", [
  "= 1 + 2, 1 + 2.0, 1.5 + 1.5, 2 - 3, 2.0 - 3, 6 * 7, 6 * 7.0, -0.0 * 1",
  "= 10 / 2, 7 / 2, 1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 3 / -0.0",
  "= 2 ^ 2, 2 ^ 0.5, 2 ^ -1, (-8) ^ (1/3) ~= (-8) ^ (1/3), 0 ^ 0, 2 ^ 53, 2 ^ 63, 10 ^ 15, 10 ^ 16",
  "= 1 ^ (0/0), (-1) ^ math.huge, math.huge ^ 0",
  "= -(2), -(2.0), -(-0.0), -math.mininteger, - -3",
  "= 3 * 0, -3 * 0, 3 * -0.0, 0 * -1",
  "= math.type(1 + 1), math.type(1 + 1.0), math.type(2 ^ 2), math.type(4 / 2), math.type(4 // 2), math.type(4.0 // 2)",
  "= 1e15, 1e16, 123456789012345, 1e100, -1e-100, 2^-1074, 0.1, 1/3, 100.0, -0.0, 1e300 * 1e10",
  "= 3.14159265358979, 314.16e-2, 0.31416E1, 34e1, 0x0.1E, 0xA23p-4, 0X1.921FB54442D18P+1",
  "= 0xff, 0XFF, 0x7fffffffffffffff, 0xffffffffffffffff, 0x10000000000000000, 9223372036854775807, 9223372036854775808",
  "= 1e308 * 10, -1e308 * 10, 5 % math.huge, -5 % math.huge, 5 % -math.huge",
]);

sameAsLua("floor division and modulo", [
  "= 7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 // 2.0, -7 // 2.0, 7.5 // 2",
  "= 7 % 3, -7 % 3, 7 % -3, -7 % -3, 7 % 3.0, -7 % 3.0, 5.5 % 2, -5.5 % 2, 5.5 % -2",
  "= 1 // 0",
  "= 1 % 0",
  "= 1 // 0.0, -1 // 0.0, 0/0 // 1 ~= 0/0 // 1, 1 % 0.0 ~= 1 % 0.0, 1.0 % 0",
  "= math.mininteger // -1, math.mininteger % -1, math.maxinteger // 1, math.mininteger // 1",
  "= 2^53 // 3, 9007199254740993 // 2, 9007199254740993 % 10, -9007199254740993 % 10",
  "= 4611686018427387904 // 3, -4611686018427387904 // 3, 4611686018427387904 % 7, 3 % -4611686018427387904",
  "= 0x7fffffff // 3, -0x80000000 // 7, 0x7fffffff % -3, 1e308 // 1e-308",
  "= 3 % -2, -3 % 2, 3.0 % -2, -3.0 % 2, 0 % -2, -0.0 % 2, 6 % -3",
]);

sameAsLua("integer wrap-around", [
  "= math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger",
  "= math.maxinteger + 1, math.mininteger - 1, math.maxinteger * 2, math.mininteger * -1",
  "= 9007199254740991 + 1, 9007199254740991 + 2, 9007199254740992 + 1, -9007199254740991 - 2",
  "= 3037000500 * 3037000500, 4294967296 * 4294967296, 123456789 * 987654321, -123456789123 * 98765432",
  "local x = math.maxinteger; x = x + 1; print(x, math.type(x))",
  "local a = 2^53; print(a + 1, math.type(a), (2^53|0) + 1)",
  "= 1 << 63, (1 << 63) - 1, math.mininteger + 0.0, math.maxinteger + 0.0, math.maxinteger // -1",
  "local s = 0; for i = 1, 100 do s = s * 31 + i end; print(s)",
  "local h = 5381; for c in ('hello world'):gmatch('.') do h = h * 33 + c:byte() end; print(h)",
]);

sameAsLua("bitwise operators", [
  "= 5 & 3, 5 | 3, 5 ~ 3, ~5, ~0, 1 << 4, 256 >> 4, -1 >> 1, -1 >> 63, -1 << 1",
  "= 1 << 64, 1 << 63, 1 >> -1, 1 << -1, 2 >> 1, 1 << 62, 3 << 62, -1 >> 64, 1 >> 100",
  "= 0xFF & 0x0F, 0xF0 | 0x0F, 0xFF ~ 0xFF, 0x7fffffffffffffff & -1, math.mininteger | 0, ~math.mininteger",
  "= 2.0 & 3, 3 | 4.0, 1.0 << 2, ~1.0, 2^53 | 0, -2^63 | 0",
  "= 1.5 & 1",
  "= 2^63 | 0",
  "= '3' & 1, '0x10' | 0, '3.0' | 0, ' 7 ' ~ 1",
  "= '1e1' | 0",
  "= '3.5' | 0",
  "= 'a' | 0",
  "= {} & 1",
  "= 1 ~ nil",
  "local f = 1.5; return f | 1",
  "= 0xffffffff & 0xffffffff, 0xffffffff | 0x100000000, 0x80000000 ~ 0xffffffff, 0x80000000 >> 31, 0x80000000 << 1",
  "= 123456789012 & 0xfff0, 0x123456789 >> 4, ~0x7fffffff, 0x7fffffff << 1, (1 << 31) | 1",
]);

sameAsLua("string coercion in arithmetic", [
  '= "10" + 1, "3.0" + 1, "0x10" + 0, "1e1" + 0, " 5 " * "2", "10" / "4", "7" // "2", "-7" % "3"',
  '= math.type("10" + 1), math.type("10" * 1), "2" ^ "3", -"2", -"2.0", - " 0x10 "',
  '= "abc" + 1',
  '= 1 + "abc"',
  '= "1" + {}',
  '= "9223372036854775807" + 1, "9223372036854775808" + 0, "0x7fffffffffffffff" + 1',
  '= "10" == 10, "10" < "9", 10 < 9',
  '= "1" < 2',
  '= 10 .. 20, 1 .. "", 1.0 .. "", -0.0 .. "", 2^63 .. "", math.mininteger .. "", 1e100 .. "|"',
]);

sameAsLua("concatenation", [
  '= "a" .. "b" .. "c", "x" .. 1 .. 2, 1 .. 2 == "12", 0.1 .. "", 1/3 .. "", 100 / 2 .. ""',
  '= 1e15 .. "", 1e14 .. "", 123456789012345678 .. "", 2^53 .. "", -(0/0) .. "", 1/0 .. "", -1/0 .. ""',
  '= 3.14159265358979 .. "", 1e-5 .. "", 123.456e10 .. "", 5e-324 .. "", 1.7976931348623157e308 .. ""',
  '= "a" .. {}',
  '= {} .. "a"',
  "= 1 .. nil",
  "local t = {}; return t .. 'x'",
  "= 'a' .. true",
  "local s = ''; for i = 1, 10 do s = s .. i .. ',' end; print(s)",
  '= ("x"):rep(3) .. 1.5',
]);

sameAsLua("comparisons", [
  "= 1 == 1.0, 1 < 1.5, 2 <= 2.0, -0.0 == 0, 0/0 == 0/0, 1/0 > math.maxinteger, math.mininteger < -1/0",
  "= math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.maxinteger == 2^63, 2^53 == 2^53 + 1, 9007199254740993 == 2^53",
  "= 9007199254740993 < 9007199254740992.0, 9007199254740993 > 2^53, math.mininteger == -2^63, math.mininteger <= -2^63",
  "= 'a' < 'b', 'a' < 'B', 'abc' < 'abd', '' < 'a', 'a\\0b' < 'a\\0c', 'Z' < 'a', '\\xff' > 'a', '10' < '9'",
  "= 1 < 'x'",
  "= {} < {}",
  "= nil < 1",
  "= true < false",
  "= 'a' <= 1",
  "= 1 >= {}",
  "= print < print",
  "= 1 == '1', 'a' == 'a', {} == {}, nil == false, 0 == false, 1 ~= 1.0, 'x' ~= 'y'",
  "local a, b = {}, {}; print(a == a, a ~= b, a == b)",
  "= (0/0) ~= (0/0), not (0/0 < 0/0), not (0/0 >= 0/0), 1 < 0/0",
  "local nan = 0/0; print(nan == nan, nan ~= nan, nan < 1, nan > 1, 1 <= nan)",
  "= 1 < 2 == true, 'b' > 'a', 2.5 >= 2, -1 > -2.5",
]);

sameAsLua("length", [
  '= #"", #"abc", #"h\\195\\169llo", #"\\0\\0", #{}, #{1, 2, 3}, #{n = 1}',
  "local t = {1, 2, nil, 4}; print(#t == 4 or #t == 2)",
  "local t = {}; t[1] = 1; t[2] = 2; t[4] = 4; print(#t == 2 or #t == 4)",
  "local t = {1, 2, 3}; t[#t + 1] = 4; t[#t] = nil; print(#t)",
  "local t = {}; for i = 1, 100 do t[i] = i end; for i = 100, 51, -1 do t[i] = nil end; print(#t)",
  "= #nil",
  "= #5",
  "local n = 5; return #n",
  "local t = {nil, nil, 3}; print(#t)",
  "local t = {n = 3, [1] = 'a', [2] = 'b'}; print(#t)",
  // tables with holes: the border luaH_getn finds from the size of Lua's array part
  "local t = {}; t[1] = 1; t[2] = 2; t[4] = 4; print(#t)",
  "local t = {1, 2, 3, nil, 5, nil}; print(#t)",
  "local t = {}; for i = 1, 100 do t[i] = i end; for i = 1, 99 do t[i] = nil end; print(#t)",
]);

sameAsLua("and, or, not", [
  "= 1 and 2, nil and 2, false and 2, 1 or 2, nil or 2, false or nil, nil or false, nil and nil",
  "= not nil, not false, not 0, not '', not not 1, 0 and 'zero is true', '' or 'x'",
  "= false or false and 1, 1 and nil or 3, (nil or 2) * 3, 1 and 2 or 3, nil and 2 or 3",
  "local x; local y = x and x.f or 'default'; print(y)",
  "local calls = 0; local function f() calls = calls + 1; return false end; local r = f() and f(); print(r, calls)",
  "local function f() return nil, 2 end; print(f() or 5, (f()) or 6, f() and 1)",
  "local t = {}; print(t and #t, t or 1, not t)",
  "local a = 1 < 2 and 'yes' or 'no'; local b = 1 > 2 and 'yes' or 'no'; print(a, b)",
  "local v = false; print(1 < 2 and v or 'fallback')",
  // equality against a literal with an and/or operand (attrib.lua)
  "= (false and 10) == false, (nil and 10) == nil, (true or 10) == true, (false or 10) == 10, (nil or 'alo') == 'alo'",
  "= false == (false and 10), 'x' ~= (nil or 'x'), (1 < 2) == true, not nil == true",
]);
