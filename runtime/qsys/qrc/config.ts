// How a built service configures its QRC server: environment variables, read at start.
//
//   QSYS2TS_QRC=1                      listen for QRC (default: off; "0"/"off" also turn it off)
//   QSYS2TS_PORT_MAP="1710=41710"      the port, remapped like TcpSocketServer ports (default 1710)
//   QSYS2TS_QRC_HOST=127.0.0.1         bind address (default: every interface)
//   QSYS2TS_QRC_USERS="ops:1234,..."   users allowed to Logon; unset/empty: no authentication
//   QSYS2TS_QRC_CHANGE_GROUPS=4        change groups per connection (default 4)
//
// WIRING POINT: once the script's top level has run and its controls exist, the service
// calls `startQrcFromEnv(design)` with the control model's QrcDesign. A failure to start
// (bad variable, port taken) is printed on stderr and the service runs on without QRC.
import { writeStderr } from "../../lua/output.ts";
import { mapListenPort } from "../port-map.ts";
import { parseUsers } from "./auth.ts";
import { DEFAULT_GROUPS_PER_CONNECTION } from "./change-groups.ts";
import type { QrcDesign } from "./design.ts";
import { QRC_PORT, startQrcServer, type QrcServer, type QrcServerOptions } from "./server.ts";

export interface QrcConfig extends QrcServerOptions {
  enabled: boolean;
}

const ON = new Set(["1", "on", "true", "yes"]);
const OFF = new Set(["", "0", "off", "false", "no"]);

/** The QRC configuration the environment asks for; throws an Error naming a bad variable. */
export function qrcConfigFromEnv(env: NodeJS.ProcessEnv = process.env): QrcConfig {
  const switchText = (env.QSYS2TS_QRC ?? "").trim().toLowerCase();
  if (!ON.has(switchText) && !OFF.has(switchText))
    throw new Error(`invalid QSYS2TS_QRC '${env.QSYS2TS_QRC}' (want 1 or 0)`);
  const groupsText = env.QSYS2TS_QRC_CHANGE_GROUPS;
  const groups = groupsText === undefined || groupsText.trim() === "" ? DEFAULT_GROUPS_PER_CONNECTION : Number(groupsText);
  if (!Number.isInteger(groups) || groups < 1)
    throw new Error(`invalid QSYS2TS_QRC_CHANGE_GROUPS '${groupsText}' (want a whole number >= 1)`);
  return {
    enabled: ON.has(switchText),
    port: mapListenPort(QRC_PORT),
    host: env.QSYS2TS_QRC_HOST?.trim() || undefined,
    users: parseUsers(env.QSYS2TS_QRC_USERS ?? ""),
    maxChangeGroupsPerConnection: groups,
    track: true,
  };
}

/** Start the QRC server the environment asks for; undefined when it is off or could not start. */
export async function startQrcFromEnv(
  design: QrcDesign,
  env: NodeJS.ProcessEnv = process.env,
  warn: (text: string) => void = writeStderr,
): Promise<QrcServer | undefined> {
  let config: QrcConfig;
  try {
    config = qrcConfigFromEnv(env);
  } catch (e) {
    warn(`QRC: ${errorMessage(e)}\n`);
    return undefined;
  }
  if (!config.enabled) return undefined;
  try {
    return await startQrcServer(design, config);
  } catch (e) {
    warn(`QRC: could not listen on port ${config.port}: ${errorMessage(e)}\n`);
    return undefined;
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e); // LuaError (from mapListenPort) is an Error too
}
