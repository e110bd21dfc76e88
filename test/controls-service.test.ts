// Services with controls, built by the compiler and run as child processes: the room controller
// example with its design file, a plugin driving a device over TCP, and the failures that must
// stop a service with a clear message.
//
// Controls are turned from outside through the service's stdin hook (QSYS2TS_CONTROL_STDIN=1),
// which calls the same QRC adapter a QRC server calls: each request line gets an
// `@control {state}` answer on stdout, in order with the script's own prints, so a test can
// say exactly what the script printed in response to each change.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { device, until } from "./qsys-helpers.ts";
import { luaAvailable, runOracle } from "./oracle.ts";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "qsys2ts-controls-"));

/** Build `file` (a path; its NAME.design.json beside it is embedded) into dir/out. */
async function build(file: string, out: string): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const { code } = await bundleLua(readFileSync(file).toString("latin1"), file);
  const mjs = join(dir, out);
  writeFileSync(mjs, code);
  return mjs;
}

/** Write a script (and optionally its design file) into the temp dir; returns the script path. */
function script(name: string, source: string, design?: object | string): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(source, "latin1"));
  if (design !== undefined) writeFileSync(file.replace(/\.\w+$/, ".design.json"), typeof design === "string" ? design : JSON.stringify(design));
  return file;
}

interface State {
  Name: string;
  Value: number;
  String: string;
  Position: number;
  [k: string]: unknown;
}

class Service {
  out = "";
  err = "";
  exited: number | null | undefined = undefined;
  private answered = 0;

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding("latin1");
    child.stderr!.setEncoding("latin1");
    child.stdout!.on("data", (s: string) => (this.out += s));
    child.stderr!.on("data", (s: string) => (this.err += s));
    child.on("exit", (code) => (this.exited = code));
  }

  static start(mjs: string, env: Record<string, string> = {}): Service {
    const child = spawn(process.execPath, [mjs], { cwd: dir, env: { ...process.env, QSYS2TS_CONTROL_STDIN: "1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    return new Service(child);
  }

  lines(): string[] {
    return this.out.split("\n").filter((l) => l !== "");
  }

  async waitFor(text: string, ms = 8000): Promise<void> {
    await until(() => this.out.includes(text) || this.exited !== undefined, ms, JSON.stringify(text) + " in " + JSON.stringify(this.out + this.err));
    if (!this.out.includes(text)) throw new Error(`service ended without printing ${text}: ${this.err}`);
  }

  /** Send one request; resolves with the lines printed before its answer, and the answer. */
  async request(req: object): Promise<{ printed: string[]; state: State }> {
    const before = this.lines().length;
    this.child.stdin!.write(JSON.stringify(req) + "\n");
    const n = ++this.answered;
    const answers = () => this.lines().filter((l) => l.startsWith("@control"));
    await until(() => answers().length >= n || this.exited !== undefined, 8000, `answer to ${JSON.stringify(req)}; got ${this.out}${this.err}`);
    const all = this.lines();
    const at = all.indexOf(answers()[n - 1], before);
    const answer = all[at];
    if (answer.startsWith("@control-error")) throw new Error(answer);
    return { printed: all.slice(before, at).filter((l) => !l.startsWith("@control")), state: JSON.parse(answer.slice("@control ".length)) };
  }

  async stop(): Promise<void> {
    if (this.exited !== undefined) return;
    this.child.kill("SIGTERM");
    await until(() => this.exited !== undefined, 8000, "exit");
  }
}

const running: Service[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    if (s.exited === undefined) s.child.kill("SIGKILL");
  }
});

function start(mjs: string, env: Record<string, string> = {}): Service {
  const s = Service.start(mjs, env);
  running.push(s);
  return s;
}

describe("room_controller.lua with its design file", () => {
  test("panel changes raise the handlers; the script's own writes show in the state", async () => {
    const mjs = await build(join(root, "examples", "room_controller.lua"), "room.mjs");
    const s = start(mjs);
    // The top level prints with the design's first values; Timer.CallAfter then sets -20.
    await s.waitFor("HDMI 1 | live | -20.0 dB");
    expect(s.lines()).toEqual(["HDMI 1 | live | -12.0 dB", "HDMI 1 | live | -20.0 dB"]);

    let r = await s.request({ component: "Room", control: "Mute", Value: 1 });
    expect(r.printed).toEqual(["HDMI 1 | muted | -20.0 dB"]);
    expect(r.state).toMatchObject({ Value: 1, String: "muted", Position: 1 });
    expect((await s.request({ component: "Room", control: "MuteLed" })).state).toMatchObject({ Value: 1, Type: "Boolean", Direction: "Read Only" });

    // The handler clamps the gain to 0: its own write raises nothing more, and QRC sees 0.
    r = await s.request({ component: "Room", control: "Gain", Value: 5 });
    expect(r.printed).toEqual(["HDMI 1 | muted | 0.0 dB"]);
    expect(r.state).toMatchObject({ Value: 0, String: "0dB" });

    r = await s.request({ component: "Room", control: "Source", String: "Wireless" });
    expect(r.printed).toEqual(["Wireless | muted | 0.0 dB"]);
    expect(r.state.Choices).toEqual(["HDMI 1", "HDMI 2", "Wireless", "Mic"]);
    expect((await s.request({ component: "Room", control: "SourceLed 3" })).state.Value).toBe(1);
    expect((await s.request({ component: "Room", control: "SourceLed 1" })).state.Value).toBe(0);

    r = await s.request({ component: "Room", control: "SourceLed 2", Value: 1 });
    expect(r.printed).toEqual(["led 2 pressed"]);

    // A named control is another name for the same control: its handler runs.
    r = await s.request({ named: "RoomGain", Position: 0.5 });
    expect(r.printed).toEqual(["Wireless | muted | -40.0 dB"]);
    expect(r.state).toMatchObject({ Name: "RoomGain", Value: -40, String: "-40.0dB" });
    expect((await s.request({ component: "Room", control: "Status" })).state.String).toBe("Wireless | muted | -40.0 dB");

    await expect(s.request({ component: "Room", control: "Nope", Value: 1 })).rejects.toThrow('@control-error component "Room" has no control "Nope"');
    await s.stop();
    expect(s.err).toBe("");
  });
});

describe("a plugin built and driven end to end", () => {
  test("properties from the design file, controls from GetControls, a device over TCP, a timer, handlers", async () => {
    const received: string[] = [];
    let connections = 0;
    const dev = await device((p) => {
      connections++;
      let buf = "";
      let power = "0";
      p.sock.on("data", (b) => {
        buf += b.toString("latin1");
        let i: number;
        while ((i = buf.indexOf("\r")) >= 0) {
          const cmd = buf.slice(0, i);
          buf = buf.slice(i + 1);
          received.push(cmd);
          if (cmd === "POWR ?") p.write(`POWR=${power}\r`);
          else if (cmd.startsWith("POWR ")) p.write(`POWR=${(power = cmd.slice(5))}\r`);
          else if (cmd.startsWith("INPT ")) p.write(`INPT=${cmd.slice(5)}\r`);
        }
      });
    });
    try {
      const mjs = await build(join(root, "examples", "projector.qplug"), "projector.mjs");
      const design = join(dir, "projector-test.design.json");
      writeFileSync(
        design,
        JSON.stringify({
          component: "Proj",
          properties: { Port: dev.port, "Input Count": 4, "Poll Interval": 0.3 },
          controls: { Volume: { value: 30 } },
        }),
      );
      const s = start(mjs, { QSYS2TS_DESIGN: design });
      await s.waitFor("Projector at");
      // The design-time run prints nothing; the run-time run prints once.
      expect(s.lines()).toEqual(["plugin file loaded", `Projector at 127.0.0.1:${dev.port}, 4 inputs, volume 30.0%`]);
      await until(() => received.includes("POWR ?"), 8000, "first poll");
      expect((await s.request({ component: "Proj", control: "Online" })).state).toMatchObject({ Value: 1, Color: "#00FF00" });

      await s.request({ component: "Proj", control: "Power", Value: true });
      await until(() => received.includes("POWR 1"), 8000, "POWR 1");
      // The device's reply sets the status (a script write: seen by QRC, raising nothing).
      let status: State | undefined;
      for (let i = 0; i < 200 && status?.String !== "Power on"; i++) status = (await s.request({ component: "Proj", control: "Status" })).state;
      expect(status).toMatchObject({ Type: "Status", Value: 0, String: "Power on" });

      const in2 = await s.request({ component: "Proj", control: "Input 2", Value: 1 });
      expect(in2.state).toMatchObject({ Value: 1, Legend: "In 2" });
      await until(() => received.includes("INPT 2"), 8000, "INPT 2");
      expect((await s.request({ component: "Proj", control: "Input 1" })).state.Value).toBe(0);

      await s.request({ component: "Proj", control: "Volume", Position: 0.25 });
      await s.request({ component: "Proj", control: "Mode", String: "Cinema" });
      await until(() => received.includes("VOLM 25") && received.includes("MODE Cinema"), 8000, "VOLM and MODE");
      expect((await s.request({ component: "Proj", control: "Mode" })).state).toMatchObject({ Type: "Text", Choices: ["Standard", "Cinema", "Dynamic"] });

      // The poll timer keeps asking; the Reconnect trigger reconnects.
      await until(() => received.filter((c) => c === "POWR ?").length >= 3, 8000, "timer polls");
      await s.request({ component: "Proj", control: "Reconnect", Value: 1 });
      await until(() => connections >= 2, 8000, "reconnect");
      await s.stop();
      expect(s.err).toBe("");
    } finally {
      dev.server.close();
      for (const p of dev.peers) p.sock.destroy();
    }
  });
});

describe("what stops a service before it starts", () => {
  test("a bad design file beside the script fails the build, naming file, path and control", async () => {
    const file = script("badtype.lua", "print(Controls.Gain.Value)\n", { controls: { Gain: { type: "fader", unit: "dB" }, Mute: { type: "tgl" } } });
    await expect(bundleLua("print(Controls.Gain.Value)\n", file)).rejects.toThrow(
      `${join(dir, "badtype.design.json")}: $.controls.Mute.type: unknown control type "tgl" for control "Mute"`,
    );
  });

  test("QSYS2TS_DESIGN naming a bad file: exit 1 with the error, nothing run", async () => {
    const mjs = await build(script("ok.lua", 'print("ran")\nprint(Controls.Gain.String)\n', { controls: { Gain: "knob" } }), "ok.mjs");
    const bad = join(dir, "bad.design.json");
    writeFileSync(bad, '{ "controls": { "Gain": { "type": "knob", "min": "low" } } }');
    const r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000, env: { ...process.env, QSYS2TS_DESIGN: bad } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${bad}: $.controls.Gain.min: control "Gain": number expected, got string\n`);
    const good = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(good.stdout).toBe("ran\n0.00\n");
  });

  test("a plugin whose GetControls fails: exit 1 with the Lua error and its position", async () => {
    const src = [
      'PluginInfo = { Name = "Broken", Id = "broken" }',
      "function GetProperties() return {} end",
      "function GetControls(props)",
      '  return { { Name = "X", ControlType = "Knob", Count = props["Channels"].Value } }',
      "end",
      'if Controls then print("run time") end',
      "",
    ].join("\n");
    const mjs = await build(script("broken.lua", src), "broken.mjs");
    const r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe("broken.lua: GetControls failed: broken.lua:4: attempt to index a nil value (field 'Channels')");
  });

  test("a plugin's property value of the wrong type, and an unknown ControlType", async () => {
    const src = [
      "function GetProperties() return { { Name = \"Channels\", Type = \"integer\", Min = 1, Max = 8, Value = 2 } } end",
      "function GetControls(props)",
      '  return { { Name = "X", ControlType = props["Channels"].Value > 4 and "Slider" or "Knob" } }',
      "end",
      "",
    ].join("\n");
    const mjs = await build(script("props.lua", src, { properties: { Channels: 2.5 } }), "props.mjs");
    const over0 = join(dir, "props-9.design.json");
    let r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`props.design.json: $.properties.Channels: property "Channels" is an integer from 1 to 8, got 2.5\n`);
    writeFileSync(over0, JSON.stringify({ properties: { Channels: 9 } }));
    r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000, env: { ...process.env, QSYS2TS_DESIGN: over0 } });
    expect(r.stderr).toBe(`${over0}: $.properties.Channels: property "Channels" is an integer from 1 to 8, got 9\n`);
    const over = join(dir, "props-6.design.json");
    writeFileSync(over, JSON.stringify({ properties: { Channels: 6 } }));
    r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000, env: { ...process.env, QSYS2TS_DESIGN: over } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`props.lua: GetControls: control "X": unknown ControlType "Slider" (expected Button, Knob, Indicator, Text)\n`);
  });
});

describe("Lua semantics of controls", () => {
  test.skipIf(!luaAvailable)("Value is a float: printed as lua5.3 prints floats", async () => {
    const mjs = await build(
      script("floats.lua", "print(Controls.Gain.Value, Controls.Mute.Value, math.type(Controls.Gain.Value), Controls.N.Value // 1)\n", {
        controls: { Gain: { type: "knob", unit: "dB", value: -12 }, Mute: "toggle", N: { type: "knob", unit: "Integer", value: 7 } },
      }),
      "floats.mjs",
    );
    const ours = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(ours.stdout).toBe(runOracle("print(-12.0, 0.0, math.type(-12.0), 7.0 // 1)\n").stdout);
  });

  test.skipIf(!luaAvailable)("an unknown control name is an error naming it, as indexing a missing field in Lua", async () => {
    const mjs = await build(script("unknown.lua", "local x = Controls.Gain.Value\nControls.Nope.Value = 1\n", { controls: { Gain: "knob" } }), "unknown.mjs");
    const ours = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    const lua = runOracle("Controls = { Gain = { Value = 0.0 } }\nControls.Nope.Value = 1\n", "unknown.lua");
    expect(ours.status).toBe(1);
    expect(ours.stderr.split("\n")[0]).toBe(lua.stderr.split("\n")[0].replace(/^lua5\.3:/, "lua:"));
    expect(ours.stderr.split("\n")[0]).toBe("lua: unknown.lua:2: attempt to index a nil value (field 'Nope')");
  });

  test("pairs and ipairs over Controls and arrays; programs that reach _G see Controls too", async () => {
    const src = [
      "local names = {}",
      "for name, c in pairs(Controls) do names[#names + 1] = name end",
      "table.sort(names)",
      "print(table.concat(names, ','))",
      "for i, led in ipairs(Controls.Led) do io.write(led.Index, ' ') end print(#Controls.Led)",
      "print(_G.Controls == Controls, _G['Controls'].Gain.String, type(Component.New), type(NamedControl.GetValue))",
      "",
    ].join("\n");
    const mjs = await build(script("iterate.lua", src, { controls: { Gain: { type: "knob", unit: "dB", value: -6 }, Led: { type: "led", count: 3 }, Mode: "combo" } }), "iterate.mjs");
    const r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("Gain,Led,Mode\n1 2 3 3\ntrue\t-6.0dB\tfunction\tfunction\n");
  });

  test("Controls.Inputs / Outputs of a Control Script are arrays; a pin not there is nil", async () => {
    const src = "print(#Controls.Inputs, #Controls.Outputs, Controls.Inputs[3])\nControls.Outputs[1].Value = Controls.Inputs[2].Value + 1\nprint(Controls.Outputs[1].Value)\n";
    const mjs = await build(script("cscript.lua", src, { controls: { Inputs: { type: "knob", unit: "Integer", count: 2 }, Outputs: { type: "knob", unit: "Integer", count: 1 } } }), "cscript.mjs");
    const r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(r.stdout).toBe("2\t1\tnil\n1.0\n");
  });
});

describe("qsys2ts design", () => {
  const bin = join(root, "bin", "qsys2ts.mjs");

  test("drafts a design file from the room controller that builds and runs", async () => {
    const file = join(dir, "room_controller.lua");
    copyFileSync(join(root, "examples", "room_controller.lua"), file);
    const r = spawnSync(process.execPath, [bin, "design", file], { cwd: dir, encoding: "utf8", timeout: 60000 });
    expect(r.status).toBe(0);
    const { readFileSync } = await import("node:fs");
    const draft = JSON.parse(readFileSync(join(dir, "room_controller.design.json"), "utf8"));
    const types = Object.fromEntries(Object.entries(draft.controls as Record<string, { type: string }>).map(([k, v]) => [k, v.type]));
    expect(types).toEqual({ Source: "combo", Gain: "knob", Mute: "toggle", Status: "status", MuteLed: "led", SourceLed: "led" });
    expect(draft.controls.Gain).toMatchObject({ unit: "dB", min: -100, max: 20 });
    expect(draft.controls.SourceLed).toMatchObject({ count: 2, readOnly: false });
    expect(draft.controls.Source["//"]).toMatch(/\.Choices \(line 6\)/);
    // a second run does not overwrite it
    expect(spawnSync(process.execPath, [bin, "design", file], { cwd: dir, encoding: "utf8", timeout: 60000 }).status).toBe(1);
    const mjs = await build(file, "drafted.mjs");
    const run = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: "latin1", timeout: 20000 });
    expect(run.stdout.split("\n")[0]).toBe("HDMI 1 | live | -100.0 dB");
  });

  test("arrays, components and named controls; a plugin's draft lists its properties", () => {
    const src = [
      "for i = 1, 8 do Controls.Preset[i].EventHandler = function(c) print(c.Index) end end",
      "Controls.Preset[6]:Trigger()",
      "local zone = Component.New('Zone 1')",
      "zone['gain'].Value = -10",
      "zone.mute.Boolean = true",
      "NamedControl.SetPosition('Master', 0.5)",
      "if Controls.Volume.Value > 80 then Controls.Volume.Value = 80 end",
      "",
    ].join("\n");
    const file = script("parts.lua", src);
    const r = spawnSync(process.execPath, [bin, "design", file, "-o", "-"], { cwd: dir, encoding: "utf8", timeout: 60000 });
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    // the count is the largest index used: the loop's limit (8), not the literal [6]
    expect(d.controls.Preset).toMatchObject({ type: "trigger", count: 8 });
    expect(d.controls.Volume).toMatchObject({ type: "knob", unit: "Percent", min: 0, max: 100 });
    expect(d.components["Zone 1"].controls.gain).toMatchObject({ type: "knob", unit: "dB" });
    expect(d.components["Zone 1"].controls.mute.type).toBe("toggle");
    expect(d.namedControls.Master.type).toBe("knob");
    const p = spawnSync(process.execPath, [bin, "design", join(root, "examples", "projector.qplug"), "-o", "-"], { cwd: dir, encoding: "utf8", timeout: 60000 });
    expect(JSON.parse(p.stdout)).toMatchObject({ properties: { "IP Address": "127.0.0.1", Port: 4352, "Input Count": 3, Debug: false } });
  });
});
