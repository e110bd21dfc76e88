-- A Text Controller with one control of every type a design file declares
-- (all_controls.design.json), for the end-to-end QRC tests (test/e2e-controls.test.ts).
-- Every change from outside prints "EVT <name> #<count> <Value>|<String>", so a test can
-- count how often each handler ran. The trigger Go starts a timer that changes the
-- indicators from the script itself: change groups see that, and no handler runs.
local count = {}
local function report(ctl, name)
  count[name] = (count[name] or 0) + 1
  print(string.format("EVT %s #%d %s|%s", name, count[name], tostring(ctl.Value), ctl.String))
end

for name, ctl in pairs(Controls) do
  if type(ctl) == "table" then -- an array: Buttons[1]..Buttons[3]
    for _, member in ipairs(ctl) do
      member.EventHandler = function(c) report(c, name .. " " .. c.Index) end
    end
  else
    ctl.EventHandler = function(c) report(c, name) end
  end
end

-- A handler that writes its own control (that raises nothing) and another one.
Controls.Gain.EventHandler = function(ctl)
  report(ctl, "Gain")
  if ctl.Value > 0 then ctl.Value = 0 end
  Controls.Led.Boolean = ctl.Value > -10
end

-- "sync N" answers "SYNC N" (tests know every earlier print arrived); "boom" fails.
Controls.Label.EventHandler = function(ctl)
  local n = ctl.String:match("^sync (%d+)$")
  if n then print("SYNC " .. n) return end
  if ctl.String == "boom" then error("the label went boom") end
  report(ctl, "Label")
end

local zone = Component.New("Zone1")
zone.gain.EventHandler = function(c) report(c, "Zone1.gain") end

local ticks = 0
local timer = Timer.New()
timer.EventHandler = function()
  ticks = ticks + 1
  Controls.Level.Value = -60 + 10 * ticks
  Controls.Display.String = "tick " .. ticks
  Controls.State.Value = ticks
  if ticks == 5 then
    timer:Stop()
    print("TICKS DONE")
  end
end

Controls.Go.EventHandler = function(ctl)
  report(ctl, "Go")
  ticks = 0
  timer:Start(0.1)
end

print("ready")
