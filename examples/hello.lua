-- A first program: Lua 5.3 values, tables, closures and string formatting, as a Core runs them.
local rooms = { { name = "Boardroom", seats = 12 }, { name = "Huddle", seats = 4 } }

local function describe(room)
  return string.format("%-10s %3d seats, %.1f m2 each", room.name, room.seats, 30 / room.seats)
end

for i, room in ipairs(rooms) do
  print(i, describe(room))
end
print("integer or float?", 10 // 4, 10 / 4, math.type(2^53))
