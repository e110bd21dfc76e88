// WebSocket (qsys-api.md §5, the Q-SYS WebSocket help page) against a real `ws` server on
// 127.0.0.1: the handshake (path, subprotocol, the help's "Included Headers", the script's
// headers), text and binary messages both ways with every byte value, Ping -> Pong, the
// server closing, a refused connection, Close from the script, Write and Ping while not
// connected, a failing handler, wss with a self-signed certificate, the connect map,
// argument errors and unknown members; and built scripts: self-contained bundles, the
// handler error position, SIGTERM with a WebSocket open, and what a bundle carries.
import type { IncomingMessage } from "node:http";
import https from "node:https";
import { afterEach, describe, expect, test } from "vitest";
import { WebSocketServer, type WebSocket as ServerSocket } from "ws";
import { bundleLua } from "../compiler/bundle.ts";
import { runtimeError } from "../runtime/lua/errors.ts";
import { LuaTable } from "../runtime/lua/table.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { G } from "../runtime/lua/env.ts";
import { WebSocket } from "../runtime/qsys/index.ts";
import "../runtime/qsys/websocket-client.ts";
import { runOurs } from "./helpers.ts";
import { captureStderr, freePort, get, killServices, m, make, set, sleep, startService, until } from "./qsys-helpers.ts";

// Self-signed, test-only (EC P-256, CN and SAN localhost / 127.0.0.1, valid until 2126), made
// with openssl req -x509.
const SELF_SIGNED_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUALvMxcVGx/ZshF4gRDwL0YRhDugwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjA1MjIxMFoYDzIxMjYxMTA4
MDUyMjEwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARcwFojk5zG7/LstMGus2Kn2j44bfQngAF98ALTlrSMaWoSv1PuDN9g
qzj8kKbCSTEqAJZpweG4bpggglHmGRxFo28wbTAdBgNVHQ4EFgQUggiAIpeBEWFB
kQzckXkYqLoklLEwHwYDVR0jBBgwFoAUggiAIpeBEWFBkQzckXkYqLoklLEwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIgQ2/3q9fwXfM9oPWVzEZn0GukEYoGUN/gc48WDU5Ofy8CIQDj
x/hrXtD0powa/yOWlJsfkiBteIWYnTvbnb1mAtatog==
-----END CERTIFICATE-----
`;
const SELF_SIGNED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguUbGAo+UbIOJua1g
qqMxDZSHQYIy0VSv7rsBKgEqezOhRANCAARcwFojk5zG7/LstMGus2Kn2j44bfQn
gAF98ALTlrSMaWoSv1PuDN9gqzj8kKbCSTEqAJZpweG4bpggglHmGRxF
-----END PRIVATE KEY-----
`;

/** One connection as the server sees it. */
interface Conn {
  sock: ServerSocket;
  req: IncomingMessage;
  got: { bytes: Buffer; binary: boolean }[];
  pings: number;
  /** The close code the client sent (undefined while open). */
  closeCode: number | undefined;
}

interface Server {
  port: number;
  conns: Conn[];
}

const servers: { close: () => void }[] = [];
const clients: LuaValue[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) m(c, "Close");
  for (const s of servers.splice(0)) s.close();
  killServices();
});

/** A WebSocket server on 127.0.0.1 (TLS when `tls`); accepts the first subprotocol offered. */
async function wsServer(onConn: (c: Conn) => void = () => {}, tls = false): Promise<Server> {
  const conns: Conn[] = [];
  const handleProtocols = (offered: Set<string>) => offered.values().next().value ?? false;
  let wss: WebSocketServer;
  let port: number;
  if (tls) {
    const h = https.createServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY });
    await new Promise<void>((r) => h.listen(0, "127.0.0.1", () => r()));
    wss = new WebSocketServer({ server: h, handleProtocols });
    servers.push({ close: () => h.close() });
    port = (h.address() as { port: number }).port;
  } else {
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0, handleProtocols });
    await new Promise<void>((r) => wss.on("listening", () => r()));
    port = (wss.address() as { port: number }).port;
  }
  servers.push({
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  });
  wss.on("connection", (sock, req) => {
    const c: Conn = { sock, req, got: [], pings: 0, closeCode: undefined };
    conns.push(c);
    sock.on("message", (bytes: Buffer, binary) => c.got.push({ bytes, binary }));
    sock.on("ping", () => c.pings++);
    sock.on("close", (code) => (c.closeCode = code));
    sock.on("error", () => {});
    onConn(c);
  });
  return { port, conns };
}

/** A WebSocket whose callbacks log what they get, each checking its arguments. */
function client(): { ws: LuaValue; events: string[] } {
  const ws = make(WebSocket);
  clients.push(ws);
  const events: string[] = [];
  const one = (name: string) => (...args: LuaValue[]) => {
    expect(args).toEqual([ws]);
    events.push(name);
  };
  const two = (name: string) => (...args: LuaValue[]) => {
    expect(args.length).toBe(2);
    expect(args[0]).toBe(ws);
    expect(typeof args[1]).toBe("string");
    events.push(`${name} ${args[1] as string}`);
  };
  set(ws, "Connected", one("connected"));
  set(ws, "Closed", one("closed"));
  set(ws, "Pong", one("pong"));
  set(ws, "Data", two("data"));
  set(ws, "Error", two("error"));
  return { ws, events };
}

function luaError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return (e as { value?: unknown }).value;
  }
  return "no error";
}

function headers(entries: Record<string, string>): LuaTable {
  const t = new LuaTable();
  for (const [k, v] of Object.entries(entries)) t.set(k, v);
  return t;
}

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

describe("the handshake", () => {
  test("path, subprotocol, the help's included headers and the script's headers reach the server", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/qrc?x=1", srv.port, "chat", headers({ Authorization: "Bearer my-auth-token", "Custom-Header": "SomeValue" }));
    await until(() => events.length > 0, 5000, "Connected");
    expect(events).toEqual(["connected"]);
    const req = srv.conns[0].req;
    expect(req.url).toBe("/qrc?x=1");
    expect(req.headers["sec-websocket-protocol"]).toBe("chat");
    expect(srv.conns[0].sock.protocol).toBe("chat");
    expect(req.headers.authorization).toBe("Bearer my-auth-token");
    expect(req.headers["custom-header"]).toBe("SomeValue");
    // The help's "Included Headers" table.
    expect(req.headers.pragma).toBe("no-cache");
    expect(req.headers["cache-control"]).toBe("no-cache");
    expect(req.headers.host).toBe(`127.0.0.1:${srv.port}`);
    expect(req.headers.upgrade).toBe("websocket");
    expect(req.headers["sec-websocket-version"]).toBe("13");
    expect(req.headers["sec-websocket-key"]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  test("a path without its leading slash gets one; no subprotocol and nil headers send none", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "events", srv.port, undefined, undefined);
    await until(() => events.length > 0, 5000, "Connected");
    expect(events).toEqual(["connected"]);
    expect(srv.conns[0].req.url).toBe("/events");
    expect(srv.conns[0].req.headers["sec-websocket-protocol"]).toBeUndefined();
  });

  test("QSYS2TS_CONNECT_MAP redirects the connection; the Host header names what the script named", async () => {
    const srv = await wsServer();
    process.env.QSYS2TS_CONNECT_MAP = `device.invalid:8080=127.0.0.1:${srv.port}`;
    try {
      const { ws, events } = client();
      m(ws, "Connect", "ws", "device.invalid", "/", 8080);
      await until(() => events.length > 0, 5000, "Connected");
      expect(events).toEqual(["connected"]);
      expect(srv.conns[0].req.headers.host).toBe("device.invalid:8080");
    } finally {
      delete process.env.QSYS2TS_CONNECT_MAP;
    }
  });
});

describe("messages", () => {
  test("text messages both ways carry UTF-8 bytes as given; binary messages carry all 256 byte values", async () => {
    const text = "héllo ✓";
    const srv = await wsServer((c) => {
      c.sock.send(text);
      c.sock.send(Buffer.from(ALL_BYTES, "latin1"), { binary: true });
      // A text frame that is not UTF-8 still arrives byte for byte.
      c.sock.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: false });
    });
    const { ws, events } = client();
    set(ws, "Connected", (w: LuaValue) => {
      events.push("connected");
      m(w, "Write", Buffer.from(text, "utf8").toString("latin1"));
      m(w, "Write", ALL_BYTES, true);
      m(w, "Write", "plain", false);
      m(w, "Write", "", true);
    });
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => events.length >= 4 && srv.conns[0]?.got.length >= 4, 5000, "messages");
    expect(events).toEqual(["connected", `data ${Buffer.from(text, "utf8").toString("latin1")}`, `data ${ALL_BYTES}`, "data \xff\x00\xfe"]);
    const got = srv.conns[0].got;
    expect(got[0]).toEqual({ bytes: Buffer.from(text, "utf8"), binary: false });
    expect(got[1].binary).toBe(true);
    expect([...got[1].bytes]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(got[2]).toEqual({ bytes: Buffer.from("plain"), binary: false });
    expect(got[3]).toEqual({ bytes: Buffer.alloc(0), binary: true });
  });

  test("a 1 MiB binary message arrives whole, in one Data call", async () => {
    const big = Buffer.alloc(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 255;
    const srv = await wsServer((c) => c.sock.send(big, { binary: true }));
    const { ws } = client();
    const got: string[] = [];
    set(ws, "Data", (_w: LuaValue, d: string) => void got.push(d));
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => got.length > 0, 10000, "big message");
    await sleep(50);
    expect(got.length).toBe(1);
    expect(Buffer.from(got[0], "latin1").equals(big)).toBe(true);
  });

  test("Ping reaches the server and its answer raises Pong", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => events.includes("connected"), 5000, "Connected");
    m(ws, "Ping");
    m(ws, "Ping");
    await until(() => events.filter((e) => e === "pong").length === 2, 5000, "two Pongs");
    expect(srv.conns[0].pings).toBe(2);
  });
});

describe("the end of a connection", () => {
  test("the server closing raises Closed once, and no Error", async () => {
    const srv = await wsServer((c) => setTimeout(() => c.sock.close(1000, "bye"), 20));
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => events.includes("closed"), 5000, "Closed");
    await sleep(100);
    expect(events).toEqual(["connected", "closed"]);
    expect(luaError(() => m(ws, "Write", "x"))).toBe("WebSocket is not connected");
  });

  test("the TCP connection dropping raises Closed", async () => {
    const srv = await wsServer((c) => setTimeout(() => c.sock.terminate(), 20));
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => events.includes("closed"), 5000, "Closed");
    expect(events).toEqual(["connected", "closed"]);
  });

  test("a refused connection raises Error with a text, and neither Connected nor Closed", async () => {
    const port = await freePort();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/", port);
    await until(() => events.length > 0, 5000, "Error");
    await sleep(100);
    expect(events).toEqual(["error connection refused"]);
  });

  test("a server that refuses the upgrade raises Error naming its status", async () => {
    const h = https.createServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, (_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => h.listen(0, "127.0.0.1", () => r()));
    servers.push({ close: () => h.close() });
    process.env.QSYS2TS_HTTPS_INSECURE = "1";
    try {
      const { ws, events } = client();
      m(ws, "Connect", "wss", "127.0.0.1", "/nothing", (h.address() as { port: number }).port);
      await until(() => events.length > 0, 5000, "Error");
      expect(events).toEqual(["error Unexpected server response: 404"]);
    } finally {
      delete process.env.QSYS2TS_HTTPS_INSECURE;
    }
  });

  test("Close from the script sends the closing handshake (1000) and raises no event", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => events.includes("connected"), 5000, "Connected");
    m(ws, "Write", "last words");
    m(ws, "Close");
    await until(() => srv.conns[0].closeCode !== undefined, 5000, "server sees the close");
    expect(srv.conns[0].closeCode).toBe(1000);
    expect(srv.conns[0].got.map((g) => g.bytes.toString())).toEqual(["last words"]);
    await sleep(100);
    expect(events).toEqual(["connected"]);
    // Close again, or before any Connect: nothing happens.
    m(ws, "Close");
    m(make(WebSocket), "Close");
  });

  test("Connect on a connected WebSocket replaces the connection without an event", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    m(ws, "Connect", "ws", "127.0.0.1", "/one", srv.port);
    await until(() => events.length === 1, 5000, "first Connected");
    m(ws, "Connect", "ws", "127.0.0.1", "/two", srv.port);
    await until(() => events.length === 2 && srv.conns[0].closeCode !== undefined, 5000, "second Connected");
    expect(events).toEqual(["connected", "connected"]);
    expect(srv.conns.map((c) => c.req.url)).toEqual(["/one", "/two"]);
    m(ws, "Write", "to two");
    await until(() => srv.conns[1].got.length === 1, 5000, "message on the second");
    expect(srv.conns[0].got).toEqual([]);
  });
});

describe("not connected", () => {
  test("Write and Ping raise before Connect, while connecting and after Close", async () => {
    const srv = await wsServer();
    const { ws, events } = client();
    expect(luaError(() => m(ws, "Write", "x"))).toBe("WebSocket is not connected");
    expect(luaError(() => m(ws, "Ping"))).toBe("WebSocket is not connected");
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    expect(luaError(() => m(ws, "Write", "x"))).toBe("WebSocket is not connected");
    await until(() => events.includes("connected"), 5000, "Connected");
    m(ws, "Write", "now");
    m(ws, "Close");
    expect(luaError(() => m(ws, "Write", "x"))).toBe("WebSocket is not connected");
    expect(luaError(() => m(ws, "Ping"))).toBe("WebSocket is not connected");
    await until(() => srv.conns[0].closeCode !== undefined, 5000, "closed");
    expect(srv.conns[0].got.map((g) => g.bytes.toString())).toEqual(["now"]);
  });
});

describe("handlers", () => {
  test("an error escaping Data is reported and later messages are still delivered", async () => {
    const srv = await wsServer((c) => {
      c.sock.send("crash");
      c.sock.send("after");
    });
    const err = captureStderr();
    try {
      const { ws } = client();
      const got: string[] = [];
      set(ws, "Data", (_w: LuaValue, d: string) => {
        if (d === "crash") throw runtimeError("boom");
        got.push(d);
      });
      m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
      await until(() => got.length > 0, 5000, "the second message");
      expect(got).toEqual(["after"]);
      expect(err.text()).toMatch(/boom\nstack traceback:/);
    } finally {
      err.restore();
    }
  });

  test("events raised while a handler runs wait for it: Write inside Connected, then Data", async () => {
    const srv = await wsServer((c) => c.sock.on("message", (d) => c.sock.send(d)));
    const { ws } = client();
    const log: string[] = [];
    let depth = 0;
    set(ws, "Connected", (w: LuaValue) => {
      depth++;
      m(w, "Write", "echo me");
      log.push(`connected depth ${depth}`);
      depth--;
    });
    set(ws, "Data", (_w: LuaValue, d: string) => {
      depth++;
      log.push(`data ${d} depth ${depth}`);
      depth--;
    });
    m(ws, "Connect", "ws", "127.0.0.1", "/", srv.port);
    await until(() => log.length === 2, 5000, "echo");
    expect(log).toEqual(["connected depth 1", "data echo me depth 1"]);
  });
});

describe("wss", () => {
  test("a self-signed certificate is refused by default (Error), accepted with QSYS2TS_HTTPS_INSECURE=1", async () => {
    const srv = await wsServer((c) => c.sock.on("message", (d, binary) => c.sock.send(d, { binary })), true);
    const first = client();
    m(first.ws, "Connect", "wss", "localhost", "/secure", srv.port);
    await until(() => first.events.length > 0, 5000, "Error");
    expect(first.events).toEqual(["error self-signed certificate"]);
    expect(srv.conns).toEqual([]);

    process.env.QSYS2TS_HTTPS_INSECURE = "1";
    try {
      const second = client();
      set(second.ws, "Connected", (w: LuaValue) => {
        second.events.push("connected");
        m(w, "Write", ALL_BYTES, true);
      });
      m(second.ws, "Connect", "wss", "127.0.0.1", "/secure", srv.port);
      await until(() => second.events.length >= 2, 5000, "echo over TLS");
      expect(second.events).toEqual(["connected", `data ${ALL_BYTES}`]);
      expect(srv.conns[0].req.url).toBe("/secure");
    } finally {
      delete process.env.QSYS2TS_HTTPS_INSECURE;
    }
  });
});

describe("the Lua surface", () => {
  test("tostring is 'websocket' as in the help; unknown members raise naming them", () => {
    const ws = make(WebSocket);
    expect(tostring(ws)).toBe("websocket");
    expect(luaError(() => get(ws, "IsConnected"))).toBe("WebSocket has no member 'IsConnected'");
    expect(luaError(() => m(ws, "Send", "x"))).toBe("WebSocket has no member 'Send'");
    expect(luaError(() => set(ws, "EventHandler", () => {}))).toBe("WebSocket has no member 'EventHandler'");
    expect(luaError(() => get(WebSocket, "Open"))).toBe("WebSocket has no member 'Open'");
    // The callbacks read back what was set.
    const f = () => {};
    set(ws, "Pong", f);
    expect(get(ws, "Pong")).toBe(f);
    // websocket-client.ts enters the global.
    expect(G.get("WebSocket")).toBe(WebSocket);
  });

  test("argument errors name the argument as a colon call counts it", async () => {
    const r = await runOurs(
      `local ws = WebSocket.New()
local function e(f) print(select(2, pcall(f))) end
e(function() ws:Connect("http", "h", "/", 80) end)
e(function() ws:Connect("ws", "h", "/") end)
e(function() ws:Connect("ws", "h", "/", 70000) end)
e(function() ws:Connect("ws", "a b", "/", 80) end)
e(function() ws:Connect("ws", "user@h", "/", 80) end)
e(function() ws:Connect("ws", "h", "/", 80, "bad proto") end)
e(function() ws:Connect("ws", "h", "/", 80, nil, "x") end)
e(function() ws:Connect("ws", "h", "/", 80, nil, {["Bad Name"] = "x"}) end)
e(function() ws:Connect("ws", "h", "/", 80, nil, {X = "a\\r\\nb"}) end)
e(function() ws:Connect() end)
e(function() ws:Write("x") end)
e(function() ws:Write() end)
e(function() ws:Ping() end)
e(function() ws.Write("x") end)
e(function() return ws.IsConnected end)
e(function() ws.EventHandler = print end)
e(function() return WebSocket.Open end)
print(tostring(ws), type(WebSocket:New()), _G.WebSocket == WebSocket)
`,
      "wsargs.lua",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        `wsargs.lua:3: bad argument #1 to 'Connect' (scheme must be "ws" or "wss", got "http")`,
        "wsargs.lua:4: bad argument #4 to 'Connect' (number expected, got no value)",
        "wsargs.lua:5: bad argument #4 to 'Connect' (port out of range)",
        "wsargs.lua:6: bad argument #2 to 'Connect' (invalid host 'a b')",
        "wsargs.lua:7: bad argument #2 to 'Connect' (invalid host 'user@h')",
        "wsargs.lua:8: bad argument #5 to 'Connect' (invalid subprotocol 'bad proto')",
        "wsargs.lua:9: bad argument #6 to 'Connect' (table expected, got string)",
        "wsargs.lua:10: bad argument #6 to 'Connect' (invalid header 'Bad Name')",
        "wsargs.lua:11: bad argument #6 to 'Connect' (invalid header 'X')",
        "wsargs.lua:12: bad argument #1 to 'Connect' (string expected, got no value)",
        "wsargs.lua:13: WebSocket is not connected",
        "wsargs.lua:14: bad argument #1 to 'Write' (string expected, got no value)",
        "wsargs.lua:15: WebSocket is not connected",
        "wsargs.lua:16: bad argument #1 to 'Write' (WebSocket expected, got string)",
        "wsargs.lua:17: WebSocket has no member 'IsConnected'",
        "wsargs.lua:18: WebSocket has no member 'EventHandler'",
        "wsargs.lua:19: WebSocket has no member 'Open'",
        "websocket\tuserdata\ttrue",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });
});

describe("a built service", () => {
  test("runs with no node_modules, names the line of a handler error, and exits 0 on SIGTERM with the closing handshake", async () => {
    const srv = await wsServer((c) => {
      c.sock.send("crash");
      c.sock.send("after");
    });
    const svc = await startService(
      `ws = WebSocket.New()
ws.Connected = function(w) print("connected") w:Write("hello") end
ws.Data = function(w, d)
  if d == "crash" then error("boom") end
  print("data " .. d)
end
ws.Closed = function() print("closed") end
ws:Connect("ws", "device.invalid", "/svc", 9000)
`,
      "wssvc.lua",
      { QSYS2TS_CONNECT_MAP: `device.invalid:9000=127.0.0.1:${srv.port}` },
    );
    await until(() => svc.out().includes("data after\n"), 15000, "the service's output");
    expect(svc.out()).toBe("connected\ndata after\n");
    expect(svc.err()).toMatch(/^wssvc\.lua:4: boom\nstack traceback:\n/);
    expect(srv.conns[0].req.url).toBe("/svc");
    expect(srv.conns[0].req.headers.host).toBe("device.invalid:9000");
    expect(srv.conns[0].got.map((g) => g.bytes.toString())).toEqual(["hello"]);
    expect(await svc.stop()).toBe(0);
    await until(() => srv.conns[0].closeCode !== undefined, 5000, "the closing handshake");
    // 1001 "going away": the client is shutting down.
    expect(srv.conns[0].closeCode).toBe(1001);
    expect(svc.out()).toBe("connected\ndata after\n");
  });

  test("only a program that names WebSocket carries the ws package", async () => {
    const without = await bundleLua(`local s = TcpSocket.New() print(s)`, "/tmp/plain.lua");
    const withWs = await bundleLua(`local ws = WebSocket.New() print(ws)`, "/tmp/ws.lua");
    const dynamic = await bundleLua(`local ws = _G["WebSocket"].New() print(ws)`, "/tmp/dyn.lua");
    // A string of ws's client handshake code, and our Lua-facing layer.
    const marker = "Sec-WebSocket-Key";
    expect(without.code.includes(marker)).toBe(false);
    expect(without.code.includes("websocket")).toBe(false);
    expect(withWs.code.includes(marker)).toBe(true);
    expect(dynamic.code.includes(marker)).toBe(true);
  });
});
