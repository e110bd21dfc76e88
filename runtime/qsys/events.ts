// The event model of a Core (qsys-api.md §7 items 13–14): Lua handlers run one at a time
// from Node's event loop; an error escaping a handler is printed and the service goes on.
//
// A "turn" is one event delivered to Lua (possibly to two handlers: a per-event callback and
// EventHandler). Socket writes made during a turn are collected and leave in one write when
// the turn ends (DESIGN.md "Network speed": one syscall instead of one per Write, same
// bytes in the same order). Events are never delivered inside a turn: Node raises socket
// and timer events asynchronously, and anything that would arrive during a turn is
// deferred to the loop (see deliver()).
import { call } from "../lua/call.ts";
import { tostring } from "../lua/concat.ts";
import { toLuaError } from "../lua/errors.ts";
import { metamethod } from "../lua/meta.ts";
import { writeStderr } from "../lua/output.ts";
import { isNumber, type, type LuaValue } from "../lua/value.ts";

/** Something holding writes until the end of the turn (a TcpSocket). */
export interface Corked {
  flushOut(): void;
}

let depth = 0;
const dirty: Corked[] = [];
let stopped = false;

/** After shutdown began no handler runs any more (a stopping Core runs no script code). */
export function stopEvents(): void {
  stopped = true;
}

export function eventsStopped(): boolean {
  return stopped;
}

/** True while a Lua handler runs (writes are then collected, events deferred). */
export function inTurn(): boolean {
  return depth > 0;
}

/** Register an object whose collected writes go out when the current turn ends. */
export function markDirty(o: Corked): void {
  dirty.push(o);
}

export function beginTurn(): void {
  depth++;
}

export function endTurn(): void {
  if (--depth === 0 && dirty.length > 0) {
    // One socket written (the usual turn): pop() is much cheaper than `length = 0`.
    if (dirty.length === 1) dirty.pop()!.flushOut();
    else {
      for (let i = 0; i < dirty.length; i++) dirty[i].flushOut();
      dirty.length = 0;
    }
  }
}

/** Run `deliverNow` now, or from the loop when called inside a turn (never re-entrantly). */
export function deliver(deliverNow: () => void): void {
  if (depth === 0) deliverNow();
  else setImmediate(() => deliver(deliverNow));
}

/**
 * Call a Lua handler with exactly `n` (1..3) arguments, inside the current turn. Anything
 * thrown is reported on stderr and swallowed. The argument count matters: a handler may be
 * a vararg function (`sock.EventHandler = print`).
 */
export function protectedCall(f: LuaValue, n: number, a: LuaValue, b?: LuaValue, c?: LuaValue): void {
  try {
    if (typeof f === "function") {
      if (n === 1) f(a);
      else if (n === 2) f(a, b);
      else f(a, b, c);
    } else if (n === 1) call(f, a);
    else if (n === 2) call(f, a, b);
    else call(f, a, b, c);
  } catch (e) {
    reportError(e);
  }
}

/**
 * One event of a socket-like object (TcpSocket, SerialPorts) in a turn of its own: the
 * per-event callback first, then EventHandler with the event's name (qsys-api.md section 7,
 * decision 2); Error events also pass the error text.
 */
export function raiseObjectEvent(self: LuaValue, callback: LuaValue, eventHandler: LuaValue, name: string, err: string | undefined, isError: boolean): void {
  if (callback === undefined && eventHandler === undefined) return;
  beginTurn();
  try {
    if (callback !== undefined) {
      if (isError) protectedCall(callback, 2, self, err);
      else protectedCall(callback, 1, self);
    }
    if (eventHandler !== undefined) {
      if (isError) protectedCall(eventHandler, 3, self, name, err);
      else protectedCall(eventHandler, 2, self, name);
    }
  } finally {
    endTurn();
  }
}

/** One whole turn: run a handler from the event loop with the given arguments. */
export function runHandler(f: LuaValue, ...args: LuaValue[]): void {
  if (stopped) return;
  if (depth > 0) {
    deliver(() => runHandler(f, ...args));
    return;
  }
  depth++;
  try {
    call(f, ...args);
  } catch (e) {
    reportError(e);
  } finally {
    endTurn();
  }
}

let errorWriter: (text: string) => void = writeStderr;

/** Redirect handler error reports (tests, embedders); undefined restores stderr. */
export function setErrorWriter(w: ((text: string) => void) | undefined): void {
  errorWriter = w ?? writeStderr;
}

/** Print an error that escaped a handler as lua.c does: message, traceback, newline. */
export function reportError(e: unknown): void {
  const err = toLuaError(e);
  const v = err.value;
  let msg: string;
  if (typeof v === "string") msg = v;
  else if (isNumber(v)) msg = tostring(v);
  else if (metamethod(v, "__tostring") !== undefined) {
    try {
      msg = tostring(v);
    } catch {
      msg = `(error object is a ${type(v)} value)`;
    }
  } else msg = `(error object is a ${type(v)} value)`;
  const tb = err.luaTraceback ?? "stack traceback:\n\t[C]: in ?";
  errorWriter(`${msg}\n${tb}\n`);
}
