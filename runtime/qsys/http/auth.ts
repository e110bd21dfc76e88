// HTTP authentication for HttpClient's User/Password/Auth fields, as libcurl does it:
// "basic" sends credentials at once; "digest" (RFC 7616: MD5, MD5-sess, SHA-256, qop=auth)
// answers the server's challenge; "any" (the default) asks without credentials first and then
// uses the strongest scheme the server offers.
import { createHash, randomBytes } from "node:crypto";

export type AuthMode = "any" | "basic" | "digest";

export interface Credentials {
  user: string;
  password: string;
  mode: AuthMode;
}

/** Byte strings (Lua) are sent as those bytes. */
const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");

export function basicHeader(c: Credentials): string {
  return "Basic " + Buffer.concat([latin1(c.user), latin1(":"), latin1(c.password)]).toString("base64");
}

/** The auth-params of one WWW-Authenticate challenge ("Digest realm=..., nonce=..."). */
function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  }
  return out;
}

/** The schemes a 401 response offers, by name (lower case) -> parameters. */
export function challenges(headers: string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const h of headers) {
    const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(h);
    if (m) out.set(m[1].toLowerCase(), parseParams(m[2]));
  }
  return out;
}

let nonceCount = 0;

export function digestHeader(c: Credentials, p: Record<string, string>, method: string, uri: string): string | undefined {
  const algorithm = (p.algorithm ?? "MD5").toUpperCase();
  const hashName = algorithm.startsWith("SHA-256") ? "sha256" : algorithm.startsWith("MD5") ? "md5" : undefined;
  if (!hashName || p.nonce === undefined) return undefined;
  const H = (s: Buffer | string) => createHash(hashName).update(typeof s === "string" ? latin1(s) : s).digest("hex");
  const realm = p.realm ?? "";
  const cnonce = randomBytes(8).toString("hex");
  const nc = (++nonceCount).toString(16).padStart(8, "0");
  let ha1 = H(`${c.user}:${realm}:${c.password}`);
  if (algorithm.endsWith("-SESS")) ha1 = H(`${ha1}:${p.nonce}:${cnonce}`);
  const ha2 = H(`${method}:${uri}`);
  const qop = p.qop?.split(",").map((q) => q.trim()).includes("auth") ? "auth" : undefined;
  const response = qop ? H(`${ha1}:${p.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : H(`${ha1}:${p.nonce}:${ha2}`);
  const q = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;
  const parts = [`username=${q(c.user)}`, `realm=${q(realm)}`, `nonce=${q(p.nonce)}`, `uri=${q(uri)}`];
  if (p.algorithm) parts.push(`algorithm=${p.algorithm}`);
  parts.push(`response=${q(response)}`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${q(cnonce)}`);
  if (p.opaque !== undefined) parts.push(`opaque=${q(p.opaque)}`);
  return "Digest " + parts.join(", ");
}
