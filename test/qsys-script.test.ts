// Q-SYS scripts written in Lua, built by qsys2ts and run as `node script.mjs`: what the
// script itself sees and prints. Argument errors and unknown members from Lua call sites,
// errors escaping handlers (`script.lua:LINE: message` and a traceback on stderr, serving
// goes on), the top level running before any handler, handlers never nested, the print
// timestamp option, SIGTERM flushing what was written, and hundreds of clients at once.
import { afterEach, describe, expect, test } from "vitest";
import { runOurs } from "./helpers.ts";
import { connectAfterStart, connectPeer, device, freePort, killServices, sleep, startService, until, type Peer } from "./qsys-helpers.ts";

afterEach(() => killServices());

describe("errors raised at Lua call sites", () => {
  // Messages follow lauxlib's rules for C methods (checked against lua5.3 with string.rep:
  // a method call numbers arguments from the first explicit one, a missing argument is
  // "no value", a wrong self is "bad self" / "#1 ... expected, got ...").
  test("argument errors, bad self, unknown and read-only members name the line", async () => {
    const r = await runOurs(
      `local function e(f) print(select(2, pcall(f))) end
local s = TcpSocket.New()
local t = Timer.New()
local srv = TcpSocketServer.New()
e(function() s:Write(nil) end)
e(function() s:Write() end)
e(function() s.Write("x") end)
e(function() s:Connect() end)
e(function() s:Connect("h") end)
e(function() s:Connect("h", 70000) end)
e(function() s:Read("x") end)
e(function() s:ReadLine() end)
e(function() s:ReadLine(9) end)
e(function() s:ReadLine(TcpSocket.EOL.Custom) end)
e(function() s:Search() end)
e(function() t:Start() end)
e(function() t.Start(5) end)
e(function() srv:Listen("x") end)
e(function() Timer.CallAfter(1, 1) end)
e(function() Timer.CallAfter(print) end)
e(function() s:Peek(1) end)
e(function() return t.Running end)
e(function() return TcpSocket.EOL.Crlf end)
e(function() return TcpSocketServer.Listen end)
e(function() s.IsConnected = true end)
e(function() s.OnData = print end)
e(function() s:Write("x") end)
e(function() s:ReadLine(TcpSocket.EOL.Custom, "") end)
`,
      "args.lua",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "args.lua:5: bad argument #1 to 'Write' (string expected, got nil)",
        "args.lua:6: bad argument #1 to 'Write' (string expected, got no value)",
        "args.lua:7: bad argument #1 to 'Write' (TcpSocket expected, got string)",
        "args.lua:8: bad argument #1 to 'Connect' (string expected, got no value)",
        "args.lua:9: bad argument #2 to 'Connect' (number expected, got no value)",
        "args.lua:10: bad argument #2 to 'Connect' (port out of range)",
        "args.lua:11: bad argument #1 to 'Read' (number expected, got string)",
        "args.lua:12: bad argument #1 to 'ReadLine' (number expected, got no value)",
        "args.lua:13: bad argument #1 to 'ReadLine' (invalid EOL mode)",
        "args.lua:14: bad argument #2 to 'ReadLine' (custom EOL string expected, got no value)",
        "args.lua:15: bad argument #1 to 'Search' (string expected, got no value)",
        "args.lua:16: bad argument #1 to 'Start' (number expected, got no value)",
        "args.lua:17: bad argument #1 to 'Start' (Timer expected, got number)",
        "args.lua:18: bad argument #1 to 'Listen' (number expected, got string)",
        "args.lua:19: bad argument #1 to 'CallAfter' (function expected, got number)",
        "args.lua:20: bad argument #2 to 'CallAfter' (number expected, got no value)",
        "args.lua:21: TcpSocket has no member 'Peek'",
        "args.lua:22: Timer has no member 'Running'",
        "args.lua:23: TcpSocket.EOL has no member 'Crlf'",
        "args.lua:24: TcpSocketServer has no member 'Listen'",
        "args.lua:25: TcpSocket member 'IsConnected' is read-only",
        "args.lua:26: TcpSocket has no member 'OnData'",
        "args.lua:27: TcpSocket is not connected",
        "args.lua:28: bad argument #2 to 'ReadLine' (custom EOL string must not be empty)",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });
});

describe("errors escaping handlers", () => {
  test("print script.lua:LINE: message and a traceback on stderr; the service keeps serving", async () => {
    const port = await freePort();
    const s = await startService(
      `server = TcpSocketServer.New()
server.EventHandler = function(sock)
  sock.Data = function(sock)
    local line = sock:ReadLine(TcpSocket.EOL.Lf)
    while line do
      if line == "index" then
        local t = nil
        print(t.x)
      elseif line == "error" then
        error("custom failure")
      elseif line == "member" then
        sock:Peek(1)
      end
      sock:Write("ok " .. line .. "\\n")
      line = sock:ReadLine(TcpSocket.EOL.Lf)
    end
  end
end
server:Listen(1720)
ticks = Timer.New()
ticks.EventHandler = function() ticks:Stop() local f = nil f() end
ticks:Start(0.01)
`,
      "handler.lua",
      { QSYS2TS_PORT_MAP: `1720=${port}` },
    );
    const p = await connectAfterStart(port);
    await until(() => s.err().includes("stack traceback:"), 5000, "the timer's report");
    // Each failing line ends its handler call; the next Data event goes on with the rest.
    for (const [i, line] of ["index", "error", "member", "fine"].entries()) {
      p.write(line + "\n");
      if (line === "fine") await p.waitFor("ok fine\n", 5000);
      else await until(() => s.err().split("stack traceback:").length === i + 3, 5000, `report of ${line}`);
    }
    expect(p.received()).toBe("ok fine\n");
    const reports = s.err().split(/\n(?=[^\t\n][^\n]*\nstack traceback:)/);
    expect(reports[0]).toMatch(/^handler\.lua:21: attempt to call a nil value \(local 'f'\)\nstack traceback:\n\thandler\.lua:21: in /);
    expect(reports[1]).toMatch(/^handler\.lua:8: attempt to index a nil value \(local 't'\)\nstack traceback:\n\thandler\.lua:8: in /);
    expect(reports[2]).toMatch(/^handler\.lua:10: custom failure\nstack traceback:\n/);
    expect(reports[3]).toMatch(/^handler\.lua:12: TcpSocket has no member 'Peek'\nstack traceback:\n\thandler\.lua:12: in /);
    expect(reports).toHaveLength(4);
    expect(await s.stop()).toBe(0);
  });
});

describe("the event model", () => {
  test("the top level finishes before any handler; handlers never run inside one another", async () => {
    const dev = await device((p) => p.write("hello\n"));
    try {
      const port = await freePort();
      const s = await startService(
        `depth, nested = 0, false
local function enter(what)
  if depth > 0 then nested = true end
  depth = depth + 1
  print(what)
end
local function leave() depth = depth - 1 end
server = TcpSocketServer.New()
server.EventHandler = function(sock)
  enter("accepted")
  accepted = sock
  sock.EventHandler = function(s, ev) enter("server socket " .. ev) s:Read(100) leave() end
  leave()
end
print("listen", server:Listen(1720))
client = TcpSocket.New()
client.ReconnectTimeout = 0
client.EventHandler = function(s, ev)
  enter("client " .. ev)
  if ev == TcpSocket.Events.Data then
    s:Read(100)
    s:Write("x")              -- events this raises come later
    s:Disconnect()
    Timer.CallAfter(function() enter("call after 0 from handler") leave() end, 0)
  end
  leave()
end
client:Connect("127.0.0.1", ${dev.port})
loopback = TcpSocket.New()
loopback.Connected = function(s) enter("loopback connected") s:Write("ping") leave() end
loopback:Connect("127.0.0.1", 1720)
Timer.CallAfter(function() enter("call after 0") leave() end, 0)
t = Timer.New()
t.EventHandler = function(self) enter("timer") self:Stop() leave() end
t:Start(0)
local t0 = os.clock()
while os.clock() - t0 < 0.3 do end   -- events are due now, but the top level goes on
print("top level done")
Timer.CallAfter(function() print("nested", nested) end, 0.5)
`,
        "order.lua",
        { QSYS2TS_PORT_MAP: `1720=${port}`, QSYS2TS_CONNECT_MAP: `1720=${port}` },
      );
      await until(() => s.out().includes("nested\t"), 10000, "end of script");
      const lines = s.out().trim().split("\n");
      expect(lines.slice(0, 2)).toEqual(["listen\tnil", "top level done"]);
      expect(lines.at(-1)).toBe("nested\tfalse");
      expect([...lines].sort()).toEqual(
        [
          "listen\tnil",
          "top level done",
          "accepted",
          "loopback connected",
          "server socket DATA",
          "client CONNECTED",
          "client DATA",
          "call after 0",
          "call after 0 from handler",
          "timer",
          "nested\tfalse",
        ].sort(),
      );
      expect(await s.stop()).toBe(0);
    } finally {
      dev.server.close();
    }
  });
});

describe("print", () => {
  test("writes what lua5.3 writes; QSYS2TS_PRINT_TIMESTAMPS=1 adds a Core-style timestamp", async () => {
    const src = `print("a", 1, 2.0, nil, true)\nprint()\n`;
    const plain = await runOurs(src, "print.lua");
    expect(plain.stdout).toBe("a\t1\t2.0\tnil\ttrue\n\n");
    const stamped = await runOurs(src, "print.lua", { QSYS2TS_PRINT_TIMESTAMPS: "1" });
    const stamp = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}`;
    expect(stamped.stdout).toMatch(new RegExp(`^${stamp}\ta\t1\t2\\.0\tnil\ttrue\n${stamp}\t\n$`));
  });
});

describe("shutdown", () => {
  test("SIGTERM flushes what was written to a slow reader, closes it, and exits 0", async () => {
    const port = await freePort();
    const s = await startService(
      `server = TcpSocketServer.New()
socks = {}
server.EventHandler = function(sock)
  socks[#socks + 1] = sock
  sock:Write(string.rep("0123456789", 800000) .. "END")
  print("sent")
end
server:Listen(1720)
`,
      "flush.lua",
      { QSYS2TS_PORT_MAP: `1720=${port}` },
    );
    const p = await connectAfterStart(port);
    p.sock.pause(); // the reader falls behind: most of the 8 MB waits in the service
    await until(() => s.out().includes("sent"), 5000);
    const exit = s.stop();
    await sleep(50);
    p.sock.resume();
    expect(await exit).toBe(0);
    await until(() => p.closed(), 5000, "close");
    expect(p.received().length).toBe(8_000_003);
    expect(p.received().endsWith("789END")).toBe(true);
  });
});

describe("load", () => {
  test("a built line-echo script serves 300 clients at once, every byte accounted for", async () => {
    const port = await freePort();
    const s = await startService(
      `server = TcpSocketServer.New()
clients = {}
server.EventHandler = function(sock)
  clients[sock] = true
  sock.EventHandler = function(s, event)
    if event == TcpSocket.Events.Data then
      local line = s:ReadLine(TcpSocket.EOL.CrLf)
      while line do
        s:Write(#line .. ":" .. line .. "\\n")
        line = s:ReadLine(TcpSocket.EOL.CrLf)
      end
    else
      clients[s] = nil
    end
  end
end
server:Listen(1720)
Timer.CallAfter(function() print("up") end, 0)
`,
      "echo.lua",
      { QSYS2TS_PORT_MAP: `1720=${port}` },
    );
    await until(() => s.out().includes("up"), 10000);
    const N = 300;
    const LINES = 30;
    const peers: Peer[] = [];
    for (let i = 0; i < N; i += 50) peers.push(...(await Promise.all(Array.from({ length: 50 }, () => connectPeer(port)))));
    const expected: string[] = [];
    peers.forEach((p, k) => {
      let text = "";
      let want = "";
      for (let i = 0; i < LINES; i++) {
        // Every byte value except the terminators, so binary data is accounted for too.
        let line = `c${k} l${i} `;
        for (let b = 0; b < 256; b += 1 + ((i + k) % 7)) if (b !== 10 && b !== 13) line += String.fromCharCode(b);
        text += line + "\r\n";
        want += `${line.length}:${line}\n`;
      }
      expected.push(want);
      // Odd-sized pieces, so lines straddle packets.
      const size = 5 + (k % 17);
      for (let i = 0; i < text.length; i += size) p.write(text.slice(i, i + size));
    });
    await until(() => peers.every((p, k) => p.received().length >= expected[k].length), 20000, "all echoes");
    peers.forEach((p, k) => expect(p.received() === expected[k], `client ${k}`).toBe(true));
    for (const p of peers) p.sock.destroy();
    expect(await s.stop()).toBe(0);
    expect(s.err()).toBe("");
  });
});
