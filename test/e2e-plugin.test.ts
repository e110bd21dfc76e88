// End to end: a plugin of our own shaped like real ones (test/e2e/amp.qplug: PluginInfo,
// GetProperties, GetControls with Count arrays, GetControlLayout, run-time code inside
// `if Controls then`, a TcpSocket, a Timer, a Lua module using rapidjson), built into one
// service, its TcpSocket sent to a fake amplifier on 127.0.0.1 by QSYS2TS_CONNECT_MAP, and
// driven over QRC: a QRC set sends the device the right bytes, the device's replies show up
// in QRC polls. Then what must stop a plugin or a build with a clear error.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { build, error, fixtures, freePort, pushes, result, Service, workDir } from "./e2e-helpers.ts";
import { until } from "./qrc-helpers.ts";

/** The fake amplifier: JSON lines; "hello" -> its name, "status" -> its state; gain/mute set it. */
class Amplifier {
  readonly received: string[] = [];
  gains = [-20, -30, -40];
  mutes = [false, true, false];
  private peers: net.Socket[] = [];
  private server = net.createServer((s) => {
    this.peers.push(s);
    s.on("error", () => {});
    let buf = "";
    s.on("data", (b) => {
      buf += b.toString("latin1");
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.received.push(line);
        const m = JSON.parse(line) as { cmd: string; ch: number; value: number | boolean };
        if (m.cmd === "hello") s.write(JSON.stringify({ name: "Amp-3000" }) + "\n");
        else if (m.cmd === "status") this.report(s);
        else if (m.cmd === "gain") this.gains[m.ch - 1] = m.value as number;
        else if (m.cmd === "mute") this.mutes[m.ch - 1] = m.value as boolean;
      }
    });
  });
  port = 0;

  async listen(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  report(s: net.Socket = this.peers[this.peers.length - 1]): void {
    s.write(JSON.stringify({ gains: this.gains, mutes: this.mutes }) + "\n");
  }

  close(): void {
    for (const p of this.peers) p.destroy();
    this.server.close();
  }
}

let amp: Amplifier;
let svc: Service;

beforeAll(async () => {
  amp = new Amplifier();
  await amp.listen();
  // The plugin connects to its property's 127.0.0.1:5000; the map sends that to the fake.
  svc = await Service.start(await build(join(fixtures, "amp.qplug")), { QSYS2TS_CONNECT_MAP: `127.0.0.1:5000=127.0.0.1:${amp.port}` });
}, 60000);

afterAll(() => {
  svc?.kill();
  amp?.close();
});

interface State {
  Name: string;
  Value: number;
  String: string;
  Position: number;
  Component?: string;
  [k: string]: unknown;
}

describe("a plugin built into a service and driven over QRC", () => {
  test("its component: type, properties from GetProperties and the design file, controls from GetControls and its layout", async () => {
    const c = await svc.client();
    await svc.waitFor("amp up, 3 channels\n");
    // the design-time run printed nothing; the run-time run printed once
    expect(svc.out).toBe("amp up, 3 channels\n");
    const comps = await result<Record<string, unknown>[]>(c, "Component.GetComponents", "test");
    expect(comps).toEqual([
      {
        ID: "Amp",
        Name: "Amp",
        Type: "%PLUGIN%_qsys2ts.tests.jsonamp",
        Properties: [
          { Name: "IP Address", Value: "127.0.0.1", PrettyName: "IP Address" },
          { Name: "Port", Value: "5000", PrettyName: "Port" },
          { Name: "Channels", Value: "3", PrettyName: "Channels" },
          { Name: "Poll Interval", Value: "0.5", PrettyName: "Poll Interval" },
        ],
        Controls: null,
        ControlSource: 2,
      },
    ]);
    expect((await result<Record<string, unknown>>(c, "StatusGet", 0)).DesignName).toBe("Plugin test");
    const info = await result<{ Controls: State[] }>(c, "Component.GetControls", { Name: "Amp" });
    expect(info.Controls.map((x) => [x.Name, x.Type, x.Direction])).toEqual([
      ["Gain 1", "Float", "Read/Write"],
      ["Gain 2", "Float", "Read/Write"],
      ["Gain 3", "Float", "Read/Write"],
      ["Mute 1", "Boolean", "Read/Write"],
      ["Mute 2", "Boolean", "Read/Write"],
      ["Mute 3", "Boolean", "Read/Write"],
      ["Connected", "Boolean", "Read Only"],
      ["DeviceName", "Text", "Read Only"],
      ["Refresh", "Trigger", "Read/Write"],
    ]);
    expect(info.Controls[0]).toMatchObject({ ValueMin: -100, ValueMax: 12, StringMin: "-100dB", StringMax: "12.0dB" });
    const look = await result<{ Controls: State[] }>(c, "Component.Get", { Name: "Amp", Controls: [{ Name: "Gain 2" }, { Name: "Connected" }] });
    expect(look.Controls[0].Legend).toBe("Ch 2");
    expect(look.Controls[1].Color).toBe("#00C800");
  });

  test("the device's replies show up in QRC polls; QRC sets send the device the right bytes", async () => {
    const c = await svc.client();
    await result(c, "ChangeGroup.AddComponentControl", {
      Id: "amp",
      Component: { Name: "Amp", Controls: ["Gain 1", "Gain 2", "Gain 3", "Mute 2", "Connected", "DeviceName"].map((Name) => ({ Name })) },
    });
    await result(c, "ChangeGroup.AutoPoll", { Id: "amp", Rate: 0.1 });
    const last = new Map<string, State>();
    const seen = () => {
      for (const p of pushes(c, "amp")) for (const ch of p.Changes as State[]) last.set(ch.Name, ch);
    };
    // connect, hello, the device's name and state (the plugin's own writes, through its module)
    await until(() => (seen(), last.get("DeviceName")?.String === "Amp-3000 at 127.0.0.1" && last.get("Gain 3")?.Value === -40), 10000, "the device's state in a push");
    expect(amp.received[0]).toBe('{"cmd":"hello"}');
    expect(last.get("Connected")).toMatchObject({ Component: "Amp", Value: 1, String: "true" });
    expect(last.get("Gain 1")).toMatchObject({ Value: -20, String: "-20.0dB" });
    expect(last.get("Mute 2")).toMatchObject({ Value: 1, Position: 1 });

    // QRC sets raise the handlers, which send the device one line each
    const before = amp.received.length;
    await result(c, "Component.Set", { Name: "Amp", Controls: [{ Name: "Gain 2", Value: "-6dB" }, { Name: "Mute 1", Value: true }] });
    await result(c, "Component.Set", { Name: "Amp", Controls: [{ Name: "Gain 1", Position: 0.5, Ramp: 0 }] });
    await until(() => amp.gains[0] === -44, 10000, "the device's gain 1");
    const sent = amp.received.slice(before).filter((l) => !l.startsWith('{"cmd":"status"'));
    expect(sent).toEqual(['{"ch":2,"cmd":"gain","value":-6}', '{"ch":1,"cmd":"mute","value":true}', '{"ch":1,"cmd":"gain","value":-44}']);
    expect(amp.gains).toEqual([-44, -6, -40]);
    expect(amp.mutes).toEqual([true, true, false]);

    // the device changes on its own: the next status shows in the pushes, and the plugin's
    // writes of it raise no handler (nothing is sent back)
    amp.gains = [-1, -2, -3];
    const quiet = amp.received.length;
    await until(() => (seen(), last.get("Gain 3")?.Value === -3), 10000, "the device's new gains in a push");
    expect(last.get("Gain 2")).toMatchObject({ Value: -2, String: "-2.0dB" });
    expect(amp.received.slice(quiet).filter((l) => !l.startsWith('{"cmd":"status"'))).toEqual([]);

    // the trigger Refresh, set over QRC, runs its handler once
    await result(c, "Component.Set", { Name: "Amp", Controls: [{ Name: "Refresh", Value: 1 }] });
    await until(() => amp.received.includes('{"cmd":"status","why":"refresh"}'), 10000, "the refresh");
    expect(amp.received.filter((l) => l.includes("refresh"))).toHaveLength(1);
    // indicators stay read-only over QRC
    expect((await error(c, "Component.Set", { Name: "Amp", Controls: [{ Name: "DeviceName", Value: "x" }] })).code).toBe(-32602);
    c.close();
  }, 30000);
});

describe("what stops a plugin or its build", () => {
  test("a plugin whose GetControls fails: the error with its line, exit 1, no QRC", async () => {
    const file = join(workDir, "failing.qplug");
    writeFileSync(
      file,
      [
        'PluginInfo = { Name = "Failing", Id = "failing" }',
        'function GetProperties() return { { Name = "Channels", Type = "integer", Value = 2 } } end',
        "function GetControls(props)",
        "  local ctrls = {}",
        '  for i = 1, props["Channel Count"].Value do ctrls[i] = { Name = "X" .. i, ControlType = "Knob" } end',
        "  return ctrls",
        "end",
        'if Controls then print("run time") end',
        "",
      ].join("\n"),
    );
    const mjs = await build(file);
    const port = await freePort();
    const r = spawnSync(process.execPath, [mjs], {
      cwd: workDir,
      encoding: "latin1",
      timeout: 20000,
      env: { ...process.env, QSYS2TS_QRC: "1", QSYS2TS_QRC_HOST: "127.0.0.1", QSYS2TS_PORT_MAP: `1710=${port}` },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("failing.qplug: GetControls failed: failing.qplug:5: attempt to index a nil value (field 'Channel Count')");
  });

  test("a design file with a wrong type fails the build (file and JSON path); a bad property value fails the start", async () => {
    const file = join(workDir, "typo.lua");
    writeFileSync(file, "Controls.Gain.EventHandler = function() end\n");
    writeFileSync(join(workDir, "typo.design.json"), JSON.stringify({ controls: { Gain: { type: "knob", unit: "dB", max: "12" } } }, null, 2));
    await expect(bundleLua("Controls.Gain.EventHandler = function() end\n", file)).rejects.toThrow(
      `${join(workDir, "typo.design.json")}: $.controls.Gain.max: control "Gain": number expected, got string`,
    );
    const bad = join(workDir, "amp-bad.design.json");
    writeFileSync(bad, JSON.stringify({ properties: { Channels: "three" } }));
    const r = spawnSync(process.execPath, [join(workDir, "amp.mjs")], { cwd: workDir, encoding: "latin1", timeout: 20000, env: { ...process.env, QSYS2TS_DESIGN: bad } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${bad}: $.properties.Channels: property "Channels" is an integer from 1 to 8, got "three"\n`);
  });
});
