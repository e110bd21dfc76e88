// System (qsys-api.md §5): plain fields describing the Q-SYS environment. A migrated service
// runs as on a Core, not in Designer's emulator, so IsEmulating is false. The values can be
// set at start for scripts that check a version or a licence:
//   QSYS2TS_EMULATING=1            System.IsEmulating = true
//   QSYS2TS_QSYS_VERSION=9.13.0    System.Version, and Major/Minor/BuildVersion from it
//   QSYS2TS_LOCKING_ID=*1AB2...    System.LockingId (default: derived from the host name)
// As on a Core (community stubs, and scripts that tonumber() them) the version parts are strings.
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { libraryTable } from "./object.ts";

const DEFAULT_VERSION = "9.13.0";

/** "*" and 15 characters of a hash of the host name: stable for one machine, like a Core's id. */
function defaultLockingId(): string {
  const digest = createHash("sha256").update(hostname()).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let id = "*";
  for (let i = 0; i < 15; i++) id += alphabet[digest[i] % alphabet.length];
  return id;
}

const version = process.env.QSYS2TS_QSYS_VERSION || DEFAULT_VERSION;
const [major = "0", minor = "0", build = "0"] = version.split(".");

/** The Lua global `System`. */
export const System = libraryTable("System", {
  IsEmulating: process.env.QSYS2TS_EMULATING === "1",
  Version: version,
  MajorVersion: major,
  MinorVersion: minor,
  BuildVersion: build,
  LockingId: process.env.QSYS2TS_LOCKING_ID || defaultLockingId(),
});
