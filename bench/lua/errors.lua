-- Errors as control flow: pcall around error() with strings and tables, runtime errors caught
local fails = 0
local function check(v)
  if v % 3 == 0 then error("bad value " .. v) end
  if v % 5 == 0 then error({code = v}) end
  return v
end
local sum = 0
for i = 1, 200000 do
  local ok, r = pcall(check, i)
  if ok then sum = sum + r else fails = fails + 1 end
end
print(sum, fails)
local caught = 0
for i = 1, 100000 do
  local ok, e = pcall(function() local t = nil; return t.x end)
  if not ok then caught = caught + 1 end
end
print(caught)
