-- String building: .. in a loop, table.concat, string.format, sub/byte, a light gsub
local parts = {}
for i = 1, 200000 do
  parts[#parts + 1] = "item" .. i .. ";"
end
local s = table.concat(parts)
print(#s)
local acc = ""
for i = 1, 20000 do acc = acc .. (i % 10) end
print(#acc, acc:sub(1, 20))
local lines = {}
for i = 1, 100000 do
  lines[i] = string.format("%5d %-8s %6.2f", i, "n" .. (i % 97), i / 7)
end
print(lines[1], lines[100000])
local total = 0
for i = 1, #s, 7 do total = total + s:byte(i) end
print(total)
local text = string.rep("the quick brown fox jumps over the lazy dog ", 2000)
local replaced, n = text:gsub("o", "0")
print(n, #replaced)
local words = 0
for _ in text:gmatch("%a+") do words = words + 1 end
print(words)
