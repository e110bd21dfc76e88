-- json (JSON4Lua) fidelity cases. Expected output: cases.expected, printed by lua5.3 running
-- the real JSON4Lua 1.0.1 json.lua (see scripts/json4lua-oracle.sh), never by qsys2ts.
local json = require("json")

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "number" then return math.type(v) .. ":" .. tostring(v) end
  if type(v) ~= "table" then return tostring(v) end
  -- tables: sorted keys, recursively, so the output does not depend on table order
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = show(k) .. "=" .. show(v[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end

local function E(label, v)
  local ok, r = pcall(json.encode, v)
  if ok then print(label, r) else print(label, "error", (tostring(r):gsub("0x%x+", "ADDR"):gsub("^[^:]*json%.lua:%d+: ", ""))) end
end

local function D(label, s, pos)
  local r = table.pack(pcall(json.decode, s, pos))
  if r[1] then print(label, show(r[2]), r[3]) else print(label, "error", (tostring(r[2]):gsub("^[^:]*json%.lua:%d+: ", ""))) end
end

-- encode: one key at most per object, so table order does not matter
E("nil", nil)
E("string", "very funny")
E("escapes", "\" \\ / \b \f \n \r \t")
E("controls", "\0\1\31\127\200")
E("int", 1234)
E("float", 12.5)
E("float int", 10.0)
E("big float", 1e100)
E("third", 1 / 3)
E("maxint", math.maxinteger)
E("true", true)
E("false", false)
E("null", json.null)
E("null()", json.null())
E("empty", {})
E("EMPTY_ARRAY", json.EMPTY_ARRAY)
E("EMPTY_OBJECT", json.EMPTY_OBJECT)
E("array", { 1, "two", true, 4.5 })
E("holes", { 1, nil, 3 })
E("sparse", { [1] = "a", [4] = "d" })
E("float keys", { [1.0] = "a", [2.0] = "b" })
E("with n", { 1, 2, n = 2 })
E("with n false", { 1, 2, n = false })
E("array of nulls", { json.null, json.null })
E("function element", { print })
E("function value ignored in array", { 1, 2, f = print })
E("object", { name = "x" })
E("number key", { [1.5] = "x" })
E("negative key", { [-1] = "x" })
E("bool key", { [true] = "x" })
E("nested", { a = { b = { 1, { c = {} } } } })
E("null in object", { a = json.null })
E("function", print)
E("userdata", io.stdout)
E("string with slash", "a/b")

-- decode
D("object", '{"one":1}')
D("array", "[1,2,3]")
D("nested", '{"a":[1,{"b":null},"x"]}')
D("string", '"hello"')
D("escapes", [["\t\f\r\n\b\"\\\/\x"]])
D("unicode", [["\u0041\u00e9\u20ac\ud83d"]])
D("bad unicode", [["\u00zz"]])
D("single quotes", "'single'")
D("empty string", '""')
D("true", "true")
D("false", "false")
D("null", "null")
D("null in array", "[1,null,3]")
D("spaces", "  [ 1 , 2 ]  ")
D("start pos", "xx[1]", 3)
D("trailing garbage", "[1] xyz")
D("ints", "[0, -5, 12345678901234]")
D("floats", "[1.5, -0.25, 1e5, 1.5e-3, 2.0]")
D("capital E", "[1E5]")
D("plus", "+5")
D("arith", "5-3")
D("arith float", "1.5+1")
D("double minus", "5--3")
D("minus alone", "-")
D("e name", "e5")
D("e arith", "e5+1")
D("malformed", "1e")
D("two dots", "1.2.3")
D("leading dot", ".5")
D("missing comma", "[1 2 3]")
D("leading comma", "[,1]")
D("comment", "/* hi */ [1]")
D("comment in array", "[/* c */ 1]")
D("unterminated comment", "/* x")
D("empty", "")
D("blank", "   ")
D("unterminated array", "[1,2")
D("unterminated object", '{"a":1')
D("no colon", '{"a" 1}')
D("number key", '{1:2}')
D("bool key", '{true:1}')
D("null key", '{null:1}')
D("bad constant", "nope")
D("unterminated string", '"abc')
D("unterminated escape", '"abc\\')
D("escape no close", '"a\\nb')
D("duplicate keys", '{"a":1,"a":2}')
D("number arg", 12)
print("global object", object)
D("arg nil", nil)
