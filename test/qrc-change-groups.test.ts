// Change groups (qrc.md §4.3, §7): deltas, per-connection scope, limits and error 5,
// AutoPoll pushes at short rates, several clients and groups at once.
import { describe, expect, test } from "vitest";
import { qrcServerPerTest, QrcClient, sleep, until } from "./qrc-helpers.ts";

const qrc = qrcServerPerTest();
const { start, open } = qrc;
type Change = { Component?: string; Name: string; Value: number; String: string; Position: number };
async function poll(c: QrcClient, Id: string | number): Promise<Change[]> {
  const r = await c.call("ChangeGroup.Poll", { Id });
  if (r.error) throw new Error(JSON.stringify(r.error));
  return (r.result as { Changes: Change[] }).Changes;
}
const names = (changes: Change[]) => changes.map((c) => (c.Component ? `${c.Component}.${c.Name}` : c.Name));
const EXHAUSTED = { code: 5, message: "Change Groups exhausted" };

describe("polling", () => {
  test("first poll reports everything added, then only what changed, whoever changed it", async () => {
    const c = await open(await start());
    expect((await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain", "MainMute"] })).result).toBe(true);
    await c.call("ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "Zone1", Controls: [{ Name: "gain" }, { Name: "source" }] } });
    expect(names(await poll(c, "g"))).toEqual(["MainGain", "MainMute", "Zone1.gain", "Zone1.source"]);
    expect(await poll(c, "g")).toEqual([]);
    qrc.design.Zone1.control("source")!.scriptSet("USB"); // a script change shows up in the next poll
    await c.call("Control.Set", { Name: "MainMute", Value: 1 }); // so does one over QRC
    expect(await poll(c, "g")).toEqual([
      { Name: "MainMute", String: "muted", Value: 1, Position: 1 },
      { Component: "Zone1", Name: "source", String: "USB", Value: 0, Position: 0 },
    ]);
    expect(await poll(c, "g")).toEqual([]);
  });
  test("Invalidate resends all; adding again marks changed; Remove and Clear take controls out", async () => {
    const c = await open(await start());
    await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain", "MainMute"] });
    await poll(c, "g");
    await c.call("ChangeGroup.Invalidate", { Id: "g" });
    expect(names(await poll(c, "g"))).toEqual(["MainGain", "MainMute"]);
    await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainMute"] });
    expect(names(await poll(c, "g"))).toEqual(["MainMute"]);
    await c.call("ChangeGroup.Remove", { Id: "g", Controls: ["MainMute", "NotInGroup"] });
    qrc.design.MainMute.scriptSet(1);
    qrc.design.MainGain.scriptSet(3);
    expect(names(await poll(c, "g"))).toEqual(["MainGain"]);
    expect((await c.call("ChangeGroup.Clear", { Id: "g" })).result).toBe(true);
    qrc.design.MainGain.scriptSet(4);
    expect(await poll(c, "g")).toEqual([]); // the group stays, empty
  });
  test("an empty Add creates the group; numeric and string Ids name the same group", async () => {
    const c = await open(await start());
    expect((await c.call("ChangeGroup.AddControl", { Id: 1, Controls: [] })).result).toBe(true);
    const r = await c.call("ChangeGroup.Poll", { Id: 1 });
    expect(r.result).toEqual({ Id: 1, Changes: [] });
    await c.call("ChangeGroup.AddControl", { Id: "1", Controls: ["MainMute"] });
    expect(names(await poll(c, 1))).toEqual(["MainMute"]);
  });
  test("an unknown name fails the Add with 7/8 and leaves no group behind", async () => {
    const c = await open(await start());
    expect((await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain", "Typo"] })).error).toEqual({
      code: 8,
      message: "Unknown control 'Typo'",
    });
    expect((await c.call("ChangeGroup.Poll", { Id: "g" })).error).toEqual({ code: 6, message: "Change group g does not exist" });
    expect((await c.call("ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "Zone9", Controls: [{ Name: "gain" }] } })).error).toEqual({
      code: 7,
      message: "Unknown component name",
    });
    expect((await c.call("ChangeGroup.AddComponentControl", { Id: "g", Component: { Name: "Zone1", Controls: [{ Name: "x" }] } })).error).toMatchObject({
      code: 8,
    });
    expect((await c.call("ChangeGroup.Poll", { Id: "g" })).error).toMatchObject({ code: 6 });
  });
  test("unknown Ids are error 6 for every method but the creating ones; malformed params are -32602", async () => {
    const c = await open(await start());
    for (const m of ["Poll", "Remove", "Clear", "Invalidate", "Destroy"]) {
      const r = await c.call(`ChangeGroup.${m}`, { Id: "none", Controls: [] });
      expect(r.error, m).toEqual({ code: 6, message: "Change group none does not exist" });
    }
    for (const [m, params] of [
      ["Poll", {}],
      ["Poll", { Id: null }],
      ["Poll", { Id: ["g"] }],
      ["AddControl", { Id: "g" }],
      ["AddControl", { Id: "g", Controls: "MainGain" }],
      ["AddComponentControl", { Id: "g", Component: "Zone1" }],
      ["AddComponentControl", { Id: "g", Component: { Name: "Zone1" } }],
      ["AutoPoll", { Id: "g" }],
      ["AutoPoll", { Id: "g", Rate: 0 }],
      ["AutoPoll", { Id: "g", Rate: -1 }],
      ["AutoPoll", { Id: "g", Rate: "1" }],
      ["Destroy", 0],
    ] as const)
      expect((await c.call(`ChangeGroup.${m}`, params)).error, `${m} ${JSON.stringify(params)}`).toMatchObject({ code: -32602 });
  });
});

describe("scope and limits", () => {
  test("groups belong to their connection: same Id on two clients, independent deltas", async () => {
    const port = await start();
    const a = await open(port);
    const b = await open(port);
    await a.call("ChangeGroup.AddControl", { Id: "g1", Controls: ["MainGain"] });
    await b.call("ChangeGroup.AddControl", { Id: "g1", Controls: ["MainMute"] });
    expect(names(await poll(a, "g1"))).toEqual(["MainGain"]);
    qrc.design.MainMute.scriptSet(1);
    expect(await poll(a, "g1")).toEqual([]);
    expect(names(await poll(b, "g1"))).toEqual(["MainMute"]);
    await b.call("ChangeGroup.Destroy", { Id: "g1" });
    expect(await poll(a, "g1")).toEqual([]); // a's g1 untouched
  });
  test("four per connection by default, then 5 'Change Groups exhausted'; Destroy frees a slot", async () => {
    const port = await start();
    const a = await open(port);
    for (const id of ["1", "2", "3", "4"]) expect((await a.call("ChangeGroup.AddControl", { Id: id, Controls: [] })).result).toBe(true);
    expect((await a.call("ChangeGroup.AddControl", { Id: "5", Controls: ["MainGain"] })).error).toEqual(EXHAUSTED);
    expect((await a.call("ChangeGroup.AutoPoll", { Id: "5", Rate: 1 })).error).toEqual(EXHAUSTED);
    expect((await a.call("ChangeGroup.AddControl", { Id: "4", Controls: ["MainGain"] })).result).toBe(true); // existing ones still grow
    const b = await open(port); // another connection has its own four
    expect((await b.call("ChangeGroup.AddControl", { Id: "1", Controls: [] })).result).toBe(true);
    await a.call("ChangeGroup.Destroy", { Id: "2" });
    expect((await a.call("ChangeGroup.AddComponentControl", { Id: "5", Component: { Name: "Zone1", Controls: [] } })).result).toBe(true);
  });
  test("limits are configurable; the server-wide one counts every connection and frees on disconnect", async () => {
    const port = await start({ maxChangeGroupsPerConnection: 2, maxChangeGroups: 3 });
    const a = await open(port);
    const b = await open(port);
    await a.call("ChangeGroup.AddControl", { Id: "x", Controls: [] });
    expect((await a.call("ChangeGroup.AddControl", { Id: "y", Controls: [] })).result).toBe(true);
    expect((await a.call("ChangeGroup.AddControl", { Id: "z", Controls: [] })).error).toEqual(EXHAUSTED);
    expect((await b.call("ChangeGroup.AddControl", { Id: "x", Controls: [] })).result).toBe(true);
    expect((await b.call("ChangeGroup.AddControl", { Id: "y", Controls: [] })).error).toEqual(EXHAUSTED); // 3 in use server-wide
    a.close();
    await until(() => qrc.server.connections === 1);
    expect((await b.call("ChangeGroup.AddControl", { Id: "y", Controls: [] })).result).toBe(true);
  });
});

describe("AutoPoll", () => {
  /** The AutoPoll pushes received so far, parsed. */
  const pushes = (c: QrcClient) =>
    c.frames.filter((f) => f.includes('"method":"ChangeGroup.Poll"')).map((f) => JSON.parse(f).params as { Id: unknown; Changes: Change[] });

  test("pushes every Rate seconds, empty ones included, each change once", async () => {
    const c = await open(await start());
    await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainGain"] });
    expect((await c.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 0.02 })).result).toBe(true);
    await until(() => pushes(c).length >= 3, 5000, "three pushes");
    qrc.design.MainGain.scriptSet(-20);
    await until(() => pushes(c).filter((p) => p.Changes.length > 0).length >= 2, 5000, "the change pushed");
    await until(() => pushes(c).length >= 10, 5000, "ten pushes");
    const withChanges = pushes(c).filter((p) => p.Changes.length > 0);
    expect(withChanges.map((p) => p.Changes.map((x) => x.Value))).toEqual([[-12], [-20]]); // the initial report, then the change
    expect(pushes(c).every((p) => p.Id === "g")).toBe(true);
    for (const f of c.frames.filter((f) => f.includes("ChangeGroup.Poll"))) expect(f).not.toContain('"id"'); // notifications
  });
  test("Destroy stops the pushes; AutoPoll again replaces the rate; manual polls share the deltas", async () => {
    const c = await open(await start());
    await c.call("ChangeGroup.AddControl", { Id: "g", Controls: ["MainMute"] });
    await c.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 60 });
    await sleep(100);
    expect(pushes(c)).toEqual([]); // nothing yet at one per minute
    expect(names(await poll(c, "g"))).toEqual(["MainMute"]); // a manual poll takes the initial report
    await c.call("ChangeGroup.AutoPoll", { Id: "g", Rate: 0.02 });
    await until(() => pushes(c).length >= 2, 5000, "pushes at the new rate");
    expect(pushes(c).every((p) => p.Changes.length === 0)).toBe(true);
    c.send('{"jsonrpc":"2.0","method":"ChangeGroup.Destroy","params":{"Id":"g"},"id":"d"}');
    await until(() => c.frames.includes('{"jsonrpc":"2.0","result":true,"id":"d"}'), 5000, "Destroy reply");
    const after = c.frames.length;
    await sleep(150);
    expect(c.frames.length).toBe(after); // no push after the Destroy reply
  });
  test("AutoPoll on a new Id creates the group (our choice, so AutoPoll-first clients work)", async () => {
    const c = await open(await start());
    expect((await c.call("ChangeGroup.AutoPoll", { Id: "early", Rate: 0.02 })).result).toBe(true);
    await c.call("ChangeGroup.AddControl", { Id: "early", Controls: ["MainGain"] });
    await until(() => pushes(c).some((p) => p.Changes.length === 1), 5000, "the added control pushed");
  });
  test("several clients with several auto-polled groups each get their own pushes only", async () => {
    const port = await start();
    const cs = await Promise.all([open(port), open(port), open(port)]);
    for (const [i, c] of cs.entries()) {
      await c.call("ChangeGroup.AddControl", { Id: `named${i}`, Controls: ["MainGain"] });
      await c.call("ChangeGroup.AddComponentControl", { Id: `zone${i}`, Component: { Name: "Zone1", Controls: [{ Name: "mute" }] } });
      await c.call("ChangeGroup.AutoPoll", { Id: `named${i}`, Rate: 0.02 });
      await c.call("ChangeGroup.AutoPoll", { Id: `zone${i}`, Rate: 0.03 });
    }
    qrc.design.Zone1.control("mute")!.scriptSet(1);
    for (const [i, c] of cs.entries()) {
      await until(() => pushes(c).filter((p) => p.Id === `zone${i}` && p.Changes.some((x) => x.Value === 1)).length >= 1, 5000, "zone push");
      await until(() => pushes(c).filter((p) => p.Id === `named${i}`).length >= 3, 5000, "named pushes");
      expect(new Set(pushes(c).map((p) => p.Id))).toEqual(new Set([`named${i}`, `zone${i}`]));
      for (const p of pushes(c)) for (const x of p.Changes) expect(x.Component === undefined).toBe(p.Id === `named${i}`);
    }
    // Requests still get their replies between the pushes.
    for (const c of cs) expect((await c.call("Control.Get", ["MainMute"], "q")).id).toBe("q");
  });
});
