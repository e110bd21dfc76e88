// The WebSocket protocol client, the `ws` package, handed to websocket.ts, and the `WebSocket`
// global entered in the global table. Imported by the bundle of a program whose source names
// WebSocket (compiler/bundle.ts), and by tests. The runtime entry never imports this file,
// so other programs carry neither ws nor the WebSocket library.
import { WebSocket as WsClient } from "ws";
import { registerGlobals } from "./globals.ts";
import { setWebSocketClient } from "./websocket.ts";
import { WebSocket } from "./websocket-lua.ts";

setWebSocketClient(WsClient);
registerGlobals({ WebSocket });
