-- Calls: small functions and methods that return another call's results (tail calls:
-- delegation, dispatch, accumulator recursion) beside plain calls, as scripts write them
local Shape = {}
Shape.__index = Shape
function Shape.new(w, h) return setmetatable({w = w, h = h}, Shape) end
function Shape:area() return self.w * self.h end
function Shape:scaled(k) return Shape.new(self.w * k, self.h * k) end
local Box = setmetatable({}, {__index = Shape})
Box.__index = Box
function Box.new(w, h, d) local b = Shape.new(w, h); b.d = d; return setmetatable(b, Box) end
function Box:base() return Shape.area(self) end     -- delegation: a tail call
function Box:volume() return self:base() * self.d end

local function clamp(x, lo, hi) if x < lo then return lo elseif x > hi then return hi end return x end
local function norm(x) return clamp(x, 0, 100) end  -- a tail call to a local function

local handlers = {}
handlers.add = function(a, b) return a + b end
handlers.sub = function(a, b) return a - b end
local function dispatch(op, a, b) return handlers[op](a, b) end  -- a tail call through a table

local function sum(n, acc) if n == 0 then return acc end return sum(n - 1, acc + n) end

local total = 0
for i = 1, 1000000 do
  local b = Box.new(i % 7 + 1, i % 5 + 1, i % 3 + 1)
  total = total + b:volume() + norm(i % 150) + dispatch(i % 2 == 0 and "add" or "sub", i, 3)
  total = total + b:scaled(2):area()
end
for i = 1, 100 do total = total + sum(20000, 0) end
print(total)
