// The QRC server's public entry (qrc.md; README "QRC"): start it against any QrcDesign,
// directly or as configured by the environment.
export type { QrcChange, QrcComponent, QrcControl, QrcControlState, QrcDesign } from "./design.ts";
export { startQrcServer, QRC_PORT, IDLE_TIMEOUT_MS, type QrcServer, type QrcServerOptions } from "./server.ts";
export { startQrcFromEnv, qrcConfigFromEnv, type QrcConfig } from "./config.ts";
export { ErrorCode } from "./jsonrpc.ts";
export { coreNumber } from "./core-number.ts";
