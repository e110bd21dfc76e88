-- Tables: array append and read, records with string keys, hash keys, sort, ipairs/pairs
local arr = {}
for i = 1, 1000000 do arr[#arr + 1] = i * 2 end
local sum = 0
for i = 1, #arr do sum = sum + arr[i] end
print(sum)
local recs = {}
for i = 1, 100000 do recs[i] = {id = i, name = "r" .. i, value = (i * 7919) % 1000} end
local best = 0
for _, r in ipairs(recs) do if r.value > best then best = r.value end end
print(best)
local count = {}
for i = 1, 300000 do
  local k = i % 1000
  count[k] = (count[k] or 0) + 1
end
local keys = 0
for k, v in pairs(count) do keys = keys + v end
print(keys)
table.sort(recs, function(a, b) return a.value < b.value or (a.value == b.value and a.id < b.id) end)
print(recs[1].id, recs[#recs].id)
local q = {}
for i = 1, 100000 do table.insert(q, i) end
local popped = 0
while #q > 0 do popped = popped + table.remove(q) end
print(popped)
