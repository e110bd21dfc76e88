// QRC against a built service: the room controller example with its design file, run as a
// child process with QSYS2TS_QRC=1, reached by a QRC client on 127.0.0.1. A change from QRC
// raises the control's EventHandler as a panel change does on a Core; a script's own change
// shows up in the next poll of a change group.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { bundleLua } from "../compiler/bundle.ts";
import { QrcClient, until } from "./qrc-helpers.ts";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "qsys2ts-qrc-service-"));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill("SIGKILL")));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function connect(port: number): Promise<QrcClient> {
  const end = Date.now() + 10000;
  for (;;) {
    try {
      return await QrcClient.open(port);
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe("QRC reaches the controls of a built service", () => {
  test("Control.Get/Set, Component.Set raising handlers, change groups seeing script changes", async () => {
    const file = join(root, "examples", "room_controller.lua");
    const { code } = await bundleLua(readFileSync(file).toString("latin1"), file);
    const mjs = join(dir, "room.mjs");
    writeFileSync(mjs, code);
    const port = await freePort();
    const child = spawn(process.execPath, [mjs], {
      cwd: dir,
      env: { ...process.env, QSYS2TS_QRC: "1", QSYS2TS_QRC_HOST: "127.0.0.1", QSYS2TS_PORT_MAP: `1710=${port}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout!.setEncoding("latin1").on("data", (s: string) => (out += s));
    child.stderr!.setEncoding("latin1").on("data", (s: string) => (out += s));

    const c = await connect(port);
    // the design file names the component Room and the named control RoomGain (its Gain)
    const got = (await c.call("Control.Get", ["RoomGain"])) as { result: { Name: string; Value: number }[] };
    expect(got.result[0].Name).toBe("RoomGain");

    // wait for Timer.CallAfter (0.5 s) to set the gain to -20 from the script
    await until(() => out.includes("-20.0 dB"), 10000, "the timer's change");
    const group = await c.call("ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "Room", Controls: [{ Name: "Gain" }, { Name: "MuteLed" }] } });
    expect(group.result).toBe(true);
    let poll = (await c.call("ChangeGroup.Poll", { Id: "g" })) as { result: { Changes: { Name: string; Value: number; Component: string }[] } };
    // adding marks a control changed: both come in the first poll, with the script's -20
    expect(poll.result.Changes.find((x) => x.Name === "Gain")).toMatchObject({ Component: "Room", Value: -20 });

    // a QRC change runs the script's Mute handler, which sets MuteLed and prints the status
    const set = await c.call("Component.Set", { Name: "Room", Controls: [{ Name: "Mute", Value: 1 }] });
    expect(set.result).toBe(true);
    await until(() => out.includes("HDMI 1 | muted | -20.0 dB"), 10000, "the Mute handler's print");
    poll = (await c.call("ChangeGroup.Poll", { Id: "g" })) as typeof poll;
    expect(poll.result.Changes).toEqual([expect.objectContaining({ Name: "MuteLed", Value: 1, Component: "Room" })]);

    // Control.Set on the named control clamps in the script's handler (gain > 0 becomes 0)
    await c.call("Control.Set", { Name: "RoomGain", Value: 6 });
    await until(() => out.includes("HDMI 1 | muted | 0.0 dB"), 10000, "the Gain handler's clamp");
    const after = (await c.call("Control.Get", ["RoomGain"])) as typeof got;
    expect(after.result[0].Value).toBe(0);
    c.close();
    child.kill("SIGTERM");
    await until(() => child.exitCode !== null, 10000, "exit");
    expect(child.exitCode).toBe(0);
  });
});
