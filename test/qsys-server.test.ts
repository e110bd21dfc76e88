// TcpSocketServer and accepted TcpSockets against real node:net clients on 127.0.0.1:
// Listen results, per-connection handlers, events, Write/Disconnect, binary data, many
// clients, misbehaving peers, handler errors and the port map.
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { LuaValue } from "../runtime/lua/value.ts";
import {
  HIGH_WATER,
  listeningPorts,
  TcpSocket,
  TcpSocketServer,
  type TcpSocketObject,
  type TcpSocketServerObject,
} from "../runtime/qsys/index.ts";
import { captureStderr, connectPeer, freePort, get, m, make, serve, set, sleep, until } from "./qsys-helpers.ts";

const EOL = get(TcpSocket, "EOL");
const servers: LuaValue[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) m(s, "Close");
});
function track<T extends { server: LuaValue }>(x: T): T {
  servers.push(x.server);
  return x;
}

/** A line echo server: every line comes back as "echo:<line>\n". */
function echoServer(eol = get(EOL, "Lf")) {
  const accepted: LuaValue[] = [];
  const events: string[] = [];
  const srv = track(
    serve((sock) => {
      accepted.push(sock);
      set(sock, "EventHandler", (s: LuaValue, ev: string, err?: string) => {
        events.push(err === undefined ? ev : `${ev}:${err}`);
        if (ev !== "DATA") return;
        for (let line = m(s, "ReadLine", eol); line !== undefined; line = m(s, "ReadLine", eol))
          m(s, "Write", "echo:" + line + "\n");
      });
    }),
  );
  return { ...srv, accepted, events };
}

describe("Listen", () => {
  test("returns nil when open, and a string when the port is taken", async () => {
    const { server, port } = track(serve(() => {}));
    expect(listeningPorts(server)).toEqual([port]);
    const other = make(TcpSocketServer);
    servers.push(other);
    const err = m(other, "Listen", port);
    expect(err).toBe(`Could not bind to port ${port}: address already in use`);
    // The failure was answered once; no late error event reaches the script or crashes.
    await sleep(20);
    expect(listeningPorts(other as TcpSocketServerObject)).toEqual([]);
  });
  test("one object listens on several ports; Close stops accepting but keeps sockets", async () => {
    const got: LuaValue[] = [];
    const server = make(TcpSocketServer);
    servers.push(server);
    set(server, "EventHandler", (s: LuaValue) => got.push(s));
    const p1 = await freePort();
    const p2 = await freePort();
    expect(m(server, "Listen", p1)).toBeUndefined();
    expect(m(server, "Listen", p2)).toBeUndefined();
    const a = await connectPeer(p1);
    const b = await connectPeer(p2);
    await until(() => got.length === 2);
    m(server, "Close");
    await expect(connectPeer(p1)).rejects.toThrow(/ECONNREFUSED/);
    // Accepted sockets stay open after Close.
    m(got[0], "Write", "still here");
    await a.waitFor("still here");
    expect(get(got[1], "IsConnected")).toBe(true);
    b.sock.destroy();
    a.sock.destroy();
    // The object can listen again after Close.
    expect(m(server, "Listen", p1)).toBeUndefined();
  });
  test("the server handler gets one connected socket per client, with PeerAddress", async () => {
    const seen: LuaValue[] = [];
    const { port } = track(
      serve((s) => {
        seen.push([get(s, "IsConnected"), get(s, "PeerAddress"), get(s, "BufferLength")]);
      }),
    );
    const peers = await Promise.all([connectPeer(port), connectPeer(port), connectPeer(port)]);
    await until(() => seen.length === 3);
    expect(seen).toEqual([
      [true, "127.0.0.1", 0],
      [true, "127.0.0.1", 0],
      [true, "127.0.0.1", 0],
    ]);
    for (const p of peers) p.sock.destroy();
  });
});

describe("accepted sockets", () => {
  test("line echo with Data events; Closed once when the client ends", async () => {
    const srv = echoServer();
    const p = await connectPeer(srv.port);
    p.write("hello\nwor");
    await p.waitFor("echo:hello\n");
    p.write("ld\n");
    await p.waitFor("echo:world\n");
    expect(p.received()).toBe("echo:hello\necho:world\n");
    p.sock.end();
    await until(() => srv.events.includes("EOF"));
    await sleep(20);
    expect(srv.events.filter((e) => e === "EOF")).toHaveLength(1);
    expect(srv.events.every((e) => e === "DATA" || e === "EOF")).toBe(true);
    expect(get(srv.accepted[0], "IsConnected")).toBe(false);
  });
  test("bytes still buffered are readable in the Closed handler", async () => {
    let inClosed: LuaValue;
    const { port } = track(
      serve((sock) => {
        set(sock, "Closed", (s: LuaValue) => (inClosed = [get(s, "BufferLength"), m(s, "Read", 100)]));
      }),
    );
    const p = await connectPeer(port);
    p.sock.end("unterminated tail");
    await until(() => inClosed !== undefined);
    expect(inClosed).toEqual([17, "unterminated tail"]);
  });
  test("per-event callback runs first, then EventHandler (decision 2)", async () => {
    const order: string[] = [];
    const { port } = track(
      serve((sock) => {
        set(sock, "Data", (s: LuaValue) => order.push("Data:" + get(s, "BufferLength")));
        set(sock, "Closed", () => order.push("Closed"));
        set(sock, "EventHandler", (s: LuaValue, ev: string) => {
          order.push("EH:" + ev);
          if (ev === "DATA") m(s, "Read", 1000);
        });
      }),
    );
    const p = await connectPeer(port);
    p.write("abc");
    await until(() => order.length === 2);
    p.sock.end();
    await until(() => order.length === 4);
    expect(order).toEqual(["Data:3", "EH:DATA", "Closed", "EH:EOF"]);
  });
  test("all 256 byte values round-trip unchanged, in both directions", async () => {
    let all = "";
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    const payload = all.repeat(64);
    const { port } = track(
      serve((sock) => {
        set(sock, "Data", (s: LuaValue) => m(s, "Write", m(s, "Read", get(s, "BufferLength"))));
      }),
    );
    const p = await connectPeer(port);
    p.write(payload);
    await until(() => p.received().length === payload.length);
    expect(p.received() === payload).toBe(true);
    p.sock.destroy();
  });
  test("Write then Disconnect in one handler: every byte arrives, then the socket closes, no event", async () => {
    const events: string[] = [];
    const big = "z".repeat(3_000_000);
    const { port } = track(
      serve((sock) => {
        set(sock, "EventHandler", (s: LuaValue, ev: string) => {
          events.push(ev);
          if (ev !== "DATA") return;
          m(s, "Write", "head:");
          m(s, "Write", big);
          m(s, "Write", ":tail");
          m(s, "Disconnect");
          expect(get(s, "IsConnected")).toBe(false);
        });
      }),
    );
    const p = await connectPeer(port);
    p.write("go");
    await until(() => p.closed(), 5000, "close");
    expect(p.received().length).toBe(big.length + 10);
    expect(p.received().endsWith(":tail")).toBe(true);
    await sleep(20);
    expect(events).toEqual(["DATA"]);
  });
  test("after Disconnect, bytes a peer never reads are dropped once WriteTimeout passes", async () => {
    const big = "q".repeat(32 << 20); // more than the kernel buffers of both ends hold
    const { port } = track(
      serve((sock) => {
        set(sock, "WriteTimeout", 0.2);
        m(sock, "Write", big);
        m(sock, "Disconnect");
      }),
    );
    const p = await connectPeer(port);
    p.sock.pause(); // never reads: most of it cannot leave
    await sleep(700);
    p.sock.resume();
    await until(() => p.closed(), 5000, "close");
    expect(p.received().length).toBeLessThan(big.length);
  });
  test("events raised by a handler's own actions come later, never inside it", async () => {
    let depth = 0;
    let nested = false;
    const { port } = track(
      serve((sock) => {
        set(sock, "EventHandler", (s: LuaValue, ev: string) => {
          if (depth++ > 0) nested = true;
          if (ev === "DATA") m(s, "Write", "x");
          m(s, "Read", 100);
          depth--;
        });
      }),
    );
    const p = await connectPeer(port);
    for (let i = 0; i < 50; i++) p.write("ping");
    await until(() => p.received().length > 0);
    p.sock.destroy();
    await sleep(20);
    expect(nested).toBe(false);
  });
  test("ReadTimeout on an accepted socket: Timeout (not Closed), socket closed", async () => {
    const events: string[] = [];
    const { port } = track(
      serve((sock) => {
        set(sock, "ReadTimeout", 0.15);
        set(sock, "EventHandler", (s: LuaValue, ev: string) => {
          events.push(ev);
          if (ev === "DATA") m(s, "Read", 10);
        });
      }),
    );
    const p = await connectPeer(port);
    // Data keeps the socket alive past the timeout...
    for (let i = 0; i < 4; i++) {
      await sleep(70);
      p.write("k");
    }
    expect(events.filter((e) => e === "TIMEOUT")).toHaveLength(0);
    // ...silence ends it.
    await until(() => p.closed(), 2000, "close");
    await sleep(20);
    expect(events.filter((e) => e === "DATA").length).toBeGreaterThan(0);
    expect(events.at(-1)).toBe("TIMEOUT");
    expect(events).not.toContain("EOF");
  });
  test("a client reset gives Error with a text, once", async () => {
    const events: string[] = [];
    const { port } = track(
      serve((sock) => {
        set(sock, "EventHandler", (_s: LuaValue, ev: string, err?: string) => events.push(err === undefined ? ev : ev + ":" + err));
      }),
    );
    const p = await connectPeer(port);
    p.write("x");
    await until(() => events.length === 1);
    p.sock.resetAndDestroy();
    await until(() => events.length === 2);
    await sleep(20);
    expect(events).toEqual(["DATA", "ERROR:connection reset by peer"]);
  });
});

describe("ReadLine over a real connection", () => {
  // The buffer tests cut every case at every byte position; here the bytes cross a real
  // socket one per packet (one Data event each), for every EOL mode.
  const cases: [string, string | undefined, string, string[]][] = [
    ["Any", undefined, "\r\none\r\n\rtwo\nthree\r", ["one", "two", "three"]],
    ["CrLf", undefined, "a\r\nb\nc\r\r\n", ["a", "b", "c\r"]],
    ["CrLfStrict", undefined, "a\nb\r\nc\r\r\n", ["a\nb", "c\r"]],
    ["Lf", undefined, "a\r\n\nb\n", ["a\r", "", "b"]],
    ["Null", undefined, "x\0\0y\n\0", ["x", "", "y\n"]],
    ["Custom", "\r\n\r\n", "GET / HTTP/1.0\r\nA: b\r\n\r\nnext\r\n\r\n", ["GET / HTTP/1.0\r\nA: b", "next"]],
  ];
  for (const [name, custom, text, lines] of cases) {
    test(`${name}: one byte per packet`, async () => {
      const got: string[] = [];
      let datas = 0;
      const { port } = track(
        serve((sock) => {
          set(sock, "Data", (s: LuaValue) => {
            datas++;
            for (let l = m(s, "ReadLine", get(EOL, name), custom); l !== undefined; l = m(s, "ReadLine", get(EOL, name), custom))
              got.push(l);
          });
        }),
      );
      const p = await connectPeer(port);
      for (let i = 0; i < text.length; i++) {
        p.write(text[i]);
        await until(() => datas === i + 1, 3000, `Data event ${i + 1}`);
      }
      expect(got).toEqual(lines);
      p.sock.destroy();
    });
  }
});

describe("load and misbehaving peers", () => {
  test("300 concurrent clients, every byte accounted for", async () => {
    const srv = echoServer(get(EOL, "CrLf"));
    const N = 300;
    const LINES = 20;
    const peers = await Promise.all(Array.from({ length: N }, () => connectPeer(srv.port)));
    let expected = "";
    for (let i = 0; i < LINES; i++) expected += `echo:line ${i} ${"ab".repeat(i)}\n`;
    peers.forEach((p, k) => {
      let text = "";
      for (let i = 0; i < LINES; i++) text += `line ${i} ${"ab".repeat(i)}\r\n`;
      // Each client sends in odd-sized pieces, so lines straddle packets.
      const size = 7 + (k % 13);
      for (let i = 0; i < text.length; i += size) p.write(text.slice(i, i + size));
    });
    await until(() => peers.every((p) => p.received().length >= expected.length), 8000, "all echoes");
    for (const p of peers) expect(p.received()).toBe(expected);
    for (const p of peers) p.sock.end();
    await until(() => srv.events.filter((e) => e === "EOF").length === N, 5000, "all closed");
  });
  test("flood without terminator, half-close, silent and resetting peers do not wedge the service", async () => {
    const srv = echoServer();
    const silent = await connectPeer(srv.port);
    const flood = await connectPeer(srv.port);
    const chunk = "x".repeat(1 << 20);
    for (let i = 0; i < 10; i++) flood.write(chunk);
    const half = await connectPeer(srv.port);
    half.sock.end("bye\n");
    const reset = await connectPeer(srv.port);
    reset.sock.resetAndDestroy();
    const ok = await connectPeer(srv.port);
    ok.write("still serving\n");
    await ok.waitFor("echo:still serving\n", 5000);
    await until(() => half.closed(), 3000, "half-closed peer closed");
    await until(() => srv.accepted.some((s) => get(s, "BufferLength") >= 10 * (1 << 20)), 5000, "flood buffered");
    flood.write("\n");
    await flood.waitFor("\n", 5000);
    expect(flood.received().length).toBe(10 * (1 << 20) + 6);
    for (const p of [silent, flood, ok]) p.sock.destroy();
  });
});

describe("receive buffer cap", () => {
  test("past HIGH_WATER unread bytes the socket stops reading; reading resumes it, nothing is lost", async () => {
    let sock: LuaValue;
    let datas = 0;
    const { port } = track(
      serve((s) => {
        sock ??= s;
        // The script waits for a terminator that never comes: it reads nothing.
        set(s, "Data", (x: LuaValue) => {
          datas++;
          m(x, "ReadLine", get(EOL, "Lf"));
        });
      }),
    );
    const flood = await connectPeer(port);
    const total = HIGH_WATER * 2 + 12345;
    let sent = 0;
    let chunk = "";
    for (let i = 0; i < 1 << 16; i++) chunk += String.fromCharCode(97 + (i % 26));
    const pump = () => {
      while (sent < total) {
        const piece = chunk.slice(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!flood.sock.write(Buffer.from(piece, "latin1"))) return void flood.sock.once("drain", pump);
      }
    };
    pump();
    await until(() => (get(sock, "BufferLength") as number) > HIGH_WATER, 10000, "buffer past the cap");
    await sleep(200);
    // The buffer stopped growing near the cap: TCP holds the rest back in the peer.
    const held = get(sock, "BufferLength") as number;
    expect(held).toBeLessThan(HIGH_WATER + (1 << 20));
    expect((sock as TcpSocketObject).paused).toBe(true);
    // Other clients are served meanwhile.
    const other = await connectPeer(port);
    const before = datas;
    other.write("x\n");
    await until(() => datas > before, 3000, "the other client's data");
    other.sock.destroy();
    expect(get(sock, "IsConnected")).toBe(true);
    // The script reads: the socket resumes and every byte arrives, in order.
    let got = m(sock, "Read", held) as string;
    await until(
      () => {
        got += m(sock, "Read", 1 << 22) as string;
        return got.length >= total;
      },
      10000,
      "the rest of the flood",
    );
    expect(got.length).toBe(total);
    let want = chunk.repeat(Math.ceil(total / chunk.length)).slice(0, total);
    expect(got === want).toBe(true);
    want = "";
    flood.sock.destroy();
  });
});

describe("handler errors", () => {
  test("are printed with a traceback and the service keeps serving", async () => {
    const err = captureStderr();
    try {
      let n = 0;
      const { port } = track(
        serve((sock) => {
          set(sock, "Data", (s: LuaValue) => {
            const line = m(s, "ReadLine", get(EOL, "Lf"));
            if (line === "boom") m(s, "Frobnicate");
            m(s, "Write", "ok " + ++n + "\n");
          });
          set(sock, "EventHandler", (s: LuaValue, ev: string) => {
            if (ev === "DATA") m(s, "Write", "eh\n");
          });
        }),
      );
      const p = await connectPeer(port);
      p.write("boom\n");
      await p.waitFor("eh\n");
      p.write("fine\n");
      await p.waitFor("ok 1\n");
      // The failing Data callback stopped at the error; EventHandler still ran for that event.
      expect(p.received()).toBe("eh\nok 1\neh\n");
      expect(err.text()).toMatch(/^TcpSocket has no member 'Frobnicate'\nstack traceback:\n/);
      p.sock.destroy();
    } finally {
      err.restore();
    }
  });
  test("an error in the server's handler leaves the listener up", async () => {
    const err = captureStderr();
    try {
      let calls = 0;
      const { port } = track(
        serve(() => {
          calls++;
          throw new Error("handler failed");
        }),
      );
      const a = await connectPeer(port);
      const b = await connectPeer(port);
      await until(() => calls === 2);
      expect(err.text().split("handler failed\nstack traceback:").length).toBe(3);
      a.sock.destroy();
      b.sock.destroy();
    } finally {
      err.restore();
    }
  });
});

describe("port map", () => {
  test("QSYS2TS_PORT_MAP remaps the port given to Listen", async () => {
    const real = await freePort();
    process.env.QSYS2TS_PORT_MAP = `1720=${real}, 8080=1`;
    try {
      const got: string[] = [];
      const server = make(TcpSocketServer);
      servers.push(server);
      set(server, "EventHandler", (s: LuaValue) => got.push(get(s, "PeerAddress")));
      expect(m(server, "Listen", 1720)).toBeUndefined();
      expect(listeningPorts(server)).toEqual([real]);
      const p = await connectPeer(real);
      await until(() => got.length === 1);
      p.sock.destroy();
      process.env.QSYS2TS_PORT_MAP = "1720=x";
      expect(() => m(make(TcpSocketServer), "Listen", 1720)).toThrow("invalid QSYS2TS_PORT_MAP entry '1720=x'");
    } finally {
      delete process.env.QSYS2TS_PORT_MAP;
    }
  });
  test("unmapped ports are used as given", async () => {
    const real = await freePort();
    process.env.QSYS2TS_PORT_MAP = "1=2";
    try {
      const server = make(TcpSocketServer);
      servers.push(server);
      expect(m(server, "Listen", real)).toBeUndefined();
      expect(listeningPorts(server)).toEqual([real]);
      const s = net.connect(real, "127.0.0.1");
      await new Promise((r) => s.once("connect", r));
      s.destroy();
    } finally {
      delete process.env.QSYS2TS_PORT_MAP;
    }
  });
});
