// HttpClient against a local node:http server on 127.0.0.1: methods, bodies as bytes, headers,
// basic and digest authentication, failures with curl's texts, timeouts; and the URL helpers
// with the Q-SYS help's examples.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call } from "../runtime/lua/call.ts";
import { index } from "../runtime/lua/index-ops.ts";
import { LuaTable, tableOf } from "../runtime/lua/table.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { HttpClient } from "../runtime/qsys/index.ts";
import { bundleLua } from "../compiler/bundle.ts";
import { freePort, until } from "./qsys-helpers.ts";

let server: http.Server;
let base = "";
const pending: http.ServerResponse[] = [];
const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("latin1");
      const url = req.url ?? "";
      if (url === "/hello") {
        res.setHeader("X-Multi", ["one", "two"]);
        res.setHeader("Content-Type", "text/plain");
        res.end("hello");
      } else if (url.startsWith("/echo")) {
        const text = `${req.method} ${url} ${req.headers["content-type"] ?? "-"} ${req.headers["x-list"] ?? "-"} ${req.headers.host} [${body}]`;
        res.end(Buffer.from(text, "latin1"));
      } else if (url === "/bytes") {
        res.end(Buffer.from([...Array(256).keys()]));
      } else if (url === "/slow") {
        pending.push(res);
      } else if (url === "/close") {
        req.socket.destroy();
      } else if (url === "/basic") {
        const ok = req.headers.authorization === "Basic " + Buffer.from("user:p@ss").toString("base64");
        if (!ok) res.writeHead(401, { "WWW-Authenticate": 'Basic realm="test"' }).end("denied");
        else res.end("basic ok");
      } else if (url === "/digest") {
        const a = req.headers.authorization ?? "";
        const p = Object.fromEntries([...a.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
        const expected = md5(`${md5(`user:test:p@ss`)}:${NONCE}:${p.nc}:${p.cnonce}:auth:${md5(`GET:/digest`)}`);
        if (!a.startsWith("Digest ") || p.response !== expected || p.uri !== "/digest") {
          res.writeHead(401, { "WWW-Authenticate": `Digest realm="test", qop="auth", nonce="${NONCE}", opaque="5ccc069c403ebaf9f0171e9517f40e41"` }).end("denied");
        } else res.end("digest ok");
      } else res.writeHead(404).end("nope");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const r of pending) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface Reply {
  tbl: LuaValue;
  code: LuaValue;
  data: LuaValue;
  err: LuaValue;
  headers: LuaTable;
}

/** Run HttpClient.<method>{...fields, EventHandler} and wait for the handler's one call. */
async function request(method: string, fields: Record<string, LuaValue>, ms = 5000): Promise<Reply> {
  const replies: Reply[] = [];
  const tbl = tableOf(undefined, { ...fields, EventHandler: (tbl: LuaValue, code: LuaValue, data: LuaValue, err: LuaValue, headers: LuaTable) => void replies.push({ tbl, code, data, err, headers }) });
  call(index(HttpClient, method), tbl);
  await until(() => replies.length > 0, ms, `${method} reply`);
  await new Promise((r) => setTimeout(r, 20));
  expect(replies.length).toBe(1);
  expect(replies[0].tbl).toBe(tbl);
  return replies[0];
}

describe.concurrent("HttpClient requests", () => {
  test("Get: status, body, headers (repeated ones as tables)", async () => {
    const r = await request("Get", { Url: `${base}/hello` });
    expect([r.code, r.data, r.err]).toEqual([200, "hello", undefined]);
    expect(r.headers.get("Content-Type")).toBe("text/plain");
    const multi = r.headers.get("X-Multi") as LuaTable;
    expect([multi.get(1), multi.get(2)]).toEqual(["one", "two"]);
  });

  test("Download is a GET; bodies are bytes", async () => {
    const r = await request("Download", { Url: `${base}/bytes` });
    expect(r.code).toBe(200);
    expect(r.data).toBe(String.fromCharCode(...Array(256).keys()));
  });

  test("Post/Put/Patch/Delete/Upload send their method, data bytes and headers", async () => {
    const list = tableOf(["a", "b"]);
    const post = await request("Post", { Url: `${base}/echo?x=1`, Data: "d\xe9\x00ta", Headers: tableOf(undefined, { "X-List": list }) });
    expect(post.data).toBe(`POST /echo?x=1 application/x-www-form-urlencoded a, b 127.0.0.1:${base.split(":")[2]} [d\xe9\x00ta]`);
    const put = await request("Put", { Url: `${base}/echo`, Data: "{}", Headers: tableOf(undefined, { "Content-Type": "application/json" }) });
    expect(put.data).toMatch(/^PUT \/echo application\/json - .* \[\{\}\]$/);
    expect((await request("Patch", { Url: `${base}/echo`, Data: "p" })).data).toMatch(/^PATCH .*\[p\]$/);
    expect((await request("Delete", { Url: `${base}/echo` })).data).toMatch(/^DELETE \/echo - - .*\[\]$/);
    expect((await request("Upload", { Url: `${base}/echo`, Method: "PUT", Data: "u" })).data).toMatch(/^PUT .*\[u\]$/);
    expect((await request("Upload", { Url: `${base}/echo`, Data: "u" })).data).toMatch(/^POST .*\[u\]$/);
  });

  test("HTTP errors are codes, not failures", async () => {
    const r = await request("Get", { Url: `${base}/missing` });
    expect([r.code, r.data, r.err]).toEqual([404, "nope", undefined]);
  });

  test("basic and digest authentication (Auth any picks what the server offers)", async () => {
    expect((await request("Get", { Url: `${base}/basic`, User: "user", Password: "p@ss", Auth: "basic" })).data).toBe("basic ok");
    expect((await request("Get", { Url: `${base}/basic`, User: "user", Password: "p@ss" })).data).toBe("basic ok");
    expect((await request("Get", { Url: `${base}/digest`, User: "user", Password: "p@ss", Auth: "digest" })).data).toBe("digest ok");
    expect((await request("Get", { Url: `${base}/digest`, User: "user", Password: "p@ss" })).data).toBe("digest ok");
    const wrong = await request("Get", { Url: `${base}/digest`, User: "user", Password: "wrong" });
    expect([wrong.code, wrong.data]).toEqual([401, "denied"]);
  });

  test("failures: curl's texts, code 0, empty data", async () => {
    const refused = await request("Get", { Url: `http://127.0.0.1:${await freePort()}/` });
    expect([refused.code, refused.data, refused.err]).toEqual([0, "", "Couldn't connect to server"]);
    expect((await request("Get", { Url: `${base}/close` })).err).toBe("Server returned nothing (no headers, no data)");
    expect((await request("Get", { Url: "not a url" })).err).toBe("URL using bad/illegal format or missing URL");
    expect((await request("Get", { Url: "ftp://127.0.0.1/x" })).err).toBe("Unsupported protocol");
    const slow = await request("Get", { Url: `${base}/slow`, Timeout: 0.2 });
    expect([slow.code, slow.err]).toEqual([0, "Timeout was reached"]);
  });

  test("bad request tables are Lua errors at the call", () => {
    expect(() => call(index(HttpClient, "Get"), tableOf())).toThrow(/bad argument #1 to 'Get' \(field 'Url' is required\)/);
    expect(() => call(index(HttpClient, "Upload"), tableOf(undefined, { Url: base, Method: "GET" }))).toThrow(/field 'Method' must be/);
    expect(() => call(index(HttpClient, "Get"), "x")).toThrow(/table expected, got string/);
  });
});

describe("HttpClient URL helpers (the help's examples)", () => {
  const f = (name: string, ...args: LuaValue[]) => call(index(HttpClient, name), ...args);
  test("EncodeString, DecodeString, EncodeParams", () => {
    expect(f("EncodeString", "this is | some test")).toBe("this%20is%20%7c%20some%20test");
    expect(f("DecodeString", "this%20is%20%7c%20some%20test")).toBe("this is | some test");
    expect(f("EncodeParams", tableOf(undefined, { term: "hello | there" }))).toBe("term=hello%20%7c%20there");
    // the help prints its two pairs in the Core's table order; here they come in insertion order
    expect(f("EncodeParams", tableOf(undefined, { term: "hello | there", "name with space": "blue" }))).toBe("term=hello%20%7c%20there&name%20with%20space=blue");
  });
  test("CreateUrl", () => {
    const url = (fields: Record<string, LuaValue>) => f("CreateUrl", tableOf(undefined, fields));
    expect(url({ Host: "http://www.go.com" })).toBe("http://www.go.com");
    expect(url({ Host: "http://www.go.com", Port: 1234 })).toBe("http://www.go.com:1234");
    expect(url({ Host: "http://www.go.com", Port: 1234, Path: "this/is/a/path" })).toBe("http://www.go.com:1234/this/is/a/path");
    expect(url({ Host: "http://www.go.com", Path: "this/is/a/path with space" })).toBe("http://www.go.com/this/is/a/path%20with%20space");
    expect(url({ Host: "http://www.go.com", Path: "this/is/a/path with space", Query: tableOf(undefined, { sky: "blue" }) })).toBe(
      "http://www.go.com/this/is/a/path%20with%20space?sky=blue",
    );
    expect(url({ Host: "http://www.go.com", Path: "this/is/a/path with space", Query: tableOf(undefined, { sky: "blue", term: "hello | there" }) })).toBe(
      "http://www.go.com/this/is/a/path%20with%20space?sky=blue&term=hello%20%7c%20there",
    );
  });
});

describe("HttpClient in a built program", () => {
  test("the help's Get example, with the host remapped by QSYS2TS_CONNECT_MAP", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qsys2ts-http-"));
    const source = `function done(tbl, code, data, err, headers)
  print(string.format("HTTP response from '%s': Return Code=%i; Error=%s", tbl.Url, code, err or "None"))
  print("X-Multi", type(headers["X-Multi"]), #headers["X-Multi"], headers["Content-Type"])
  print("HTML Data: " .. data)
end
HttpClient.Get { Url = "http://device.example:8080/hello", Headers = { ["Content-Type"] = "application/json" }, Timeout = 30, EventHandler = done }
`;
    const { code } = await bundleLua(source, join(dir, "get.lua"));
    writeFileSync(join(dir, "get.mjs"), code);
    const port = base.split(":")[2];
    const proc = spawn(process.execPath, [join(dir, "get.mjs")], { env: { ...process.env, QSYS2TS_CONNECT_MAP: `device.example:8080=127.0.0.1:${port}` } });
    let out = "";
    let err = "";
    proc.stdout.on("data", (d) => (out += d.toString("latin1")));
    proc.stderr.on("data", (d) => (err += d.toString("latin1")));
    const status = await new Promise<number | null>((r) => proc.on("exit", r));
    expect(err).toBe("");
    expect(status).toBe(0);
    expect(out).toBe("HTTP response from 'http://device.example:8080/hello': Return Code=200; Error=None\nX-Multi\ttable\t2\ttext/plain\nHTML Data: hello\n");
  }, 20000);
});
