// The Lua-visible surface of TcpSocket, TcpSocketServer and Timer: constructors through
// `.` and `:`, constants (decision 8), read-only members, and loud errors for unknown names.
import { describe, expect, test } from "vitest";
import { call, callMethod } from "../runtime/lua/call.ts";
import { tostring } from "../runtime/lua/concat.ts";
import { LuaError } from "../runtime/lua/errors.ts";
import { index } from "../runtime/lua/index-ops.ts";
import { type } from "../runtime/lua/value.ts";
import { TcpSocket, TcpSocketServer, Timer } from "../runtime/qsys/index.ts";
import { get, m, make, set } from "./qsys-helpers.ts";

function error(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LuaError);
    return (e as LuaError).value;
  }
  return "no error";
}

describe("constructors", () => {
  test("New works as TcpSocket.New() and TcpSocket:New()", () => {
    for (const lib of [TcpSocket, TcpSocketServer, Timer]) {
      const a = call(index(lib, "New"));
      const b = callMethod(lib, "New");
      expect(type(a)).toBe("userdata");
      expect(type(b)).toBe("userdata");
      expect(a).not.toBe(b);
    }
    expect(type(callMethod(TcpSocket, "NewTls"))).toBe("userdata");
  });
  test("tostring names the class", () => {
    expect(tostring(make(TcpSocket))).toMatch(/^TcpSocket: 0x[0-9a-f]+$/);
    expect(tostring(make(TcpSocketServer))).toMatch(/^TcpSocketServer: 0x[0-9a-f]+$/);
    expect(tostring(make(Timer))).toMatch(/^Timer: 0x[0-9a-f]+$/);
  });
});

describe("constants", () => {
  test("TcpSocket.Events", () => {
    const ev = get(TcpSocket, "Events");
    const names = ["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"];
    expect(names.map((n) => get(ev, n))).toEqual(["CONNECTED", "RECONNECT", "DATA", "EOF", "ERROR", "TIMEOUT"]);
  });
  test("TcpSocket.EOL", () => {
    const eol = get(TcpSocket, "EOL");
    const names = ["Any", "CrLf", "CrLfStrict", "Lf", "Null", "Custom"];
    expect(names.map((n) => get(eol, n))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("defaults of a new socket", () => {
  test("properties", () => {
    const s = make(TcpSocket);
    expect(get(s, "IsConnected")).toBe(false);
    expect(get(s, "BufferLength")).toBe(0);
    expect(get(s, "PeerAddress")).toBe("");
    expect(get(s, "ReadTimeout")).toBe(0);
    expect(get(s, "WriteTimeout")).toBe(0);
    expect(get(s, "ReconnectTimeout")).toBe(5);
    for (const k of ["EventHandler", "Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"])
      expect(get(s, k)).toBeUndefined();
  });
  test("settable members keep what was set", () => {
    const s = make(TcpSocket);
    const f = () => undefined;
    set(s, "Data", f);
    set(s, "ReadTimeout", 2.5);
    set(s, "ReconnectTimeout", 0);
    expect(get(s, "Data")).toBe(f);
    expect(get(s, "ReadTimeout")).toBe(2.5);
    expect(get(s, "ReconnectTimeout")).toBe(0);
    set(s, "Data", undefined);
    expect(get(s, "Data")).toBeUndefined();
  });
  test("TLS sockets add the certificate members", () => {
    const s = callMethod(TcpSocket, "NewTls");
    expect(get(s, "ValidateCertificate")).toBe(false);
    set(s, "CACertData", "pem");
    set(s, "ValidateCertificate", true);
    expect(get(s, "CACertData")).toBe("pem");
    expect(get(s, "ValidateCertificate")).toBe(true);
    expect(error(() => get(make(TcpSocket), "CACertData"))).toBe("TcpSocket has no member 'CACertData'");
  });
  test("Timer", () => {
    const t = make(Timer);
    expect(m(t, "IsRunning")).toBe(false);
    expect(get(t, "EventHandler")).toBeUndefined();
  });
});

describe("unknown members fail loudly", () => {
  test("reading", () => {
    expect(error(() => get(make(TcpSocket), "Peek"))).toBe("TcpSocket has no member 'Peek'");
    expect(error(() => m(make(TcpSocket), "Peek"))).toBe("TcpSocket has no member 'Peek'");
    expect(error(() => m(make(Timer), "Running"))).toBe("Timer has no member 'Running'");
    expect(error(() => get(make(TcpSocketServer), "Port"))).toBe("TcpSocketServer has no member 'Port'");
    expect(error(() => get(TcpSocket, "Open"))).toBe("TcpSocket has no member 'Open'");
    expect(error(() => get(Timer, "Sleep"))).toBe("Timer has no member 'Sleep'");
    expect(error(() => get(TcpSocketServer, "Listen"))).toBe("TcpSocketServer has no member 'Listen'");
    expect(error(() => get(get(TcpSocket, "EOL"), "Crlf"))).toBe("TcpSocket.EOL has no member 'Crlf'");
    expect(error(() => get(get(TcpSocket, "Events"), "Closing"))).toBe("TcpSocket.Events has no member 'Closing'");
    expect(error(() => index(make(TcpSocket), 1))).toBe("TcpSocket has no member '1'");
  });
  test("writing", () => {
    expect(error(() => set(make(TcpSocket), "OnData", () => 0))).toBe("TcpSocket has no member 'OnData'");
    expect(error(() => set(make(Timer), "Period", 1))).toBe("Timer has no member 'Period'");
    expect(error(() => set(make(TcpSocket), "IsConnected", true))).toBe("TcpSocket member 'IsConnected' is read-only");
    expect(error(() => set(make(TcpSocket), "Write", 1))).toBe("TcpSocket member 'Write' is read-only");
    expect(error(() => set(make(TcpSocket), "ReadTimeout", "soon"))).toBe(
      "bad value for TcpSocket.ReadTimeout (number expected, got string)",
    );
  });
});

// Argument errors are checked from Lua call sites (numbering, "no value") in qsys-script.test.ts.
