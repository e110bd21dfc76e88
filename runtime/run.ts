// Running a compiled chunk as lua.c runs a script: an uncaught error prints
// `lua: msg` and a traceback to stderr and exits with status 1.
import { LuaError, toLuaError } from "./lua/errors.ts";
import { tostring } from "./lua/concat.ts";
import { metamethod } from "./lua/meta.ts";
import { flushStdout, writeStderr } from "./lua/output.ts";
import type { LuaValue } from "./lua/value.ts";

export function errorText(err: LuaError): string {
  const v: LuaValue = err.value;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return tostring(v);
  if (metamethod(v, "__tostring") !== undefined) return tostring(v);
  return `(error object is a ${v === undefined ? "nil" : typeof v === "boolean" ? "boolean" : tostring(v).split(":")[0]} value)`;
}

export function runMain(main: (...args: LuaValue[]) => LuaValue, args: LuaValue[] = []): void {
  try {
    main(...args);
  } catch (e) {
    const err = toLuaError(e);
    writeStderr(`lua: ${errorText(err)}\n${err.luaTraceback ?? "stack traceback:\n\t[C]: in ?"}\n`);
    flushStdout();
    process.exitCode = 1;
    process.exit(1);
  }
}
