// SerialPorts seen from Lua scripts built by qsys2ts: errors raised at Lua call sites (argument
// checks, unknown members, a malformed map), the top level finishing before the first event,
// and an error escaping a handler (printed, the service keeps serving).
import { afterEach, describe, expect, test } from "vitest";
import { runOurs } from "./helpers.ts";
import { device, killServices, startService, until } from "./qsys-helpers.ts";

afterEach(() => killServices());

describe("errors raised at Lua call sites", () => {
  test("argument checks, bad self, unknown and read-only members name the line", async () => {
    const r = await runOurs(
      `local function e(f) print(select(2, pcall(f))) end
local p = SerialPorts[1]
e(function() p:Open() end)
e(function() p:Open("fast") end)
e(function() p:Open(0) end)
e(function() p:Open(460800) end)
e(function() p:Open(9600, 9) end)
e(function() p:Open(9600, 8, "X") end)
e(function() p:Open(9600, 8, {}) end)
e(function() p:Open(9600, 8, "N", 3) end)
e(function() p.Open(9600) end)
e(function() p:Write() end)
e(function() p:Write("x") end)
e(function() p:Read() end)
e(function() p:ReadLine(9) end)
e(function() p:ReadLine(SerialPorts.EOL.Custom) end)
e(function() p:Search() end)
e(function() p:Peek(1) end)
e(function() p.IsOpen = true end)
e(function() p.OnData = print end)
e(function() return SerialPorts.Event end)
e(function() return SerialPorts.EOL.Crlf end)
e(function() p.Write("x") end)
print(p:Read(1), p:ReadLine(SerialPorts.EOL.Any), p:Search("x"), p.BufferLength, p.IsOpen, #SerialPorts, SerialPorts[2])
`,
      "args.lua",
      { QSYS2TS_SERIAL_PORTS: "1=tcp:127.0.0.1:9" },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "args.lua:3: bad argument #1 to 'Open' (number expected, got no value)",
        "args.lua:4: bad argument #1 to 'Open' (number expected, got string)",
        "args.lua:5: bad argument #1 to 'Open' (baud rate must be 1 to 230400)",
        "args.lua:6: bad argument #1 to 'Open' (baud rate must be 1 to 230400)",
        "args.lua:7: bad argument #2 to 'Open' (data bits must be 5 to 8)",
        "args.lua:8: bad argument #3 to 'Open' (parity must be 'N', 'E', 'O', 'M' or 'S')",
        "args.lua:9: bad argument #3 to 'Open' (string expected, got table)",
        "args.lua:10: bad argument #4 to 'Open' (stop bits must be 1 or 2)",
        "args.lua:11: bad argument #1 to 'Open' (SerialPort expected, got number)",
        "args.lua:12: bad argument #1 to 'Write' (string expected, got no value)",
        "args.lua:13: SerialPort is not open",
        "args.lua:14: bad argument #1 to 'Read' (number expected, got no value)",
        "args.lua:15: bad argument #1 to 'ReadLine' (invalid EOL mode)",
        "args.lua:16: bad argument #2 to 'ReadLine' (custom EOL string expected, got no value)",
        "args.lua:17: bad argument #1 to 'Search' (string expected, got no value)",
        "args.lua:18: SerialPort has no member 'Peek'",
        "args.lua:19: SerialPort member 'IsOpen' is read-only",
        "args.lua:20: SerialPort has no member 'OnData'",
        "args.lua:21: SerialPorts has no member 'Event'",
        "args.lua:22: SerialPorts.EOL has no member 'Crlf'",
        "args.lua:23: bad argument #1 to 'Write' (SerialPort expected, got string)",
        "nil\tnil\tnil\t0\tfalse\t1\tnil",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });
  test("no map: SerialPorts is empty; a malformed map or reconnect delay is an error at the line that meets it", async () => {
    const script = `print(#SerialPorts, SerialPorts[1], SerialPorts.Events.Data)
print(pcall(function() return SerialPorts[1] end))
print(pcall(function() return #SerialPorts end))
`;
    const none = await runOurs(script, "none.lua");
    expect(none.stdout).toBe("0\tnil\tDATA\ntrue\tnil\ntrue\t0\n");
    const bad = await runOurs(`print(pcall(function() return SerialPorts[1] end))
print(pcall(function() return #SerialPorts end))
`, "bad.lua", { QSYS2TS_SERIAL_PORTS: "1=ttyUSB0" });
    expect(bad.stdout).toBe(
      "false\tbad.lua:1: invalid QSYS2TS_SERIAL_PORTS entry '1=ttyUSB0'\nfalse\tbad.lua:2: invalid QSYS2TS_SERIAL_PORTS entry '1=ttyUSB0'\n",
    );
    const delay = await runOurs(`print(pcall(SerialPorts[1].Open, SerialPorts[1], 9600))
print(pcall(function() SerialPorts[1]:Open(9600) end))
`, "delay.lua", { QSYS2TS_SERIAL_PORTS: "1=/dev/null", QSYS2TS_SERIAL_RECONNECT: "soon" });
    expect(delay.stdout).toBe(
      "false\tinvalid QSYS2TS_SERIAL_RECONNECT value 'soon'\nfalse\tdelay.lua:2: invalid QSYS2TS_SERIAL_RECONNECT value 'soon'\n",
    );
  });
});

describe("the event model", () => {
  test("the top level finishes before Connected; an error escaping a handler is printed and serving goes on", async () => {
    const d = await device((p) => p.sock.on("data", () => {}));
    try {
      const s = await startService(
        `port = SerialPorts[1]
port.Connected = function(p)
  print("connected")
  p:Write("hello\\r")
end
port.Data = function(p)
  local line = p:ReadLine(SerialPorts.EOL.Any)
  while line do
    if line == "boom" then error("device said boom") end
    p:Write("ack " .. line .. "\\r")
    line = p:ReadLine(SerialPorts.EOL.Any)
  end
end
port:Open(9600)
print("top level done", port.IsOpen)
`,
        "serial.lua",
        { QSYS2TS_SERIAL_PORTS: `1=tcp:127.0.0.1:${d.port}` },
      );
      await until(() => d.peers.length === 1 && d.peers[0].received() === "hello\r", 10000, "hello");
      const peer = d.peers[0];
      peer.write("boom\r");
      await until(() => s.err().includes("stack traceback:"), 5000, "the report");
      peer.write("fine\r");
      await peer.waitFor("ack fine\r", 5000);
      expect(peer.received()).toBe("hello\rack fine\r");
      await until(() => s.out().includes("connected\n"), 5000, "the handler's print");
      expect(s.out()).toBe("top level done\tfalse\nconnected\n");
      expect(s.err()).toMatch(/^serial\.lua:9: device said boom\nstack traceback:\n/);
      expect(await s.stop()).toBe(0);
    } finally {
      d.server.close();
    }
  });
});
