// Who may log on (qrc.md §3 Logon). On a Core, users come from Q-SYS Administrator; here
// from a list of user:password pairs (QSYS2TS_QRC_USERS or the server's `users` option).
// No users configured means authentication is off: every request is allowed and Logon
// answers true whatever it carries, as the emulator does (qrc.md §7).
import { createHash, timingSafeEqual } from "node:crypto";

export class Users {
  private readonly digests = new Map<string, Buffer>();

  constructor(users: Record<string, string>) {
    for (const [user, password] of Object.entries(users)) this.digests.set(user, digest(password));
  }

  get size(): number {
    return this.digests.size;
  }

  /** True when `user` exists and `password` is its password (compared in constant time). */
  check(user: string, password: string): boolean {
    const want = this.digests.get(user);
    return want !== undefined && timingSafeEqual(want, digest(password));
  }
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

/**
 * "user:password,user2:password2" (the password is everything after the first colon, so
 * it may hold colons; neither part may hold a comma). Throws on an entry without a colon
 * or with an empty user name.
 */
export function parseUsers(text: string): Record<string, string> {
  const users: Record<string, string> = {};
  const entries = text.split(",");
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.trim() === "") continue;
    const colon = entry.indexOf(":");
    const user = colon < 0 ? "" : entry.slice(0, colon).trim();
    // The entry is named by its position, not its text: it may hold a password.
    if (user === "") throw new Error(`invalid QSYS2TS_QRC_USERS entry ${i + 1} (want user:password)`);
    users[user] = entry.slice(colon + 1);
  }
  return users;
}
