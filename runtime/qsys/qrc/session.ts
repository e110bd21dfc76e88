// One client's protocol state: whether it logged on, its change groups, and the answer to
// each request. Transport (sockets, frames, idle timer) lives in connection.ts; the methods
// live in methods-*.ts.
//
// Rules (qrc.md §0, §2, §3, §7):
// - A request without `id` is carried out but gets no reply, errors included (JSON-RPC
//   notifications; NoOp without id is the common case). An `id` that is present — even
//   null — asks for a reply (our choice).
// - An unknown method is -32601 whether or not the client logged on (our choice).
// - With users configured, every method except Logon, NoOp and StatusGet fails with
//   10 "Logon required" until a Logon succeeds (NoOp and StatusGet stay open: our choice;
//   they reveal nothing EngineStatus does not already push to every client).
// - A handler that throws something else than a QrcError is reported as -32603, and the
//   session carries on.
import type { ChangeGroups } from "./change-groups.ts";
import type { QrcDesign } from "./design.ts";
import type { Users } from "./auth.ts";
import { errorFrame, ErrorCode, isBadRequest, METHOD_NOT_FOUND_MESSAGE, parseRequest, QrcError, resultFrame } from "./jsonrpc.ts";
import { METHODS } from "./methods.ts";

/** Where a session's unsolicited frames (AutoPoll pushes) go. */
export interface Outbox {
  /** False while the client is not reading what was sent (a push then waits for the next tick). */
  ready(): boolean;
  send(frame: string): void;
}

export class Session {
  authenticated: boolean;

  constructor(
    readonly design: QrcDesign,
    readonly users: Users | undefined,
    readonly groups: ChangeGroups,
    readonly outbox: Outbox,
  ) {
    this.authenticated = users === undefined || users.size === 0;
  }

  /** The reply frame to one request frame's text, or undefined when none is due. */
  handle(text: string): string | undefined {
    const req = parseRequest(text);
    if (isBadRequest(req)) return errorFrame(req.error.code, req.error.message, req.id);
    try {
      const method = METHODS.get(req.method);
      if (method === undefined) throw new QrcError(ErrorCode.MethodNotFound, METHOD_NOT_FOUND_MESSAGE);
      if (!this.authenticated && !method.open) throw new QrcError(ErrorCode.LogonRequired, "Logon required");
      const result = method.run(this, req.params);
      return req.id === undefined ? undefined : resultFrame(result, req.id);
    } catch (e) {
      if (req.id === undefined) return undefined;
      const err =
        e instanceof QrcError
          ? e
          : new QrcError(ErrorCode.ServerError, `Server error. ${e instanceof Error ? e.message : String(e)}`);
      return errorFrame(err.code, err.message, req.id);
    }
  }

  /** The connection is gone: its change groups and their AutoPolls go with it. */
  close(): void {
    this.groups.destroyAll();
  }
}
