// Timer: repeating Start/Stop/IsRunning, restart (decision 6), CallAfter, Now, and handler
// errors that do not stop the timer. Periods are short; bounds are loose (shared CI boxes).
import { afterEach, describe, expect, test } from "vitest";
import { call, NONE } from "../runtime/lua/call.ts";
import { isFloat, type LuaValue } from "../runtime/lua/value.ts";
import { Timer } from "../runtime/qsys/index.ts";
import { captureStderr, get, m, make, set, sleep, until } from "./qsys-helpers.ts";

const timers: LuaValue[] = [];
afterEach(() => {
  for (const t of timers.splice(0)) m(t, "Stop");
});
function timer(onTick: (...args: LuaValue[]) => void): LuaValue {
  const t = make(Timer);
  timers.push(t);
  set(t, "EventHandler", onTick);
  return t;
}

describe("Timer", () => {
  test("repeats with the period, passes the timer, stops on Stop", async () => {
    const calls: LuaValue[][] = [];
    const t = timer((...args) => calls.push(args));
    expect(m(t, "Start", 0.02)).toBe(NONE);
    expect(m(t, "IsRunning")).toBe(true);
    await until(() => calls.length >= 5, 2000);
    expect(calls.every((a) => a.length === 1 && a[0] === t)).toBe(true);
    m(t, "Stop");
    expect(m(t, "IsRunning")).toBe(false);
    const n = calls.length;
    await sleep(80);
    expect(calls.length).toBe(n);
  });
  test("does not drift: ticks keep to the ideal schedule", async () => {
    let n = 0;
    const t = timer(() => n++);
    m(t, "Start", 0.01);
    const t0 = Date.now();
    await sleep(500);
    const expected = Math.floor((Date.now() - t0) / 10);
    // Re-arming from the handler would lose ~1 ms per tick; the bound stays loose for busy machines.
    expect(n).toBeGreaterThanOrEqual(expected - 10);
    expect(n).toBeLessThanOrEqual(expected + 1);
  });
  test("Start on a running timer restarts it with the new period", async () => {
    let n = 0;
    const t = timer(() => n++);
    m(t, "Start", 10);
    m(t, "Start", 0.02);
    await until(() => n >= 2, 2000);
    expect(m(t, "IsRunning")).toBe(true);
  });
  test("a handler can stop or restart its own timer", async () => {
    let n = 0;
    const t = timer((self) => {
      n++;
      if (n === 2) m(self, "Stop");
    });
    m(t, "Start", 0.01);
    await until(() => n === 2);
    await sleep(60);
    expect(n).toBe(2);
    expect(m(t, "IsRunning")).toBe(false);
    let k = 0;
    const r = timer((self) => {
      if (++k === 1) m(self, "Start", 0.01);
    });
    m(r, "Start", 0.03);
    await until(() => k >= 4, 2000);
  });
  test("an error in the handler is printed and the timer goes on", async () => {
    const err = captureStderr();
    try {
      let n = 0;
      const t = timer(() => {
        n++;
        m(t, "NoSuchMethod");
      });
      m(t, "Start", 0.01);
      await until(() => n >= 3);
      expect(err.text()).toMatch(/^Timer has no member 'NoSuchMethod'\nstack traceback:\n/);
      expect(err.text().split("Timer has no member").length).toBeGreaterThanOrEqual(4);
    } finally {
      err.restore();
    }
  });
  test("a stopped timer with no handler does nothing", async () => {
    const t = make(Timer);
    m(t, "Start", 0.01);
    await sleep(30);
    m(t, "Stop");
    expect(get(t, "EventHandler")).toBeUndefined();
  });
});

describe("Timer.CallAfter and Timer.Now", () => {
  test("CallAfter calls once, after the delay, with no arguments, and returns nothing", async () => {
    const calls: number[] = [];
    const t0 = Date.now();
    let args = -1;
    const r = call(get(Timer, "CallAfter"), (...a: LuaValue[]) => {
      args = a.length;
      calls.push(Date.now() - t0);
    }, 0.05);
    expect(r).toBe(NONE);
    await until(() => calls.length === 1);
    await sleep(60);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThanOrEqual(45);
    expect(args).toBe(0);
  });
  test("CallAfter callbacks run in order of their delays", async () => {
    const order: string[] = [];
    const after = get(Timer, "CallAfter");
    call(after, () => order.push("b"), 0.04);
    call(after, () => order.push("a"), 0.01);
    call(after, () => order.push("c"), 0.07);
    await until(() => order.length === 3);
    expect(order).toEqual(["a", "b", "c"]);
  });
  test("Now is a float number of seconds that advances", async () => {
    const now = get(Timer, "Now");
    const a = call(now);
    await sleep(50);
    const b = call(now);
    expect(isFloat(a) || Number.isInteger(a) === false).toBe(true);
    const d = (typeof b === "number" ? b : b.n) - (typeof a === "number" ? a : a.n);
    expect(d).toBeGreaterThan(0.04);
    expect(d).toBeLessThan(1);
  });
});
