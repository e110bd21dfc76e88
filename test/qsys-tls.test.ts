// TcpSocket.NewTls against node:tls servers on 127.0.0.1: no validation by default,
// ValidateCertificate with CACertData, client certificates, and binary data over TLS.
// The certificates below are test-only (EC P-256, valid until 2125), made with openssl.
import tls from "node:tls";
import { afterEach, describe, expect, test } from "vitest";
import { callMethod } from "../runtime/lua/call.ts";
import type { LuaValue } from "../runtime/lua/value.ts";
import { TcpSocket } from "../runtime/qsys/index.ts";
import { get, m, set, until } from "./qsys-helpers.ts";

const CA_CERT = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUAhDM5W6hpUFlctZfy2L2d4pm1fQwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPcXN5czJ0cyB0ZXN0IENBMCAXDTI2MTEyNTA2MTMzOVoYDzIx
MjYxMTAxMDYxMzM5WjAaMRgwFgYDVQQDDA9xc3lzMnRzIHRlc3QgQ0EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATGPBlW7snAGQiECgcp01++5MBC0BefjKXKngia
QoFgnQBgbvC6zfPg/cgzUeULXRBXDZygERlVnYJwrEpPXtMto1MwUTAdBgNVHQ4E
FgQUy0L8qbR5bAblzoRRo1x8b0Nl7zAwHwYDVR0jBBgwFoAUy0L8qbR5bAblzoRR
o1x8b0Nl7zAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAmlhS
m16I1uWdvRLt0X5l348mAn3pV8pRiKvH3CxF9YsCIEpVSZMJ5nGEZsnHypgwXjXw
tMRhKKPc4910W9odJP21
-----END CERTIFICATE-----
`;
const SERVER_CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUEGvmgi7N/mfh6PAekGNojAJ4da0wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPcXN5czJ0cyB0ZXN0IENBMCAXDTI2MTEyNTA2MTMzOVoYDzIx
MjYxMTAxMDYxMzM5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQGDKmOm7F012XgmyGEdvLi1r6q/xT8LrzPdlYjglaB0GDt
3BIgYuqiC4XTzgCE1g7WCtP5Dltp0fX0hLGBes+Bo14wXDAaBgNVHREEEzARggls
b2NhbGhvc3SHBH8AAAEwHQYDVR0OBBYEFMLlvfWKnHaiVixUHmLzSPWOZc7wMB8G
A1UdIwQYMBaAFMtC/Km0eWwG5c6EUaNcfG9DZe8wMAoGCCqGSM49BAMCA0gAMEUC
IAWMfI3bMnnRD6HZs3Vc1CzVjTBTL3DuYrkxf4Og5PuyAiEAsd9j5KhEhpVrrBS4
cZMiE+XfzWuIhBC8ii6oaBGYq5k=
-----END CERTIFICATE-----
`;
const SERVER_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgBIaKjEavviOKsji1
Hkg+4QqGwmrpwyYb4wATgEBgvmqhRANCAAQGDKmOm7F012XgmyGEdvLi1r6q/xT8
LrzPdlYjglaB0GDt3BIgYuqiC4XTzgCE1g7WCtP5Dltp0fX0hLGBes+B
-----END PRIVATE KEY-----
`;
const CLIENT_CERT = `-----BEGIN CERTIFICATE-----
MIIBLDCB0wIUEGvmgi7N/mfh6PAekGNojAJ4da4wCgYIKoZIzj0EAwIwGjEYMBYG
A1UEAwwPcXN5czJ0cyB0ZXN0IENBMCAXDTI2MTEyNTA2MTMzOVoYDzIxMjYxMTAx
MDYxMzM5WjAWMRQwEgYDVQQDDAtxc3lzIGNsaWVudDBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABIG4lLl6BQpmoOBHIqe2YRvsfCtNGHStgMFlrUY28Evu0Nei/9TX
KeTt1zU1DmFAIILu+u0q43TxHXou6T0A54cwCgYIKoZIzj0EAwIDSAAwRQIgPniW
XZTNAsAwLSoZKCXCqr+742NBS/K+LFqPk5hvqx8CIQCIDRz7DhG8xgip0VXQn1aJ
FxMPHiRJNXMYofVBRtlrEA==
-----END CERTIFICATE-----
`;
const CLIENT_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFwAgq5Z68Po/ijZv
K8CRHuQxfdbcrxBhlwWdP2TYDZShRANCAASBuJS5egUKZqDgRyKntmEb7HwrTRh0
rYDBZa1GNvBL7tDXov/U1ynk7dc1NQ5hQCCC7vrtKuN08R16Luk9AOeH
-----END PRIVATE KEY-----
`;

const open: LuaValue[] = [];
const servers: tls.Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) m(s, "Disconnect");
  for (const s of servers.splice(0)) s.close();
});

/** A TLS echo server; `options` add client-certificate checks. */
async function tlsServer(options: tls.TlsOptions = {}): Promise<{ port: number; peers: string[] }> {
  const peers: string[] = [];
  const server = tls.createServer({ cert: SERVER_CERT, key: SERVER_KEY, ...options }, (s) => {
    peers.push(String(s.getPeerCertificate()?.subject?.CN ?? ""));
    s.on("data", (d) => s.write(d));
    s.on("error", () => {});
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { port: (server.address() as { port: number }).port, peers };
}

function tlsClient(setup: (s: LuaValue) => void = () => {}): { sock: LuaValue; events: string[]; data: () => string } {
  const sock = callMethod(TcpSocket, "NewTls");
  open.push(sock);
  const events: string[] = [];
  let data = "";
  set(sock, "ReconnectTimeout", 0);
  set(sock, "EventHandler", (s: LuaValue, ev: string, err?: string) => {
    events.push(err === undefined ? ev : `${ev}:${err}`);
    if (ev === "DATA") data += m(s, "Read", get(s, "BufferLength"));
  });
  setup(sock);
  return { sock, events, data: () => data };
}

describe("TcpSocket.NewTls", () => {
  test("connects without validating by default; all 256 byte values round-trip", async () => {
    const { port } = await tlsServer();
    const c = tlsClient();
    m(c.sock, "Connect", "127.0.0.1", port);
    await until(() => c.events.includes("CONNECTED"), 5000);
    let all = "";
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    m(c.sock, "Write", all);
    await until(() => c.data().length === 256, 5000);
    expect(c.data() === all).toBe(true);
  });
  test("ValidateCertificate rejects a server its CAs do not trust, with a text", async () => {
    const { port } = await tlsServer();
    const c = tlsClient((s) => set(s, "ValidateCertificate", true));
    m(c.sock, "Connect", "127.0.0.1", port);
    await until(() => c.events.length === 1, 5000);
    expect(c.events[0]).toMatch(/^ERROR:.*certificate/);
    expect(get(c.sock, "IsConnected")).toBe(false);
  });
  test("ValidateCertificate with CACertData accepts the server, by name and by IP", async () => {
    const { port } = await tlsServer();
    for (const host of ["localhost", "127.0.0.1"]) {
      const c = tlsClient((s) => {
        set(s, "ValidateCertificate", true);
        set(s, "CACertData", CA_CERT);
      });
      m(c.sock, "Connect", host, port);
      await until(() => c.events.length === 1, 5000);
      expect(c.events).toEqual(["CONNECTED"]);
    }
  });
  test("ClientCertData and ClientKeyData authenticate the client", async () => {
    const srv = await tlsServer({ requestCert: true, rejectUnauthorized: true, ca: CA_CERT });
    const c = tlsClient((s) => {
      set(s, "ClientCertData", CLIENT_CERT);
      set(s, "ClientKeyData", CLIENT_KEY);
    });
    m(c.sock, "Connect", "127.0.0.1", srv.port);
    await until(() => c.events.includes("CONNECTED"), 5000);
    m(c.sock, "Write", "ping");
    await until(() => c.data() === "ping", 5000);
    expect(srv.peers).toEqual(["qsys client"]);
  });
  test("without the client certificate the server refuses", async () => {
    const srv = await tlsServer({ requestCert: true, rejectUnauthorized: true, ca: CA_CERT });
    const c = tlsClient();
    m(c.sock, "Connect", "127.0.0.1", srv.port);
    // TLS 1.3 finishes the client side before the server checks: the refusal arrives after.
    await until(() => c.events.some((e) => e.startsWith("ERROR") || e === "EOF"), 5000);
    expect(srv.peers).toEqual([]);
    expect(get(c.sock, "IsConnected")).toBe(false);
  });
});
