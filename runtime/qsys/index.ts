// The Q-SYS runtime's public entry: the Lua globals TcpSocket, TcpSocketServer and Timer,
// and what a service runner needs (event turns, error reporting, shutdown).
export { TcpSocket } from "./tcp-socket-lua.ts";
export { TcpSocketServer, TcpSocketServerObject, listeningPorts } from "./tcp-server.ts";
export { Timer, TimerObject } from "./timer.ts";
export { TcpSocketObject, HIGH_WATER } from "./tcp-socket.ts";
export { EOL, RecvBuffer } from "./buffer.ts";
export { runHandler, protectedCall, reportError, beginTurn, endTurn, inTurn, setErrorWriter } from "./events.ts";
export { installSignalHandlers, shutdown } from "./service.ts";
export { mapListenPort, mapConnectTarget } from "./port-map.ts";
export { Controls, Properties } from "./controls/globals.ts";
export { Component } from "./component.ts";
export { NamedControl } from "./named-control.ts";
export { designService } from "./controls/design-service.ts";
export { qrcDesign } from "./controls/qrc-adapter.ts";

// Programs that reach the global table as a value (_G, require...) read globals from G.
import { G } from "../lua/env.ts";
import { TcpSocket as tcpSocket } from "./tcp-socket-lua.ts";
import { TcpSocketServer as tcpSocketServer } from "./tcp-server.ts";
import { Timer as timer } from "./timer.ts";
G.set("TcpSocket", tcpSocket);
G.set("TcpSocketServer", tcpSocketServer);
G.set("Timer", timer);
