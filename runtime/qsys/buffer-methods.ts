// The argument checks of ReadLine and Search, shared by every object with a receive buffer
// (TcpSocket, SerialPorts[n]): the same modes, defaults and error messages (decisions 4, 5).
import { argError, checkInt, checkString, optInt } from "../lua/args.ts";
import type { LuaValue } from "../lua/value.ts";
import { EOL, type RecvBuffer } from "./buffer.ts";
import { checkGiven } from "./object.ts";

/** `obj:ReadLine(eol [, custom])`; `given` is the method's arguments.length (self counted). */
export function readLineFrom(buf: RecvBuffer, given: number, eol: LuaValue, custom: LuaValue): string | undefined {
  if (typeof eol !== "number") checkGiven(given, 2, "ReadLine", "number");
  const mode = typeof eol === "number" ? eol : checkInt(eol, 2, "ReadLine");
  let term = "";
  if (mode === EOL.Custom) {
    if (custom === undefined) throw argError(3, "ReadLine", "custom EOL string expected, got no value");
    term = checkString(custom, 3, "ReadLine");
    if (term === "") throw argError(3, "ReadLine", "custom EOL string must not be empty");
  } else if (!(mode >= EOL.Any && mode <= EOL.Null && Number.isInteger(mode))) {
    throw argError(2, "ReadLine", "invalid EOL mode");
  }
  return buf.readLine(mode, term);
}

/** `obj:Search(str [, start])`. */
export function searchIn(buf: RecvBuffer, given: number, str: LuaValue, start: LuaValue): number | undefined {
  checkGiven(given, 2, "Search", "string");
  return buf.search(checkString(str, 2, "Search"), optInt(start, 3, "Search", 1));
}
