// The Q-SYS runtime's public entry: the Lua globals (TcpSocket, TcpSocketServer, Timer,
// UdpSocket, SerialPorts, Notifications, System...), also entered in the global table,
// and what a service runner needs (event turns, error reporting, shutdown).
import "./modules.ts";
import { registerGlobals } from "./globals.ts";
import { Crypto } from "./crypto.ts";
import { HttpClient } from "./http-client.ts";
import { Notifications } from "./notifications.ts";
import { System } from "./system.ts";
import { TcpSocket } from "./tcp-socket-lua.ts";
import { TcpSocketServer } from "./tcp-server.ts";
import { Timer } from "./timer.ts";
import { Component } from "./component.ts";
import { NamedControl } from "./named-control.ts";
import { UdpSocket } from "./udp-socket-lua.ts";
import { SerialPorts } from "./serial-ports-lua.ts";
registerGlobals({ TcpSocket, TcpSocketServer, Timer, Notifications, System, Crypto, HttpClient, Component, NamedControl, UdpSocket, SerialPorts });
export { UdpSocket };
// WebSocket is entered in the global table by websocket-client.ts, with the ws package.
export { WebSocket } from "./websocket-lua.ts";
export { WebSocketObject } from "./websocket.ts";
export { UdpSocketObject, localPort, MAX_DATAGRAM } from "./udp-socket.ts";
export { SerialPorts, loadSerialPorts } from "./serial-ports-lua.ts";
export { SerialPortObject } from "./serial-port.ts";
export { TcpSocket, TcpSocketServer, Timer, Notifications, System, Crypto, HttpClient };
export { TcpSocketServerObject, listeningPorts } from "./tcp-server.ts";
export { TimerObject } from "./timer.ts";
export { TcpSocketObject, HIGH_WATER } from "./tcp-socket.ts";
export { EOL, RecvBuffer } from "./buffer.ts";
export { runHandler, protectedCall, reportError, beginTurn, endTurn, inTurn, setErrorWriter } from "./events.ts";
export { installSignalHandlers, shutdown } from "./service.ts";
export { mapListenPort, mapConnectTarget } from "./port-map.ts";
export { Controls, Properties } from "./controls/globals.ts";
export { Component, NamedControl };
export { designService } from "./controls/design-service.ts";
export { qrcDesign } from "./controls/qrc-adapter.ts";

