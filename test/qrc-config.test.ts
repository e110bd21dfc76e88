// How a built service configures QRC from its environment (README "QRC"): off by default,
// port 1710 remapped through QSYS2TS_PORT_MAP, users, change-group limit, clear errors.
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { qrcConfigFromEnv, startQrcFromEnv, type QrcServer } from "../runtime/qsys/qrc/index.ts";
import { lobby, QrcClient } from "./qrc-helpers.ts";

const saved = process.env.QSYS2TS_PORT_MAP;
const servers: QrcServer[] = [];
afterEach(async () => {
  if (saved === undefined) delete process.env.QSYS2TS_PORT_MAP;
  else process.env.QSYS2TS_PORT_MAP = saved;
  for (const s of servers.splice(0)) await s.close();
});

describe("qrcConfigFromEnv", () => {
  test("defaults: off, port 1710 on every interface, no users, four groups per connection", () => {
    delete process.env.QSYS2TS_PORT_MAP;
    expect(qrcConfigFromEnv({})).toMatchObject({ enabled: false, port: 1710, host: undefined, users: {}, maxChangeGroupsPerConnection: 4 });
  });
  test("every variable", () => {
    process.env.QSYS2TS_PORT_MAP = "1720=41720, 1710=41710";
    const c = qrcConfigFromEnv({
      QSYS2TS_QRC: "1",
      QSYS2TS_QRC_HOST: "127.0.0.1",
      QSYS2TS_QRC_USERS: "ops:1234, admin:a:b:c",
      QSYS2TS_QRC_CHANGE_GROUPS: "8",
    });
    expect(c).toMatchObject({ enabled: true, port: 41710, host: "127.0.0.1", maxChangeGroupsPerConnection: 8 });
    expect(c.users).toEqual({ ops: "1234", admin: "a:b:c" });
    for (const on of ["on", "true", "YES"]) expect(qrcConfigFromEnv({ QSYS2TS_QRC: on }).enabled).toBe(true);
    for (const off of ["0", "off", "false", "no", ""]) expect(qrcConfigFromEnv({ QSYS2TS_QRC: off }).enabled).toBe(false);
  });
  test("bad values are named (a user entry by position: it may hold a password)", () => {
    expect(() => qrcConfigFromEnv({ QSYS2TS_QRC: "maybe" })).toThrow("invalid QSYS2TS_QRC 'maybe' (want 1 or 0)");
    expect(() => qrcConfigFromEnv({ QSYS2TS_QRC_USERS: "ops:1,secretwithoutuser" })).toThrow("invalid QSYS2TS_QRC_USERS entry 2 (want user:password)");
    expect(() => qrcConfigFromEnv({ QSYS2TS_QRC_CHANGE_GROUPS: "0" })).toThrow("invalid QSYS2TS_QRC_CHANGE_GROUPS '0'");
    process.env.QSYS2TS_PORT_MAP = "1710=x";
    expect(() => qrcConfigFromEnv({})).toThrow("invalid QSYS2TS_PORT_MAP entry '1710=x'");
  });
});

describe("startQrcFromEnv", () => {
  test("off: nothing listens", async () => {
    expect(await startQrcFromEnv(lobby(), {})).toBeUndefined();
  });
  test("on, with 1710 mapped to a free port and a user: clients connect and must log on", async () => {
    process.env.QSYS2TS_PORT_MAP = "1710=0";
    const s = await startQrcFromEnv(lobby(), { QSYS2TS_QRC: "1", QSYS2TS_QRC_HOST: "127.0.0.1", QSYS2TS_QRC_USERS: "ops:1234" });
    expect(s).toBeDefined();
    servers.push(s!);
    const c = await QrcClient.open(s!.port);
    expect((await c.call("Control.Get", ["MainGain"])).error).toEqual({ code: 10, message: "Logon required" });
    expect((await c.call("Logon", { User: "ops", Password: "1234" })).result).toBe(true);
    expect((await c.call("Control.Get", ["MainGain"])).result).toMatchObject([{ Name: "MainGain" }]);
    c.close();
  });
  test("a port in use or a bad variable is reported and the service goes on without QRC", async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", () => r()));
    const port = (taken.address() as net.AddressInfo).port;
    process.env.QSYS2TS_PORT_MAP = `1710=${port}`;
    const warnings: string[] = [];
    const warn = (t: string) => void warnings.push(t);
    expect(await startQrcFromEnv(lobby(), { QSYS2TS_QRC: "1", QSYS2TS_QRC_HOST: "127.0.0.1" }, warn)).toBeUndefined();
    expect(await startQrcFromEnv(lobby(), { QSYS2TS_QRC: "1", QSYS2TS_QRC_CHANGE_GROUPS: "many" }, warn)).toBeUndefined();
    await new Promise((r) => taken.close(r));
    expect(warnings).toEqual([
      `QRC: could not listen on port ${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`,
      "QRC: invalid QSYS2TS_QRC_CHANGE_GROUPS 'many' (want a whole number >= 1)\n",
    ]);
  });
});
