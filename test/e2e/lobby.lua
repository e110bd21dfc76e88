-- The design of qrc.md §6 ("Lobby": named controls MainGain and MainMute, component Zone1
-- with gain, mute and source) around a small script that watches Zone1, for
-- test/e2e-transcript.test.ts: §6's conversation, line by line, against a built service.
local zone = Component.New("Zone1")
for _, name in ipairs({ "gain", "mute", "source" }) do
  zone[name].EventHandler = function(c) print("Zone1." .. name .. " " .. c.String) end
end
print("lobby ready")
