import { test, expect } from "vitest";
import { TcpSocket } from "../runtime/qsys/index.ts";
import { serve, connectPeer, get, set, m } from "../test/qsys-helpers.ts";
test("echo", async () => {
  const events: string[] = [];
  const { server, port } = serve((sock) => {
    set(sock, "EventHandler", (s: any, ev: string) => {
      events.push(ev);
      if (ev === "DATA") {
        let line = m(s, "ReadLine", get(get(TcpSocket, "EOL"), "Lf"));
        while (line !== undefined) { m(s, "Write", "echo:" + line + "\n"); line = m(s, "ReadLine", 3); }
      }
    });
  });
  const p = await connectPeer(port);
  p.write("hello\nworld\n");
  await p.waitFor("echo:world\n");
  expect(p.received()).toBe("echo:hello\necho:world\n");
  p.sock.end();
  await new Promise(r => setTimeout(r, 50));
  expect(events.at(-1)).toBe("EOF");
  m(server, "Close");
});
