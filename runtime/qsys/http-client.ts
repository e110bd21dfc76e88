// HttpClient (qsys-api.md §5, the Q-SYS help): asynchronous HTTP(S) requests over node:http and
// node:https. The Core's HttpClient is libcurl underneath, so where the help is silent this
// follows curl: failures give curl's error texts, redirects are not followed, HTTPS verifies the
// server's certificate, a request with Data and no Content-Type is sent as
// application/x-www-form-urlencoded, and Timeout bounds the whole transfer.
//
// Each request ends in exactly one EventHandler(tbl, code, data, err, headers) turn: `tbl` is
// the request table itself, `code` the HTTP status (0 when no response came), `data` the body
// bytes ("" on failure), `err` nil or an error text, `headers` name -> value (a table of values
// for a repeated header). Hosts and ports pass through QSYS2TS_CONNECT_MAP as TcpSocket's do;
// QSYS2TS_HTTPS_INSECURE=1 turns certificate checks off.
import http from "node:http";
import https from "node:https";
import { argError, checkString, checkTable } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { tostring } from "../lua/concat.ts";
import { index } from "../lua/index-ops.ts";
import { LuaTable } from "../lua/table.ts";
import { isNumber, toJsNumber, type LuaValue } from "../lua/value.ts";
import { runHandler } from "./events.ts";
import { basicHeader, challenges, digestHeader, type AuthMode, type Credentials } from "./http/auth.ts";
import { CreateUrl, DecodeString, EncodeParams, EncodeString } from "./http/url.ts";
import { libraryTable } from "./object.ts";
import { mapConnectTarget } from "./port-map.ts";
import { installSignalHandlers } from "./service.ts";

/** curl_easy_strerror texts for the failures a request can meet. */
const CURL_ERRORS = {
  badUrl: "URL using bad/illegal format or missing URL",
  protocol: "Unsupported protocol",
  resolve: "Couldn't resolve host name",
  connect: "Couldn't connect to server",
  timeout: "Timeout was reached",
  peerCert: "SSL peer certificate or SSH remote key was not OK",
  ssl: "SSL connect error",
  nothing: "Server returned nothing (no headers, no data)",
  recv: "Failure when receiving data from the peer",
} as const;

interface RequestSpec {
  tbl: LuaTable;
  url: URL;
  method: string;
  headers: Record<string, string | string[]>;
  data: Buffer | undefined;
  credentials: Credentials | undefined;
  timeoutMs: number | undefined;
  handler: LuaValue;
}

interface Outcome {
  code: number;
  data: string;
  err: string | undefined;
  rawHeaders: string[];
}

function field(tbl: LuaTable, name: string): LuaValue {
  return index(tbl, name);
}

function optString(tbl: LuaTable, name: string, fname: string): string | undefined {
  const v = field(tbl, name);
  if (v === undefined) return undefined;
  if (typeof v === "string" || isNumber(v)) return tostring(v);
  throw argError(1, fname, `field '${name}' must be a string (got ${typeof v === "object" ? "table" : typeof v})`);
}

/** The request headers: name -> string, or name -> table of strings (repeated header). */
function requestHeaders(tbl: LuaTable, fname: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const h = field(tbl, "Headers");
  if (h === undefined) return out;
  if (!(h instanceof LuaTable)) throw argError(1, fname, "field 'Headers' must be a table");
  for (let e = h.next(undefined); e !== undefined; e = h.next(e[0])) {
    const [k, v] = e;
    const name = tostring(k);
    if (v instanceof LuaTable) {
      const values: string[] = [];
      for (let i = 1; i <= v.length(); i++) values.push(tostring(v.get(i)));
      out[name] = values;
    } else out[name] = tostring(v);
  }
  return out;
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** Read the request table; a missing Url or a bad field is a Lua error at the call. */
function readSpec(t: LuaValue, method: string, fname: string, withData: boolean): RequestSpec | Outcome & { tbl: LuaTable; handler: LuaValue } {
  const tbl = checkTable(t, 1, fname);
  const handler = field(tbl, "EventHandler");
  const urlText = optString(tbl, "Url", fname);
  if (urlText === undefined) throw argError(1, fname, "field 'Url' is required");
  const headers = requestHeaders(tbl, fname);
  const dataText = withData ? optString(tbl, "Data", fname) : undefined;
  const user = optString(tbl, "User", fname);
  const password = optString(tbl, "Password", fname) ?? "";
  const mode = (optString(tbl, "Auth", fname) ?? "any").toLowerCase();
  if (mode !== "any" && mode !== "basic" && mode !== "digest") throw argError(1, fname, `field 'Auth' must be "any", "basic" or "digest"`);
  const timeout = field(tbl, "Timeout");
  if (timeout !== undefined && !isNumber(timeout)) throw argError(1, fname, "field 'Timeout' must be a number");
  const failed = (err: string) => ({ tbl, handler, code: 0, data: "", err, rawHeaders: [] });
  let url: URL;
  try {
    url = new URL(Buffer.from(urlText, "latin1").toString("utf8"));
  } catch {
    return failed(CURL_ERRORS.badUrl);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return failed(CURL_ERRORS.protocol);
  const data = dataText === undefined ? undefined : Buffer.from(dataText, "latin1");
  if (data !== undefined) {
    if (!hasHeader(headers, "content-type")) headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (!hasHeader(headers, "content-length")) headers["Content-Length"] = String(data.length);
  }
  const seconds = timeout === undefined ? 0 : toJsNumber(timeout);
  return {
    tbl,
    url,
    method,
    headers,
    data,
    credentials: user === undefined ? undefined : { user, password, mode: mode as AuthMode },
    timeoutMs: seconds > 0 ? seconds * 1000 : undefined,
    handler,
  };
}

function failureText(e: NodeJS.ErrnoException): string {
  const code = e.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") return CURL_ERRORS.resolve;
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL") return CURL_ERRORS.connect;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return CURL_ERRORS.peerCert;
  if (/SSL|TLS|EPROTO/.test(code)) return CURL_ERRORS.ssl;
  if (code === "ECONNRESET" || code === "EPIPE") return CURL_ERRORS.nothing;
  return e.message;
}

/** One HTTP exchange; resolves with the outcome (never rejects). */
function exchange(spec: RequestSpec, authorization: string | undefined, signal: AbortSignal): Promise<Outcome> {
  const u = spec.url;
  const secure = u.protocol === "https:";
  const [host, port] = mapConnectTarget(u.hostname.replace(/^\[|\]$/g, ""), u.port ? Number(u.port) : secure ? 443 : 80);
  const headers: Record<string, string | string[]> = { ...spec.headers };
  if (!hasHeader(headers, "host")) headers.Host = u.host;
  if (authorization !== undefined) headers.Authorization = authorization;
  const options: https.RequestOptions = {
    host,
    port,
    method: spec.method,
    path: u.pathname + u.search,
    headers,
    signal,
    rejectUnauthorized: process.env.QSYS2TS_HTTPS_INSECURE !== "1",
    servername: secure && !/^[\d.]+$|:/.test(u.hostname) ? u.hostname : undefined,
  };
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (!done) {
        done = true;
        resolve(o);
      }
    };
    const fail = (err: string) => finish({ code: 0, data: "", err, rawHeaders: [] });
    const req = (secure ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ code: res.statusCode ?? 0, data: Buffer.concat(chunks).toString("latin1"), err: undefined, rawHeaders: res.rawHeaders }));
      res.on("error", () => fail(CURL_ERRORS.recv));
      res.on("aborted", () => fail(CURL_ERRORS.recv));
    });
    req.setNoDelay(true);
    req.on("error", (e: NodeJS.ErrnoException) => fail(e.name === "AbortError" ? CURL_ERRORS.timeout : failureText(e)));
    req.end(spec.data);
  });
}

/** The Lua headers table of a response: raw names, repeated ones as arrays of values. */
function headersTable(raw: string[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    const prev = t.get(name);
    if (prev === undefined) t.set(name, value);
    else if (prev instanceof LuaTable) prev.set(prev.length() + 1, value);
    else {
      const list = new LuaTable();
      list.set(1, prev);
      list.set(2, value);
      t.set(name, list);
    }
  }
  return t;
}

/** The request, with curl's authentication rounds, then the handler's turn. */
async function perform(spec: RequestSpec): Promise<void> {
  const abort = new AbortController();
  const timer = spec.timeoutMs === undefined ? undefined : setTimeout(() => abort.abort(), spec.timeoutMs);
  const c = spec.credentials;
  let outcome = await exchange(spec, c?.mode === "basic" ? basicHeader(c) : undefined, abort.signal);
  if (c && c.mode !== "basic" && outcome.code === 401) {
    const offered = challenges(wwwAuthenticate(outcome.rawHeaders));
    const digest = offered.get("digest");
    const uri = spec.url.pathname + spec.url.search;
    const answer = digest ? digestHeader(c, digest, spec.method, uri) : c.mode === "any" && offered.has("basic") ? basicHeader(c) : undefined;
    if (answer !== undefined) outcome = await exchange(spec, answer, abort.signal);
  }
  if (timer) clearTimeout(timer);
  deliver(spec.tbl, spec.handler, outcome);
}

function wwwAuthenticate(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === "www-authenticate") out.push(raw[i + 1]);
  return out;
}

function deliver(tbl: LuaTable, handler: LuaValue, o: Outcome): void {
  if (handler === undefined) return;
  runHandler(handler, tbl, o.code, o.data, o.err, headersTable(o.rawHeaders));
}

function request(method: string, fname: string, withData: boolean) {
  return (t: LuaValue): LuaValue => {
    start(readSpec(t, method, fname, withData));
    return NONE;
  };
}

function start(spec: ReturnType<typeof readSpec>): void {
  installSignalHandlers();
  if ("code" in spec) {
    // Failed before sending (bad URL): reported from the loop, as any response is.
    setImmediate(() => deliver(spec.tbl, spec.handler, spec));
    return;
  }
  void perform(spec);
}

/** Upload{Method = "POST" | "PUT" | "PATCH"} (default POST). */
function Upload(t: LuaValue): LuaValue {
  const tbl = checkTable(t, 1, "Upload");
  const m = field(tbl, "Method");
  const method = m === undefined ? "POST" : checkString(m, 1, "Upload").toUpperCase();
  if (method !== "POST" && method !== "PUT" && method !== "PATCH") throw argError(1, "Upload", `field 'Method' must be "POST", "PUT" or "PATCH"`);
  start(readSpec(tbl, method, "Upload", true));
  return NONE;
}

/** The Lua global `HttpClient`. */
export const HttpClient = libraryTable("HttpClient", {
  Download: request("GET", "Download", false),
  Get: request("GET", "Get", false),
  Upload,
  Post: request("POST", "Post", true),
  Put: request("PUT", "Put", true),
  Patch: request("PATCH", "Patch", true),
  Delete: request("DELETE", "Delete", false),
  CreateUrl,
  EncodeParams,
  EncodeString,
  DecodeString,
});
