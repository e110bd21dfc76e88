// Realistic scripts built by the compiler and run as services: the seed's TcpSocketServer
// example, chat_server.lua, projector_client.lua and tiny_http.lua (the project's examples,
// copied unchanged into test/qsys-examples/; the seed example is quoted below). Ports are
// remapped to free ephemeral ports with QSYS2TS_PORT_MAP / QSYS2TS_CONNECT_MAP.
import { readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { connectAfterStart, connectPeer, device, freePort, killServices, startService, until } from "./qsys-helpers.ts";

const EXAMPLES = join(import.meta.dirname, "qsys-examples");

// The example of the seed document (TcpSocketServer help page), as written there.
const SEED = `server = TcpSocketServer.New()
sockets = {}
function RemoveSocketFromTable(sock)
for k,v in pairs(sockets) do
if v == sock then
table.remove(sockets, k)
return
end
end
end
function SocketHandler(sock, event) -- the arguments for this EventHandler are documented in the EventHandler definition of TcpSocket Properties
print( "TCP Socket Event: "..event )
if event == TcpSocket.Events.Data then
print( sock, sock:Read(sock.BufferLength) )
elseif event == TcpSocket.Events.Closed or
event == TcpSocket.Events.Error or
event == TcpSocket.Events.Timeout then
RemoveSocketFromTable(sock)
end
end
server.EventHandler = function(SocketInstance) -- the properties of this socket instance are those of the TcpSocket library
SocketInstance.ReadTimeout = 10
print( "Got connect", SocketInstance )
table.insert(sockets, SocketInstance)
SocketInstance.EventHandler = SocketHandler
end
server:Listen(1720) -- This listen port is opened on all network interfaces
`;

const servers: net.Server[] = [];
afterEach(() => {
  killServices();
  for (const s of servers.splice(0)) s.close();
});

const run = (source: string, name: string, env: Record<string, string>) => startService(source, name, env);

const example = (name: string): string => readFileSync(join(EXAMPLES, name), "latin1");

describe("built examples", () => {
  test("the seed example logs connections and data as the help shows", async () => {
    const port = await freePort();
    const s = await run(SEED, "seed.lua", { QSYS2TS_PORT_MAP: `1720=${port}` });
    const p = await connectAfterStart(port);
    await until(() => s.out().includes("Got connect"), 5000);
    p.write("hello seed");
    await until(() => s.out().includes("hello seed"), 5000);
    p.sock.end();
    await until(() => s.out().includes("EOF"), 5000);
    expect(await s.stop()).toBe(0);
    expect(s.out()).toMatch(
      /^Got connect\tTcpSocket: 0x[0-9a-f]+\nTCP Socket Event: DATA\nTcpSocket: 0x[0-9a-f]+\thello seed\nTCP Socket Event: EOF\n$/,
    );
    expect(s.err()).toBe("");
  });

  test("chat_server.lua relays lines between clients", async () => {
    const port = await freePort();
    const s = await run(example("chat_server.lua"), "chat_server.lua", { QSYS2TS_PORT_MAP: `1720=${port}` });
    const a = await connectAfterStart(port);
    await a.waitFor("welcome user1\r\n");
    const b = await connectPeer(port);
    await b.waitFor("welcome user2\r\n");
    a.write("hello from a\r\n");
    await b.waitFor("user1: hello from a\r\n");
    b.write("/who\n");
    await b.waitFor("user1,user2\r\n");
    b.write("/quit\r\n");
    await a.waitFor("* user2 left\r\n");
    await until(() => b.closed(), 3000);
    expect(await s.stop()).toBe(0);
    expect(s.out()).toBe(
      "chat hub on port 1720\nclient 1 joined from 127.0.0.1\nclient 2 joined from 127.0.0.1\nclient 2 left (1 connected)\n",
    );
  });

  test("projector_client.lua talks to a fake projector and reconnects after it hangs up", async () => {
    let sessions = 0;
    const d = await device((p) => {
      sessions++;
      if (sessions === 1) {
        p.write("%1POWR=1\r%1LAMP=1234 1\r%1ERST=000000\r");
        setTimeout(() => p.sock.end(), 100);
      }
    });
    servers.push(d.server);
    const s = await run(example("projector_client.lua"), "projector_client.lua", {
      QSYS2TS_CONNECT_MAP: `14352=${d.port}`,
    });
    await until(() => sessions === 2 && s.out().split("connected\n").length === 3, 8000, "reconnect");
    expect(await s.stop()).toBe(0);
    expect(s.out()).toBe(
      'connected\nunhandled ERST="000000"\npower=on lamp=1234\nclosed by device\nreconnecting\nconnected\n',
    );
  });

  test("tiny_http.lua answers GET /status, 404 and 400", async () => {
    const port = await freePort();
    const s = await run(example("tiny_http.lua"), "tiny_http.lua", { QSYS2TS_PORT_MAP: `18080=${port}` });
    const ask = async (request: string[]): Promise<string> => {
      const p = await connectAfterStart(port);
      for (const part of request) p.write(part);
      await until(() => p.closed(), 5000, "response");
      return p.received();
    };
    const body = '{"hits":1,"time":"1970-01-01T00:00:00Z"}';
    expect(await ask(["GET /status HT", "TP/1.0\r\nHost: x\r\n", "\r\n"])).toBe(
      `HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    const nf = '{"error":"no route for /nope"}';
    expect(await ask(["GET /nope HTTP/1.1\r\n\r\n"])).toBe(
      `HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${nf.length}\r\nConnection: close\r\n\r\n${nf}`,
    );
    const bad = '{"error":"bad request line"}';
    expect(await ask(["garbage\r\n\r\n"])).toBe(
      `HTTP/1.0 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${bad.length}\r\nConnection: close\r\n\r\n${bad}`,
    );
    expect(await s.stop()).toBe(0);
    expect(s.out()).toBe("http on 18080\n");
  });
});
