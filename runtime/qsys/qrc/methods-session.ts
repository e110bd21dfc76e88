// Logon, NoOp and StatusGet (qrc.md §3). Their params are never required: clients send
// none, 0, null, {} or a string for the argument-less ones (qrc.md §1).
import type { Method } from "./methods.ts";
import { ErrorCode, QrcError } from "./jsonrpc.ts";
import { statusText } from "./shapes.ts";

export const sessionMethods: Record<string, Method> = {
  /**
   * Authentication off: true, whatever the params. On: true for a known user with the
   * right password; otherwise 10 "Logon failed" and the session is logged off (a Core's
   * reply to a wrong password is unknown, qrc.md §9.1; code 10 makes clients that react to
   * it send Logon again, as they do for "Logon required").
   */
  Logon: {
    open: true,
    run(s, params) {
      if (s.users === undefined || s.users.size === 0) return "true";
      const p = typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {};
      const ok = typeof p.User === "string" && typeof p.Password === "string" && s.users.check(p.User, p.Password);
      s.authenticated = ok;
      if (!ok) throw new QrcError(ErrorCode.LogonRequired, "Logon failed: unknown user or wrong password");
      return "true";
    },
  },
  /** Keep-alive: the idle timer was already reset by the frame; true when an id asks for a reply. */
  NoOp: { open: true, run: () => "true" },
  StatusGet: { open: true, run: (s) => statusText(s.design) },
};
