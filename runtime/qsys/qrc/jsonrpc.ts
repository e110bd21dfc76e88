// The JSON-RPC 2.0 envelope as a Core speaks it (qrc.md §0, §2): compact JSON, success as
// {"jsonrpc","result","id"}, errors as {"jsonrpc","id","error":{"code","message"}}, the
// request id echoed verbatim whatever its JSON type, notifications without an id.
//
// Results are JSON text built by the method handlers (they decide key order and number
// format), so nothing here re-serialises a result.

/** The error codes QSC publishes (qrc.md §2), those this server can produce. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  ServerError: -32603,
  ChangeGroupsExhausted: 5,
  UnknownChangeGroup: 6,
  UnknownComponent: 7,
  UnknownControl: 8,
  LogonRequired: 10,
} as const;

/** A failure a handler reports to the client as a JSON-RPC error. */
export class QrcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** -32602, the message prefixed as the other JSON-RPC messages are ("Method not found."). */
export function invalidParams(detail: string): QrcError {
  return new QrcError(ErrorCode.InvalidParams, `Invalid params. ${detail}`);
}

export const PARSE_ERROR_MESSAGE = "Parse error. Invalid JSON was received by the server."; // qrc.md §6
export const INVALID_REQUEST_MESSAGE = "Invalid Request. The JSON sent is not a valid Request object.";
export const METHOD_NOT_FOUND_MESSAGE = "Method not found."; // qrc.md §6

/** A request as parsed from one frame. `id` is the JSON text to echo, undefined when absent. */
export interface Request {
  method: string;
  params: unknown;
  id: string | undefined;
}

/** A frame that is JSON but no request: answer with this error (id "null" when unknown). */
export interface BadRequest {
  error: QrcError;
  id: string;
}

/**
 * Parse one frame's text. JSON.parse accepts the whitespace JSON allows around the value
 * (clients send "\n\r" before the NUL). `jsonrpc` may be absent (our choice: lenient) but
 * must be "2.0" when present; `method` must be a string.
 */
export function parseRequest(text: string): Request | BadRequest {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { error: new QrcError(ErrorCode.ParseError, PARSE_ERROR_MESSAGE), id: "null" };
  }
  if (typeof msg !== "object" || msg === null || Array.isArray(msg))
    return { error: new QrcError(ErrorCode.InvalidRequest, INVALID_REQUEST_MESSAGE), id: "null" };
  const o = msg as Record<string, unknown>;
  const id = "id" in o ? rawId(text, o.id) : undefined;
  if (typeof o.method !== "string" || ("jsonrpc" in o && o.jsonrpc !== "2.0"))
    return { error: new QrcError(ErrorCode.InvalidRequest, INVALID_REQUEST_MESSAGE), id: id ?? "null" };
  return { method: o.method, params: o.params, id };
}

export function isBadRequest(r: Request | BadRequest): r is BadRequest {
  return (r as BadRequest).error !== undefined;
}

export function resultFrame(result: string, id: string): string {
  return `{"jsonrpc":"2.0","result":${result},"id":${id}}`;
}

export function errorFrame(code: number, message: string, id: string): string {
  return `{"jsonrpc":"2.0","id":${id},"error":{"code":${code},"message":${JSON.stringify(message)}}}`;
}

export function notificationFrame(method: string, params: string): string {
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${params}}`;
}

/**
 * The id exactly as the client wrote it (numbers and strings byte for byte: `1.0` stays
 * `1.0`, an id beyond 2^53 keeps its digits, escapes stay as sent). Objects and arrays,
 * which no client uses, are re-written compactly.
 */
function rawId(text: string, parsed: unknown): string {
  if (typeof parsed === "object" && parsed !== null) return JSON.stringify(parsed);
  // Fast path, the usual encoding: compact, id last. A text ending in `,"id":<v>}` has
  // that member in the top-level object (the final brace closes it), and when <v> is how
  // JSON.stringify writes the parsed id, it is the text the client wrote.
  const plain = JSON.stringify(parsed);
  const end = text.length - 1 - plain.length;
  if (text.charCodeAt(text.length - 1) === 125 && text.startsWith(',"id":', end - 6) && text.endsWith(plain, text.length - 1))
    return plain;
  return topLevelValueText(text, "id") ?? plain;
}

// --- Finding the raw text of a top-level member (the text is valid JSON; JSON.parse said so)

const WS = new Set([32, 9, 10, 13]);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string literal starting at i (s[i] is the opening quote). */
function skipString(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return i;
}

/** Index just past the value starting at i. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (; i < s.length; i++) {
      const d = s.charCodeAt(i);
      if (d === 34) i = skipString(s, i) - 1;
      else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return i + 1;
      }
    }
    return i;
  }
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || WS.has(d)) break;
    i++;
  }
  return i;
}

/** The text of the last member named `key` of the top-level object (JSON.parse keeps the last too). */
function topLevelValueText(s: string, key: string): string | undefined {
  let found: string | undefined;
  let i = skipWs(s, 0) + 1; // past "{"
  for (;;) {
    i = skipWs(s, i);
    if (s.charCodeAt(i) !== 34) return found;
    const keyEnd = skipString(s, i);
    const raw = s.slice(i, keyEnd);
    const name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    i = skipWs(s, keyEnd) + 1; // past ":"
    i = skipWs(s, i);
    const end = skipValue(s, i);
    if (name === key) found = s.slice(i, end);
    i = skipWs(s, end);
    if (s.charCodeAt(i) !== 44) return found;
    i++;
  }
}
