// The error texts a TcpSocket hands to Error handlers (qsys-api.md §2.3, decision 9).
//
// A Core reports a failed connect with "" and name resolution failures with the BSD
// getaddrinfo texts; once connected, errors read as the system's strerror text in lower
// case ("connection reset by peer"). TLS failures keep Node's message
// ("self-signed certificate"), which says what went wrong.

interface NodeError {
  code?: string;
  syscall?: string;
  message?: string;
}

const STRERROR: Record<string, string> = {
  ECONNRESET: "connection reset by peer",
  EPIPE: "broken pipe",
  ETIMEDOUT: "connection timed out",
  ECONNREFUSED: "connection refused",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network is unreachable",
  ECONNABORTED: "software caused connection abort",
};

/** Error text for a failure before the connection was established. */
export function connectErrorText(e: unknown): string {
  const err = e as NodeError;
  if (err.syscall === "getaddrinfo") {
    if (err.code === "EAI_FAIL") return "non-recoverable failure in name resolution";
    if (err.code === "EAI_AGAIN") return "temporary failure in name resolution";
    return "nodename nor servname provided, or not known";
  }
  if (err.syscall === "connect") return "";
  return errorText(e);
}

/** Error text for a failure of an established connection. */
export function errorText(e: unknown): string {
  const err = e as NodeError;
  const known = err.code !== undefined ? STRERROR[err.code] : undefined;
  if (known !== undefined) return known;
  return err.message ?? String(e);
}

/** "::ffff:127.0.0.1" -> "127.0.0.1": a Core shows IPv4 clients in dotted form. */
export function ipv4Text(address: string | undefined): string {
  if (address === undefined) return "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}
