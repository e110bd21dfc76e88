// The Q-SYS runtime's public entry: the Lua globals TcpSocket, TcpSocketServer and Timer,
// and what a service runner needs (event turns, error reporting, shutdown).
import "./modules.ts";
export { TcpSocket } from "./tcp-socket-lua.ts";
export { TcpSocketServer, TcpSocketServerObject, listeningPorts } from "./tcp-server.ts";
export { Timer, TimerObject } from "./timer.ts";
export { TcpSocketObject, HIGH_WATER } from "./tcp-socket.ts";
export { EOL, RecvBuffer } from "./buffer.ts";
export { runHandler, protectedCall, reportError, beginTurn, endTurn, inTurn, setErrorWriter } from "./events.ts";
export { installSignalHandlers, shutdown } from "./service.ts";
export { mapListenPort, mapConnectTarget } from "./port-map.ts";
