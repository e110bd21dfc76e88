-- A mixed workload (calls, arithmetic, strings, tables, closures) for bench/coroutines/run.mjs.
-- The file never names the coroutine library: run.mjs builds variants that do.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end

local function strings(n)
  local parts = {}
  for i = 1, n do
    local s = string.format("%05d:%s", i, ("x"):rep(i % 7))
    parts[#parts + 1] = s:gsub("x", "y"):upper()
  end
  return #table.concat(parts, ",")
end

local function tables(n)
  local t = {}
  for i = 1, n do t[i] = (i * 7919) % 1000 end
  table.sort(t)
  local sum = 0
  for _, v in ipairs(t) do sum = sum + v end
  local m = {}
  for i = 1, n do m["k" .. (i % 100)] = (m["k" .. (i % 100)] or 0) + i end
  for k, v in pairs(m) do sum = sum + v end
  return sum
end

local function closures(n)
  local acc = 0
  local function adder(k) return function(x) return x + k end end
  for i = 1, n do acc = adder(i)(acc) % 1000003 end
  return acc
end

function WORK()
  return fib(27), strings(20000), tables(100000), closures(300000)
end
