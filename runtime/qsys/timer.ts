// Timer (qsys-api.md §3, decision 6): repeating timers, Timer.CallAfter and Timer.Now.
//
// Ticks are scheduled from the ideal time of the previous tick, not from when the handler
// ran, so a 0.1 s timer fires 600 times a minute instead of drifting late; when the loop
// falls behind a whole period, missed ticks are dropped rather than fired in a burst.
import { checkNumber, typeError } from "../lua/args.ts";
import { NONE } from "../lua/call.ts";
import { LuaUserdata, metamethod } from "../lua/meta.ts";
import { mkfloat, type LuaValue } from "../lua/value.ts";
import { runHandler } from "./events.ts";
import { checkGiven, classMetatable, libraryTable } from "./object.ts";
import { installSignalHandlers } from "./service.ts";

/** Shortest period: a 0 (or negative) period fires once per millisecond at most. */
const MIN_MS = 1;

export class TimerObject extends LuaUserdata {
  eventHandler: LuaValue = undefined;
  running = false;
  periodMs = 0;
  /** performance.now() of the next ideal tick. */
  due = 0;
  handle: NodeJS.Timeout | undefined = undefined;
  constructor() {
    super();
    this.metatable = timerMetatable;
  }

  start(seconds: number): void {
    this.stop();
    installSignalHandlers();
    this.running = true;
    this.periodMs = Math.max(seconds * 1000, MIN_MS);
    this.due = performance.now() + this.periodMs;
    this.handle = setTimeout(onTick, this.periodMs, this);
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
  }

  tick(): void {
    this.handle = undefined;
    if (!this.running) return;
    if (this.eventHandler !== undefined) runHandler(this.eventHandler, this);
    // The handler may have stopped or restarted the timer.
    if (!this.running || this.handle !== undefined) return;
    const now = performance.now();
    this.due += this.periodMs;
    if (this.due < now) this.due = now + this.periodMs - ((now - this.due) % this.periodMs);
    this.handle = setTimeout(onTick, this.due - now, this);
  }
}

function onTick(t: TimerObject): void {
  t.tick();
}

const timerMetatable = classMetatable<TimerObject>(
  "Timer",
  (o): o is TimerObject => o instanceof TimerObject,
  {
    Start: function (self, seconds: LuaValue) {
      checkGiven(arguments.length, 2, "Start", "number");
      self.start(checkNumber(seconds, 2, "Start"));
      return NONE;
    },
    Stop: (self) => {
      self.stop();
      return NONE;
    },
    IsRunning: (self) => self.running,
  },
  { EventHandler: (o) => o.eventHandler },
  {
    EventHandler: (o, f) => {
      o.eventHandler = f;
    },
  },
);

function CallAfter(fn: LuaValue, seconds: LuaValue): LuaValue {
  if (typeof fn !== "function" && metamethod(fn, "__call") === undefined)
    throw typeError(fn, 1, "CallAfter", "function", arguments.length < 1);
  checkGiven(arguments.length, 2, "CallAfter", "number");
  const s = checkNumber(seconds, 2, "CallAfter");
  installSignalHandlers();
  setTimeout(runHandler, Math.max(s * 1000, 0), fn);
  return NONE;
}

/** The Lua global `Timer`. `New()` and `:New()` both work. */
export const Timer = libraryTable("Timer", {
  New: (): LuaValue => new TimerObject(),
  CallAfter,
  // Seconds with fractions; only differences are meaningful (qsys-api.md §3).
  Now: (): LuaValue => mkfloat((performance.timeOrigin + performance.now()) / 1000),
});
