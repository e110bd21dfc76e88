// Turning controls from a terminal or a test: with QSYS2TS_CONTROL_STDIN=1 a service reads one
// JSON object per line on stdin and acts on it through the QRC adapter, so the change is a
// change from outside (the control's EventHandler runs) exactly as a QRC client's would be.
//
//   {"component": "Room", "control": "Gain", "Value": -10}     set (Value, String or Position; Ramp)
//   {"named": "MainGain", "Position": 0.5}                      set a named control
//   {"component": "Room", "control": "Gain"}                    no change: just report
//
// Each line is answered on stdout, in order with the script's own output, by
// `@control {state as QRC reports it}` or `@control-error message`.
import { createReadStream, fstatSync } from "node:fs";
import { Socket } from "node:net";
import type { Readable } from "node:stream";
import { ReadStream } from "node:tty";
import { createInterface } from "node:readline";
import { writeStdout } from "../../lua/output.ts";
import type { QrcChange, QrcControl } from "../qrc/design.ts";
import { qrcDesign } from "./qrc-adapter.ts";

function target(req: Record<string, unknown>): QrcControl {
  const design = qrcDesign();
  if (typeof req.named === "string") {
    const c = design.namedControl(req.named);
    if (!c) throw new Error(`no named control "${req.named}"`);
    return c;
  }
  if (typeof req.component !== "string" || typeof req.control !== "string") throw new Error(`give "component" and "control", or "named"`);
  const comp = design.component(req.component);
  if (!comp) throw new Error(`no component "${req.component}"`);
  const c = comp.control(req.control);
  if (!c) throw new Error(`component "${req.component}" has no control "${req.control}"`);
  return c;
}

export function handleControlLine(line: string): void {
  if (line.trim() === "") return;
  try {
    const req = JSON.parse(line) as Record<string, unknown>;
    if (typeof req !== "object" || req === null) throw new Error("a JSON object expected");
    const c = target(req);
    const change: QrcChange = {};
    let changing = false;
    for (const k of ["Value", "String", "Position", "Ramp"] as const) {
      if (k in req) {
        (change as Record<string, unknown>)[k] = req[k];
        if (k !== "Ramp") changing = true;
      }
    }
    if (changing) c.set(change);
    writeStdout(`@control ${JSON.stringify(c.state())}\n`);
  } catch (e) {
    writeStdout(`@control-error ${(e as Error).message}\n`);
  }
}

/**
 * Read requests from fd 0, also from the worker thread a service runs in. A pipe or a terminal
 * is read through the event loop (a blocking read in the thread pool would keep a stopping
 * worker from ever ending); a regular file can be read plainly.
 */
export function startControlStdin(): void {
  const st = fstatSync(0);
  const input: Readable = st.isFIFO() || st.isSocket() ? new Socket({ fd: 0, readable: true, writable: false }) : st.isCharacterDevice() ? new ReadStream(0) : createReadStream("", { fd: 0, autoClose: false });
  input.setEncoding("utf8");
  createInterface({ input, crlfDelay: Infinity }).on("line", handleControlLine);
}
