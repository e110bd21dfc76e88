// What Lua sees of TcpSocket: the library table (New, NewTls, Events, EOL) and the members
// of a socket (qsys-api.md §2). The state machine behind them is tcp-socket.ts.
import { argError, checkInt, checkString } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { runtimeError } from "../lua/errors.ts";
import { truthy, type LuaValue } from "../lua/value.ts";
import { EOL } from "./buffer.ts";
import { readLineFrom, searchIn } from "./buffer-methods.ts";
import { checkGiven, classMetatable, libraryTable, secondsValue, type Getter, type Setter } from "./object.ts";
import { mapConnectTarget } from "./port-map.ts";
import { EVENT_NAMES, TcpSocketObject } from "./tcp-socket.ts";

type S = TcpSocketObject;

function Connect(self: S, host: LuaValue, port: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Connect", "string");
  checkGiven(arguments.length, 3, "Connect", "number");
  const h = checkString(host, 2, "Connect");
  const p = checkInt(port, 3, "Connect");
  if (p < 0 || p > 65535) throw argError(3, "Connect", "port out of range");
  if (self.isServerSide) throw runtimeError("Connect is not available on a socket accepted by a TcpSocketServer");
  const [mh, mp] = mapConnectTarget(h, p);
  self.connect(mh, mp);
  return NONE;
}

function Disconnect(self: S): LuaValue {
  self.disconnect();
  return NONE;
}

function Write(self: S, data: LuaValue): LuaValue {
  if (typeof data !== "string") checkGiven(arguments.length, 2, "Write", "string");
  const s = typeof data === "string" ? data : checkString(data, 2, "Write");
  if (!self.isConnected) throw runtimeError("TcpSocket is not connected");
  self.write(s);
  return NONE;
}

function Read(self: S, n: LuaValue): LuaValue {
  checkGiven(arguments.length, 2, "Read", "number");
  const s = self.buf.read(checkInt(n, 2, "Read"));
  if (self.paused) self.drained();
  return s;
}

function ReadLine(self: S, eol: LuaValue, custom: LuaValue): LuaValue {
  const line = readLineFrom(self.buf, arguments.length, eol, custom);
  if (self.paused) self.drained();
  return line;
}

function Search(self: S, str: LuaValue, start: LuaValue): LuaValue {
  return searchIn(self.buf, arguments.length, str, start);
}

const methods = { Connect, Disconnect, Write, Read, ReadLine, Search };

const isSocket = (o: unknown): o is S => o instanceof TcpSocketObject;

const props: Record<string, Getter<S>> = {
  IsConnected: (o) => o.isConnected,
  BufferLength: (o) => o.buf.length,
  PeerAddress: (o) => o.peerAddress,
  ReadTimeout: (o) => o.readTimeout,
  WriteTimeout: (o) => o.writeTimeout,
  ReconnectTimeout: (o) => o.reconnectTimeout,
  EventHandler: (o) => o.eventHandler,
  Connected: (o) => o.onConnected,
  Reconnect: (o) => o.onReconnect,
  Data: (o) => o.onData,
  Closed: (o) => o.onClosed,
  Error: (o) => o.onError,
  Timeout: (o) => o.onTimeout,
};

const setters: Record<string, Setter<S>> = {
  ReadTimeout: (o, v) => {
    const was = o.readTimeout;
    o.readTimeout = secondsValue("TcpSocket", "ReadTimeout", v);
    // The idle period counts from now when the timeout is switched on.
    if (was === 0) o.lastData = Date.now();
    o.armReadTimer();
  },
  WriteTimeout: (o, v) => {
    o.writeTimeout = secondsValue("TcpSocket", "WriteTimeout", v);
  },
  ReconnectTimeout: (o, v) => {
    o.reconnectTimeout = secondsValue("TcpSocket", "ReconnectTimeout", v);
  },
  EventHandler: (o, f) => {
    o.eventHandler = f;
  },
  Connected: (o, f) => {
    o.onConnected = f;
  },
  Reconnect: (o, f) => {
    o.onReconnect = f;
  },
  Data: (o, f) => {
    o.onData = f;
  },
  Closed: (o, f) => {
    o.onClosed = f;
  },
  Error: (o, f) => {
    o.onError = f;
  },
  Timeout: (o, f) => {
    o.onTimeout = f;
  },
};

/** Metatable of plain sockets (client and accepted). */
export const socketMetatable = classMetatable<S>("TcpSocket", isSocket, methods, props, setters);

/** Metatable of TLS sockets: the plain members plus the certificate settings. */
export const tlsSocketMetatable = classMetatable<S>(
  "TcpSocket",
  isSocket,
  methods,
  {
    ...props,
    ClientCertData: (o) => o.tlsSettings!.clientCert,
    ClientKeyData: (o) => o.tlsSettings!.clientKey,
    CACertData: (o) => o.tlsSettings!.caCert,
    ValidateCertificate: (o) => o.tlsSettings!.validate,
  },
  {
    ...setters,
    ClientCertData: pemSetter("clientCert"),
    ClientKeyData: pemSetter("clientKey"),
    CACertData: pemSetter("caCert"),
    ValidateCertificate: (o, v) => {
      o.tlsSettings!.validate = truthy(v);
    },
  },
);

function pemSetter(field: "clientCert" | "clientKey" | "caCert"): Setter<S> {
  const member = { clientCert: "ClientCertData", clientKey: "ClientKeyData", caCert: "CACertData" }[field];
  return (o, v) => {
    if (v !== undefined && typeof v !== "string")
      throw runtimeError(`bad value for TcpSocket.${member} (string expected)`);
    o.tlsSettings![field] = v;
  };
}

/** A socket accepted by a TcpSocketServer (already connected). */
export function newAcceptedSocket(): TcpSocketObject {
  return new TcpSocketObject(socketMetatable, true, undefined);
}

// `TcpSocket.New()` and `TcpSocket:New()` both work: the arguments are ignored.
function New(): LuaValue {
  return new TcpSocketObject(socketMetatable, false, undefined);
}

function NewTls(): LuaValue {
  return new TcpSocketObject(tlsSocketMetatable, false, {
    clientCert: undefined,
    clientKey: undefined,
    caCert: undefined,
    validate: false,
  });
}

const Events = libraryTable(
  "TcpSocket.Events",
  Object.fromEntries(["Connected", "Reconnect", "Data", "Closed", "Error", "Timeout"].map((k, i) => [k, EVENT_NAMES[i]])),
);

/** The Lua global `TcpSocket`. */
export const TcpSocket = libraryTable("TcpSocket", {
  New,
  NewTls,
  Events,
  EOL: libraryTable("TcpSocket.EOL", { ...EOL }),
});
