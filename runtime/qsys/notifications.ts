// Notifications (qsys-api.md §5): named publish/subscribe between scripts of one Core; here,
// within the one service.
//
// - Subscribe(name, fn) returns a note id (a string token) for Unsubscribe(noteid).
// - Publish(name, data): data is a string or a table; each subscriber of that name gets
//   fn(name, data) in a handler turn of its own, after the current code returns (never inside
//   it, events.ts). A table is delivered as a copy, as between scripts on a Core (strings,
//   numbers, booleans and nested tables are copied; other values and metatables are not).
// - Publish from inside a Subscribe callback raises a Lua error (documented).
// - A subscriber removed before a pending delivery does not get it.
import { checkString, typeError } from "../lua/args.ts";
import { call, NONE } from "../lua/call.ts";
import { runtimeError } from "../lua/errors.ts";
import { metamethod } from "../lua/meta.ts";
import { LuaTable } from "../lua/table.ts";
import { LuaFloat, type LuaValue } from "../lua/value.ts";
import { runHandler } from "./events.ts";
import { libraryTable } from "./object.ts";

interface Subscription {
  id: string;
  name: string;
  fn: LuaValue;
}

const subscriptions = new Map<string, Subscription>();
let nextId = 1;
/** Callbacks of Notifications running now (Publish is refused inside one). */
let inCallback = 0;

function isCallable(f: LuaValue): boolean {
  return typeof f === "function" || metamethod(f, "__call") !== undefined;
}

/** Plain data copied across the script boundary: tables deeply (shared parts stay shared). */
function copyData(v: LuaValue, seen = new Map<LuaTable, LuaTable>()): LuaValue {
  if (!(v instanceof LuaTable)) return v;
  const done = seen.get(v);
  if (done) return done;
  const t = new LuaTable();
  seen.set(v, t);
  for (let e = v.next(undefined); e !== undefined; e = v.next(e[0])) {
    const [k, x] = e;
    if (!isPlain(k) || !isPlain(x)) continue;
    t.set(copyData(k, seen), copyData(x, seen));
  }
  return t;
}

function isPlain(v: LuaValue): boolean {
  const t = typeof v;
  return t === "string" || t === "number" || t === "bigint" || t === "boolean" || v instanceof LuaTable || v instanceof LuaFloat;
}

/** Runs a subscriber's function, marked as a Notifications callback. */
function callback(fn: LuaValue, name: LuaValue, data: LuaValue): LuaValue {
  inCallback++;
  try {
    return call(fn, name, data);
  } finally {
    inCallback--;
  }
}

function Subscribe(name: LuaValue, fn: LuaValue): LuaValue {
  const n = checkString(name, 1, "Subscribe");
  if (!isCallable(fn)) throw typeError(fn, 2, "Subscribe", "function", arguments.length < 2);
  const id = String(nextId++);
  subscriptions.set(id, { id, name: n, fn });
  return id;
}

function Unsubscribe(noteid: LuaValue): LuaValue {
  if (typeof noteid === "string") subscriptions.delete(noteid);
  else if (typeof noteid === "number") subscriptions.delete(String(noteid));
  return NONE;
}

function Publish(name: LuaValue, data: LuaValue): LuaValue {
  if (inCallback > 0) throw runtimeError("Notifications.Publish cannot be called from a Notifications.Subscribe callback");
  const n = checkString(name, 1, "Publish");
  if (typeof data !== "string" && !(data instanceof LuaTable)) throw typeError(data, 2, "Publish", "string or table", arguments.length < 2);
  for (const sub of subscriptions.values()) {
    if (sub.name !== n) continue;
    const payload = copyData(data);
    // Delivered from the event loop, after the publishing code has returned.
    setImmediate(() => {
      if (subscriptions.get(sub.id) === sub) runHandler(callback, sub.fn, n, payload);
    });
  }
  return NONE;
}

/** The Lua global `Notifications`. */
export const Notifications = libraryTable("Notifications", { Subscribe, Publish, Unsubscribe });
