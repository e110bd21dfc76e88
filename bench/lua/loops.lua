-- Numeric loops: integer arithmetic with // and %, float accumulation, a while loop
local sum = 0
for i = 1, 10000000 do
  sum = sum + (i * i) % 7 + i // 3
end
print(sum)
local x = 0.0
for i = 1, 5000000 do
  x = x + 1.0 / i
end
print(string.format("%.12f", x))
local n, steps = 27, 0
for _ = 1, 150000 do
  n = 27
  while n ~= 1 do
    if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end
    steps = steps + 1
  end
end
print(steps)
