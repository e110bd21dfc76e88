// The standard library tables, assembled from one module per library (or per concern of the
// string library). Each is a LuaTable whose functions are also JS properties (see libTable).
import { libTable, setStringLibrary } from "./env.ts";
import { byte, char, dump, len, lower, rep, reverse, sub, upper } from "./string/basic.ts";
import { find, gmatch, gsub, match } from "./string/search.ts";
import { format } from "./string/format.ts";
import { pack, packsize, unpack } from "./string/pack.ts";
import { tableLib } from "./tablelib.ts";
import { mathLib } from "./math.ts";
import { osLib } from "./os.ts";
import { ioLib } from "./io.ts";
import { utf8Lib } from "./utf8.ts";
import { coroutineLib } from "./coroutine.ts";
import { debugLib } from "./debug.ts";

export const string = libTable("string", { byte, char, dump, find, format, gmatch, gsub, len, lower, match, pack, packsize, rep, reverse, sub, unpack, upper });
setStringLibrary(string);
export const table = libTable("table", tableLib);
export const math = libTable("math", mathLib);
export const os = libTable("os", osLib);
export const io = libTable("io", ioLib);
export const utf8 = libTable("utf8", utf8Lib);
export const coroutine = libTable("coroutine", coroutineLib);
export const debug = libTable("debug", debugLib);
