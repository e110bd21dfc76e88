-- Objects: metatables with __index classes, method calls, closures as counters, inheritance
local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance, ops = 0}, Account) end
function Account:deposit(v) self.balance = self.balance + v; self.ops = self.ops + 1 end
function Account:withdraw(v)
  if v > self.balance then return false end
  self.balance = self.balance - v
  self.ops = self.ops + 1
  return true
end
local Savings = setmetatable({}, {__index = Account})
Savings.__index = Savings
function Savings.new(balance, rate)
  local s = Account.new(balance)
  s.rate = rate
  return setmetatable(s, Savings)
end
function Savings:addInterest() self:deposit(self.balance * self.rate) end

local accounts = {}
for i = 1, 1000 do accounts[i] = (i % 2 == 0) and Savings.new(i, 0.01) or Account.new(i) end
for round = 1, 1000 do
  for i = 1, #accounts do
    local a = accounts[i]
    a:deposit(round)
    if not a:withdraw(i % 50) then a:deposit(1) end
    if a.addInterest and round % 100 == 0 then a:addInterest() end
  end
end
local total, ops = 0, 0
for _, a in ipairs(accounts) do total = total + a.balance; ops = ops + a.ops end
print(string.format("%.4f", total), ops)

local function counter()
  local n = 0
  return function(step) n = n + (step or 1); return n end
end
local cs = {}
for i = 1, 100 do cs[i] = counter() end
local s = 0
for _ = 1, 50000 do
  for i = 1, 100 do s = s + cs[i](i) end
end
print(s)
