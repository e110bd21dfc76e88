// How LuaTable stores keys over a long run: a service lives for weeks, so a table whose keys
// come and go must not keep storage for the ones that went.
import { describe, expect, test } from "vitest";
import { LuaTable } from "../runtime/lua/table.ts";

describe("LuaTable storage", () => {
  test("a queue that deletes integer keys from the front keeps its array part bounded", () => {
    const q = new LuaTable();
    let head = 1;
    for (let tail = 1; tail <= 200_000; tail++) {
      q.set(tail, tail);
      if (tail - head >= 10) q.set(head++, undefined);
    }
    expect(q.get(head)).toBe(head);
    expect(q.get(head - 1)).toBeUndefined();
    // 11 live keys: the array part does not hold the 199,989 deleted ones
    expect(q.arr.length).toBeLessThan(64);
    expect(q.size + q.arr.length).toBeLessThan(64);
  });

  test("pending requests by increasing id, answered out of order, keep storage bounded", () => {
    const pending = new LuaTable();
    const open: number[] = [];
    for (let id = 1; id <= 100_000; id++) {
      pending.set(id, "callback");
      open.push(id);
      if (open.length > 5) pending.set(open.splice(id % 5, 1)[0], undefined);
    }
    let live = 0;
    for (let k = pending.next(undefined); k !== undefined; k = pending.next(k[0])) live++;
    expect(live).toBe(5);
    expect(pending.arr.length + pending.size).toBeLessThan(64);
  });

  test("a sequence with a few holes keeps them in its array part (no spill)", () => {
    const t = new LuaTable();
    for (let k = 1; k <= 1000; k++) t.set(k, k);
    for (let k = 2; k <= 1000; k += 50) t.set(k, undefined);
    t.set(1001, 1001);
    expect(t.arr.length).toBe(1001);
    expect(t.get(2)).toBeUndefined();
    expect(t.get(3)).toBe(3);
  });
});
