-- The JSON Amplifier's protocol (amp.qplug): one JSON object a line each way. A module of the
-- plugin: Controls, Properties and TcpSocket are the plugin's, reached through the global table.
local rapidjson = require("rapidjson")

local M = {}

function M.send(sock, msg)
  if sock.IsConnected then sock:Write(rapidjson.encode(msg, { sort_keys = true }) .. "\n") end
end

-- The device's state, written to the controls by the plugin itself (no handler runs).
local function apply(line)
  local msg, err = rapidjson.decode(line)
  if not msg then
    print("bad reply: " .. err)
    return
  end
  if msg.name then Controls.DeviceName.String = msg.name .. " at " .. Properties["IP Address"].Value end
  if msg.gains then for i, g in ipairs(msg.gains) do Controls.Gain[i].Value = g end end
  if msg.mutes then for i, m in ipairs(msg.mutes) do Controls.Mute[i].Boolean = m end end
end

-- Every complete line the device sent (TcpSocket is the plugin's global too).
function M.receive(sock)
  local line = sock:ReadLine(TcpSocket.EOL.Lf)
  while line do
    apply(line)
    line = sock:ReadLine(TcpSocket.EOL.Lf)
  end
end

return M
