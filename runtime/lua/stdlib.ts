// The standard library tables, assembled from one module per library (or per concern of the
// string library). Each is a LuaTable whose functions are also JS properties (see libTable).
import { libTable, setStringLibrary } from "./env.ts";
import { find, gmatch, gsub, match } from "./string/search.ts";
import { format } from "./string/format.ts";
import { pack, packsize, unpack } from "./string/pack.ts";
import { tableLib } from "./tablelib.ts";
import { mathLib } from "./math.ts";
import { coroutineLib } from "./coroutine.ts";

export const string = libTable("string", { find, gmatch, gsub, match, format, pack, packsize, unpack });
setStringLibrary(string);
export const table = libTable("table", tableLib);
export const math = libTable("math", mathLib);
export const coroutine = libTable("coroutine", coroutineLib);
