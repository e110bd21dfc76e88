-- The mandelbrot kernel: float arithmetic on locals in nested loops
local function mandel(width)
  local height, iter = width, 50
  local count = 0
  for y = 0, height - 1 do
    local ci = 2.0 * y / height - 1.0
    for x = 0, width - 1 do
      local cr = 2.0 * x / width - 1.5
      local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
      local escaped = false
      for _ = 1, iter do
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0 then escaped = true; break end
      end
      if not escaped then count = count + 1 end
    end
  end
  return count
end
print(mandel(800))
