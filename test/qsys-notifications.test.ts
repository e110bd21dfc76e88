// Notifications (publish/subscribe within the service) and System fields, through built programs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runOurs } from "./helpers.ts";

describe.concurrent("Notifications", () => {
  test("deliveries run after the publishing code, in order, with copies of tables; Publish in a callback is an error", async () => {
    const r = await runOurs(`
local a = Notifications.Subscribe("room", function(name, data)
  print("A", name, type(data) == "table" and data.vol or data)
  if type(data) == "table" then data.vol = 99 end
end)
Notifications.Subscribe("room", function(name, data)
  local ok, err = pcall(Notifications.Publish, "other", "x")
  print("B", ok, (err:gsub("^[^:]+:%d+: ", "")))
end)
Notifications.Subscribe("other", function() print("other got it") end)
print(type(a))
local t = { vol = 5, nested = { 1, 2 }, f = print }
Notifications.Publish("room", t)
Notifications.Publish("nobody", "ignored")
print("published", t.vol)
Timer.CallAfter(function()
  Notifications.Unsubscribe(a)
  Notifications.Publish("room", "second")
  print("t.vol", t.vol)
end, 0.05)
`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "string",
        "published\t5",
        "A\troom\t5",
        "B\tfalse\tNotifications.Publish cannot be called from a Notifications.Subscribe callback",
        "t.vol\t5",
        "B\tfalse\tNotifications.Publish cannot be called from a Notifications.Subscribe callback",
        "",
      ].join("\n"),
    );
  });

  test("a subscriber removed before delivery gets nothing; bad arguments and unknown members are errors", async () => {
    const r = await runOurs(`
local id = Notifications.Subscribe("n", function() print("never") end)
Notifications.Publish("n", "x")
Notifications.Unsubscribe(id)
Notifications.Unsubscribe("no such id")
print(pcall(Notifications.Publish, "n", 5))
print(pcall(Notifications.Subscribe, "n"))
print(pcall(function() return Notifications.Send end))
`);
    expect(r.stdout).toBe(
      [
        "false\tbad argument #2 to 'Publish' (string or table expected, got number)",
        "false\tbad argument #2 to 'Subscribe' (function expected, got no value)",
        "false\tsnippet.lua:8: Notifications has no member 'Send'",
        "",
      ].join("\n"),
    );
  });

  test("an error in a callback is reported and later deliveries still run", async () => {
    const r = await runOurs(`
Notifications.Subscribe("n", function(name, data) if data == "bad" then error("boom") end print("got", data) end)
Notifications.Publish("n", "bad")
Notifications.Publish("n", "good")
`);
    expect(r.stdout).toBe("got\tgood\n");
    expect(r.stderr).toMatch(/^snippet\.lua:2: boom\n/);
    expect(r.status).toBe(0);
  });
});

describe.concurrent("System", () => {
  test("fields a migrated service reports, and their overrides", async () => {
    const src = `print(System.IsEmulating, System.Version, System.MajorVersion, System.MinorVersion, System.BuildVersion, type(System.MajorVersion), tonumber(System.MajorVersion) >= 9)
print(#System.LockingId, System.LockingId:sub(1, 1), pcall(function() return System.Uptime end))`;
    const plain = await runOurs(src);
    expect(plain.stdout).toMatch(/^false\t9\.13\.0\t9\t13\t0\tstring\ttrue\n16\t\*\tfalse\tsnippet\.lua:2: System has no member 'Uptime'\n$/);
    const set = await runOurs(src, "snippet.lua", { QSYS2TS_EMULATING: "1", QSYS2TS_QSYS_VERSION: "10.0.1", QSYS2TS_LOCKING_ID: "*ABCDEFGHIJKLMNO" });
    expect(set.stdout.split("\n")[0]).toBe("true\t10.0.1\t10\t0\t1\tstring\ttrue");
  });

  test("Q-SYS globals are in the global table too (programs with Lua modules reach them there)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qsys2ts-globals-"));
    writeFileSync(join(dir, "helper.lua"), `return { kind = function() return type(Timer.New), type(Notifications.Publish), System.Version end }`);
    const r = await runOurs(`local h = require("helper") print(h.kind()) print(_G.TcpSocket == TcpSocket, _G.System == System)`, "main.lua", {}, dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("function\tfunction\t9.13.0\ntrue\ttrue\n");
  });
});
