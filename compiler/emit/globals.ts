// What the compiler knows of the runtime's global environment: the globals it provides (each
// exported from the runtime entry under its Lua name), the library members generated code may
// call directly, and which of those always return exactly one value (so no first() is needed).

export const BASE_FUNCTIONS = [
  "assert", "collectgarbage", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print",
  "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall",
];

export const LIBRARIES: Record<string, string[]> = {
  string: ["byte", "char", "dump", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep", "reverse", "sub", "upper", "pack", "packsize", "unpack"],
  table: ["concat", "insert", "move", "pack", "remove", "sort", "unpack"],
  math: ["abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg", "exp", "floor", "fmod", "frexp", "huge", "ldexp", "log", "log10", "max", "maxinteger", "min", "mininteger", "modf", "pi", "pow", "rad", "random", "randomseed", "sin", "sinh", "sqrt", "tan", "tanh", "tointeger", "type", "ult"],
  os: ["clock", "date", "difftime", "exit", "getenv", "remove", "rename", "setlocale", "time", "tmpname"],
  io: ["close", "flush", "input", "lines", "open", "output", "read", "write", "type", "stdout", "stderr", "stdin"],
  utf8: ["char", "charpattern", "codepoint", "codes", "len", "offset"],
  coroutine: ["create", "isyieldable", "resume", "running", "status", "wrap", "yield"],
  debug: ["debug", "gethook", "getinfo", "getlocal", "getmetatable", "getregistry", "getupvalue", "getuservalue", "sethook", "setlocal", "setmetatable", "setupvalue", "setuservalue", "traceback", "upvalueid", "upvaluejoin"],
};

/** Q-SYS globals the runtime implements (runtime/qsys). */
export const QSYS_GLOBALS = ["TcpSocket", "TcpSocketServer", "Timer", "Controls", "Component", "NamedControl", "Properties", "Notifications", "System", "Crypto", "HttpClient", "UdpSocket", "SerialPorts", "WebSocket"];

/** Globals a plugin defines for Designer (qsys-api.md §0): the runtime reads them after its first run. */
export const PLUGIN_GLOBALS = [
  "PluginInfo", "GetProperties", "RectifyProperties", "GetControls", "GetControlLayout", "GetPages", "GetPins",
  "GetComponents", "GetWiring", "GetColor", "GetPrettyName",
];

/** Libraries the runtime provides so far (the others read as nil globals). */
const PROVIDED_LIBRARIES = Object.keys(LIBRARIES);

/** Modules `require` returns without a Lua file (runtime/lua/package.ts preload, and the standard libraries). */
export const BUILTIN_MODULES = new Set<string>(["rapidjson", "json", "_G", "package", ...PROVIDED_LIBRARIES]);

export const RUNTIME_GLOBALS = new Set<string>([...BASE_FUNCTIONS, "_VERSION", "require", "package", ...PROVIDED_LIBRARIES, ...QSYS_GLOBALS]);

/** Functions that always return exactly one value. */
export const SINGLE_RESULT = new Set<string>([
  "tostring", "type", "rawequal", "rawlen", "rawget", "setmetatable", "getmetatable", "tonumber",
  "string.format", "string.rep", "string.sub", "string.upper", "string.lower", "string.len", "string.reverse", "string.char", "string.pack", "string.packsize", "string.gmatch",
  "table.concat", "table.pack",
  "math.abs", "math.ceil", "math.floor", "math.sqrt", "math.max", "math.min", "math.fmod", "math.tointeger", "math.type", "math.random", "math.exp", "math.log", "math.sin", "math.cos", "math.tan", "math.asin", "math.acos", "math.atan", "math.ult", "math.deg", "math.rad",
  "os.time", "os.clock", "os.date", "os.getenv", "os.difftime", "os.tmpname",
  "utf8.char", "coroutine.create", "coroutine.wrap", "coroutine.status", "coroutine.isyieldable",
]);

/** Base functions that return nothing (their results are never wanted). */
export const NO_RESULT = new Set<string>(["print"]);
