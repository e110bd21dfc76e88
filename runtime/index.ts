// The runtime's public entry: everything generated code imports comes from here.
export { LuaFloat, float, mkfloat, notFalse, truthy, type LuaValue, type LuaFunction } from "./lua/value.ts";
export { LuaTable, tableOf } from "./lua/table.ts";
export { LuaError, keepStacksForHandlers, registerChunk, type ChunkInfo } from "./lua/errors.ts";
export { LuaUserdata } from "./lua/meta.ts";
export { add, sub, mul, div, mod, pow, idiv, unm } from "./lua/arith.ts";
export { addInt, subInt, mulInt, modInt, idivInt, toFloat, floatMod, floatPow } from "./lua/arith.ts";
export { band, bor, bxor, shl, shr, bnot } from "./lua/bitwise.ts";
export { eq, ne, lt, le, gt, ge } from "./lua/compare.ts";
export { concat, len } from "./lua/concat.ts";
export { index, setindex } from "./lua/index-ops.ts";
export { call, callMethod, first, results, NONE } from "./lua/call.ts";
export { tailcall, tailcalls, tailMethod } from "./lua/tail.ts";
export { forIn, forLimit, forPrep } from "./lua/loops.ts";
export {
  G, _VERSION, assert, collectgarbage, error, getmetatable, ipairs, next, pairs, pcall, print, rawequal, rawget,
  rawlen, rawset, select, setmetatable, tonumber, tostring, type, xpcall,
} from "./lua/env.ts";
export { assertAt, errorAt } from "./lua/base.ts";
export { runMain } from "./run.ts";
export { load, setChunkCompiler } from "./lua/load.ts";
export { require, packageLib as package, registerModule, registerBuiltinModule } from "./lua/package.ts";
export { string, table, math, os, io, utf8, coroutine, debug } from "./lua/stdlib.ts";
export { withCo, callCo, callMethodCo, forInCo, twinOf } from "./lua/coroutine.ts";
export {
  PENDING, pendingCo, addCo, subCo, mulCo, divCo, modCo, powCo, idivCo, bandCo, borCo, bxorCo, shlCo, shrCo, concatCo,
  ltCo, gtCo, leCo, geCo, eqCo, neCo, unmCo, bnotCo, lenCo, indexCo, setindexCo,
} from "./lua/coroutine-ops.ts";
export { TcpSocket, TcpSocketServer, Timer, Notifications, System, Crypto, HttpClient } from "./qsys/index.ts";
export { Controls, Properties, Component, NamedControl, designService } from "./qsys/index.ts";
export { SerialPorts, UdpSocket, WebSocket } from "./qsys/index.ts";
