-- rapidjson fidelity cases. Expected output: cases.expected, printed by lua5.3 with the real
-- lua-rapidjson 0.6.1 (see scripts/rapidjson-oracle.sh), never by qsys2ts.
local rapidjson = require("rapidjson")
local encode, decode = rapidjson.encode, rapidjson.decode

local function show(...)
  local out = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if v == rapidjson.null then out[#out + 1] = "<null>"
    elseif type(v) == "number" then out[#out + 1] = math.type(v) .. ":" .. string.format("%.17g", v)
    elseif type(v) == "string" then out[#out + 1] = string.format("%q", v)
    else out[#out + 1] = tostring(v) end
  end
  return table.concat(out, " ")
end

local function E(label, ...)
  local r = table.pack(pcall(encode, ...))
  if r[1] then print(label, show(table.unpack(r, 2, r.n))) else print(label, "error", r[2]) end
end

local function D(label, s)
  local r = table.pack(pcall(decode, s))
  if not r[1] then print(label, "error", r[2]) return end
  local v, err = r[2], r[3]
  if type(v) == "table" then
    print(label, "table", getmetatable(v) and getmetatable(v).__jsontype, encode(v, { sort_keys = true }))
  else
    print(label, show(v, err))
  end
end

-- scalars
E("str", "very funny")
E("int", 1234)
E("float", 12.34)
E("null", rapidjson.null)
E("nil", nil)
E("true", true)
E("false", false)
E("none")
E("zero", 0)
E("negzero", -0.0)
E("one.0", 1.0)
E("maxint", math.maxinteger)
E("minint", math.mininteger)
E("2^53", 2 ^ 53)
E("2^63", 2 ^ 63)
E("-2^63", -2 ^ 63)
E("2^64", 2 ^ 64)
E("1e20", 1e20)
E("1e21", 1e21)
E("1e22", 1e22)
E("1e300", 1e300)
E("1e-7", 1e-7)
E("1.5e-7", 1.5e-7)
E("0.001234", 0.001234)
E("0.0000012", 0.0000012)
E("pi", math.pi)
E("third", 1 / 3)
E("tenth", 0.1)
E("big frac", 123456789012345.6)
E("denormal", 5e-324)
E("maxdouble", 1.7976931348623157e308)
E("inf", 1 / 0)
E("-inf", -1 / 0)
E("nan", 0 / 0)
E("numbers", { 1000, -1000, 23.4, -23.4, 1.99e3, -100E5, -100e-5, 100e5, 1.99E3, -1.99e-3, -1.99e3, 1E20, 2.3456789012e76 })

-- strings are bytes
E("escapes", { '"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "!" })
E("controls", "\0\1\2\31\127")
E("utf8", "h\195\169llo \226\130\172 \240\159\152\128")
E("invalid utf8", "\200\255\192\128 end")
E("keys", { ["a\nb"] = 1 })

-- tables
E("empty", {})
E("empty as array", {}, { empty_table_as_array = true })
E("nested empty", { a = {} }, { empty_table_as_array = true })
E("array", { 1, 2.1, "3", true })
E("holes", { 1, 2, nil, 4 })
E("mixed", { 1, 2, x = "dropped" })
E("non-string keys", { [1.5] = "a", [true] = "b", name = "kept" })
E("object()", rapidjson.object())
E("array()", rapidjson.array())
E("array(t)", rapidjson.array({ 1, 2 }))
E("object(t)", rapidjson.object({ 1, 2 }))
E("__jsontype array", setmetatable({ a = 1 }, { __jsontype = "array" }))
E("__jsontype object", setmetatable({ 1, 2 }, { __jsontype = "object" }))
E("__jsontype other", setmetatable({ 1, 2 }, { __jsontype = "list" }))
E("__jsontype number", setmetatable({ 1, 2 }, { __jsontype = 1 }))
local withMeta = setmetatable({ 5 }, { __index = {} })
rapidjson.object(withMeta)
E("object() keeps metatable", withMeta)
print("object() marks the metatable", getmetatable(withMeta).__jsontype, getmetatable(withMeta).__index ~= nil)
E("sorted", { Z = true, a = true, z = true, b = true, A = true, B = true }, { sort_keys = true })
E("nested", { a = { { b = { 1.1, 2.2, 3.3 }, c = {} }, {} } }, { sort_keys = true })
E("pretty", { a = { { b = { 1.1, 2.2, 3.3 } }, {} } }, { pretty = true })
E("pretty sorted", { Z = true, a = { 1, { x = "y" } }, b = {} }, { sort_keys = true, pretty = true })
E("pretty scalars", "x", { pretty = true })
E("pretty empties", { {}, rapidjson.array(), { {} } }, { pretty = true })

-- errors and options
E("function", { print })
E("function root", print)
E("thread", coroutine.create(print))
E("userdata", io.stdout)
E("option string", 1, "pretty")
E("option nil", 1, nil)
local deep = {}
local t = deep
for _ = 1, 127 do t.x = {} t = t.x end
E("depth 128", deep)
t.x = {}
E("depth 129", deep)
E("max_depth 2", { b = { c = {} } }, { max_depth = 2 })
E("max_depth 3", { b = { c = {} } }, { max_depth = 3 })
E("max_depth string", { b = { c = {} } }, { max_depth = "2" })
local loop = {}
loop.self = loop
E("cycle", loop)

-- decode
D("string", '"very funny"')
D("int", "1234")
D("float", "12.34")
D("null", "null")
D("true", "true")
D("false", "false")
D("1e20 int", "100000000000000000000")
D("maxint", "9223372036854775807")
D("maxint+1", "9223372036854775808")
D("minint", "-9223372036854775808")
D("minint-1", "-9223372036854775809")
D("u64max", "18446744073709551615")
D("u64max+1", "18446744073709551616")
D("2^31", "2147483648")
D("-2^31", "-2147483648")
D("-2^31-1", "-2147483649")
D("2^32", "4294967296")
D("-0", "-0")
D("-0.0", "-0.0")
D("1.0", "1.0")
D("1e2", "1e2")
D("1E+2", "1E+2")
D("1e-2", "1e-2")
D("fractions", "[0.1, 0.2, 0.3, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 123456789.123456789123456789]")
D("long digits", "3.14159265358979323846264338327950288419716939937510582097494459")
D("many zeros", "0.000000000000000000000000000000000000000000001")
D("big exp", "1e308")
D("small exp", "1e-400")
D("tiny", "4.9406564584124654e-324")
D("int frac", "12345678901234567890.5")
D("exp frac", "1.5e3")
D("spaces", " \t\r\n [ 1 , 2 ] \n")
D("escapes", [[ ["\"", "\\", "\/", "\b", "\f", "\n", "\r", "\t", "\u0021", "\u00e9", "\u20AC", "\ud83d\ude00", "\udc00"] ]])
D("raw bytes", '"\200\255 x"')
D("utf8", '"h\195\169llo"')
D("nested", [[ {"a":[{"b":[1, 2, 3], "c":{}}, {}]} ]])
D("dup keys", '{"a":1,"a":2}')
D("escaped keys", '{"\\u0041\\n":1, "\\"":2}')
D("nulls", "[null, 1, null]")
D("object null", '{"a":null}')
D("empty array", "[]")
D("empty object", "{}")
D("nul ends", "[1]\0garbage")
-- decode errors (message and byte offset)
D("empty", "")
D("blank", "   ")
D("nul", "\0")
D("trailing", "{}10")
D("bad value", '{"a":b}')
D("missing name", "{12}")
D("missing colon", '{"a",}')
D("missing comma obj", '{"a":[] "b":[]}')
D("missing comma arr", "[{}{}]")
D("bad hex", '["\\uke"]')
D("bad escape", '["\\p"]')
D("unterminated", '["a]')
D("too big", "[999999999999999999e9999999999999999999]")
D("too big 2", "1e309")
D("too big 3", "17976931348623157e292")
D("miss fraction", "[0.,]")
D("miss exponent", "[1.2e,]")
D("lone lead surrogate", '"\\ud800"')
D("bad trail surrogate", '"\\ud800\\u0041"')
D("control char", '"a\1b"')
D("newline in string", '"a\nb"')
D("trailing comma arr", "[1,]")
D("trailing comma obj", '{"a":1,}')
D("leading zero", "01")
D("minus alone", "-")
D("minus letter", "-a")
D("plus", "+1")
D("dot", ".5")
D("nul in array", "[1,\0")
D("unclosed array", "[1,2")
D("unclosed object", '{"a":1')
D("nan", "NaN")
D("true typo", "tru")
D("nulll", "nulll")
D("comment", "// x\n1")
D("single quotes", "'a'")
D("number arg", 12)
D("nil arg", nil)
D("table arg", {})

-- round trips keep arrays and objects apart
local rt = decode('{"list":[],"map":{},"n":[null]}')
print("roundtrip", encode(rt, { sort_keys = true }))
print("metatables shared", getmetatable(decode("{}")) == getmetatable(rapidjson.object()), getmetatable(decode("[]")) == getmetatable(rapidjson.array()))
print("null", type(rapidjson.null), rapidjson.null() == rapidjson.null, decode("null") == rapidjson.null)
print("names", rapidjson._NAME)
print(pcall(rapidjson.object, 1))
print(pcall(rapidjson.array, "x"))

-- numbers through a deterministic generator: random 64-bit patterns as doubles
local x = 0x2545F4914F6CDD1D
local function nextbits()
  x = x ~ (x << 13); x = x ~ (x >> 7); x = x ~ (x << 17)
  return x
end
local encoded = {}
for i = 1, 400 do
  local bits = nextbits()
  local d = string.unpack("<d", string.pack("<i8", bits))
  if d ~= d or d == 1 / 0 or d == -1 / 0 then d = i + 0.5 end
  if i % 3 == 0 then d = (bits % 1000000) / 1000 end
  if i % 5 == 0 then d = (bits % 100000000) / 7 end
  encoded[#encoded + 1] = encode(d)
end
print("generated", table.concat(encoded, ","))
local back = decode("[" .. table.concat(encoded, ",") .. "]")
local same = 0
for i, s in ipairs(encoded) do if encode(back[i]) == s then same = same + 1 end end
print("generated round trip", same)
-- decimal texts decoded by RapidJSON's normal-precision path
local texts = {}
for i = 1, 300 do
  local bits = nextbits()
  local mant = bits % 10000000000000
  local e = (bits >> 20) % 60 - 30
  texts[#texts + 1] = string.format("%d.%de%d", mant // 1000, mant % 1000, e)
end
local decoded = decode("[" .. table.concat(texts, ",") .. "]")
local hex = {}
for i, v in ipairs(decoded) do hex[#hex + 1] = string.format("%a", v) end
print("decoded texts", table.concat(hex, ","))
