// Helpers for the QRC tests: a fake design shaped like qrc.md §6's example (named controls
// MainGain −100…20 dB and MainMute; component Zone1 with gain, mute, source), plus a
// component with a trigger, and a QRC client over real node:net on 127.0.0.1.
import net from "node:net";
import { afterEach } from "vitest";
import { startQrcServer, type QrcChange, type QrcComponent, type QrcControl, type QrcControlState, type QrcDesign, type QrcServer, type QrcServerOptions } from "../runtime/qsys/qrc/index.ts";

type Kind = "Float" | "Boolean" | "Text" | "Trigger";

/** Gain text as Q-SYS shows it in qrc.md §6: "-12.0dB", "-6.0dB", "0dB", "-100dB", "20.0dB". */
const db = (v: number): string => (v === 0 || v === -100 ? `${v}dB` : `${v.toFixed(1)}dB`);

/** A control of the fake design: keeps its value through its type and range, counts versions. */
export class FakeControl implements QrcControl {
  value: number;
  text: string;
  private v = 1;
  /** Changes received from QRC (what would raise the Lua EventHandler). */
  readonly received: QrcChange[] = [];
  triggers = 0;

  constructor(
    readonly name: string,
    readonly kind: Kind,
    readonly opts: { min?: number; max?: number; value?: number; text?: string; choices?: string[]; direction?: string } = {},
  ) {
    this.value = opts.value ?? 0;
    this.text = opts.text ?? "";
  }

  version(): number {
    return this.v;
  }

  state(): QrcControlState {
    // Built field by field (no spreads): the QRC benchmark uses this fake too.
    const s: QrcControlState = {
      Name: this.name,
      Type: this.kind,
      Direction: this.opts.direction ?? "Read/Write",
      Value: 0,
      String: "",
      Position: 0,
      ValueMin: 0,
      ValueMax: 0,
      StringMin: "",
      StringMax: "",
    };
    switch (this.kind) {
      case "Float": {
        const min = this.opts.min ?? 0;
        const max = this.opts.max ?? 1;
        s.Value = this.value;
        s.String = db(this.value);
        s.Position = (this.value - min) / (max - min);
        s.ValueMin = min;
        s.ValueMax = max;
        s.StringMin = db(min);
        s.StringMax = db(max);
        break;
      }
      case "Boolean":
        s.Value = this.value;
        s.String = this.value ? "muted" : "unmuted";
        s.Position = this.value;
        s.ValueMax = 1;
        s.StringMin = "unmuted";
        s.StringMax = "muted";
        break;
      case "Text":
        s.String = this.text;
        if (this.opts.choices) s.Choices = this.opts.choices;
        break;
      case "Trigger":
        break;
    }
    return s;
  }

  set(change: QrcChange): void {
    const v = change.Value;
    switch (this.kind) {
      case "Float": {
        const min = this.opts.min ?? 0;
        const max = this.opts.max ?? 1;
        let x: number;
        if (change.Position !== undefined) x = min + change.Position * (max - min);
        else if (typeof v === "number") x = v;
        else if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) x = Number(v);
        else throw new Error(`cannot set a Float control to ${JSON.stringify(v ?? change.String)}`);
        this.value = Math.min(max, Math.max(min, x));
        break;
      }
      case "Boolean":
        if (change.Position !== undefined) this.value = change.Position >= 0.5 ? 1 : 0;
        else if (typeof v === "boolean") this.value = v ? 1 : 0;
        else if (typeof v === "number") this.value = v !== 0 ? 1 : 0;
        else throw new Error(`cannot set a Boolean control to ${JSON.stringify(v ?? change.String)}`);
        break;
      case "Text":
        this.text = typeof v === "string" ? v : change.String !== undefined ? change.String : String(v ?? "");
        break;
      case "Trigger":
        this.triggers++;
        break;
    }
    this.received.push(change);
    this.v++;
  }

  /** The script changes the control (no QRC involved). */
  scriptSet(value: number | string): void {
    if (typeof value === "string") this.text = value;
    else this.value = value;
    this.v++;
  }
}

export class FakeComponent implements QrcComponent {
  constructor(
    readonly Name: string,
    readonly Type: string,
    readonly Properties: { Name: string; Value: string; PrettyName: string }[],
    readonly list: FakeControl[],
  ) {}
  controls(): QrcControl[] {
    return this.list;
  }
  control(name: string): FakeControl | undefined {
    return this.list.find((c) => c.name === name);
  }
}

export interface Lobby extends QrcDesign {
  MainGain: FakeControl;
  MainMute: FakeControl;
  Zone1: FakeComponent;
  Doors: FakeComponent;
}

/** The design of qrc.md §6 ("Lobby"), fresh for each test. */
export function lobby(): Lobby {
  const MainGain = new FakeControl("MainGain", "Float", { min: -100, max: 20, value: -12 });
  const MainMute = new FakeControl("MainMute", "Boolean");
  const Zone1 = new FakeComponent("Zone1", "gain", [{ Name: "max_gain", Value: "20", PrettyName: "Max Gain (dB)" }], [
    new FakeControl("gain", "Float", { min: -100, max: 20, value: 0 }),
    new FakeControl("mute", "Boolean"),
    new FakeControl("source", "Text", { text: "HDMI 1", choices: ["HDMI 1", "HDMI 2", "USB"] }),
  ]);
  const Doors = new FakeComponent("Doors", "custom_controls", [], [
    new FakeControl("open", "Trigger"),
    new FakeControl("status", "Text", { text: "closed", direction: "Read Only" }),
  ]);
  const named = new Map([
    ["MainGain", MainGain],
    ["MainMute", MainMute],
  ]);
  const comps = new Map([
    ["Zone1", Zone1],
    ["Doors", Doors],
  ]);
  return {
    MainGain,
    MainMute,
    Zone1,
    Doors,
    namedControl: (name) => named.get(name),
    components: () => [...comps.values()],
    component: (name) => comps.get(name),
    status: () => ({
      Platform: "Emulator",
      State: "Active",
      DesignName: "Lobby",
      DesignCode: "q2tsLobby001",
      IsRedundant: false,
      IsEmulator: true,
    }),
  };
}

/**
 * A QRC server on 127.0.0.1 over a fresh lobby design, started by a test; it and the
 * clients the test opened are closed after each test.
 */
export function qrcServerPerTest() {
  let design: Lobby | undefined;
  let server: QrcServer | undefined;
  const clients: QrcClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    server = undefined;
  });
  return {
    get design(): Lobby {
      return design!;
    },
    get server(): QrcServer {
      return server!;
    },
    /** Start the server on an ephemeral port; returns the port. */
    async start(options: QrcServerOptions = {}): Promise<number> {
      design = lobby();
      server = await startQrcServer(design, { port: 0, host: "127.0.0.1", ...options });
      return server.port;
    },
    /** A client (after EngineStatus), closed after the test. */
    async open(port: number): Promise<QrcClient> {
      return track(await QrcClient.open(port));
    },
    track,
  };
  /** Close this client after the test too. */
  function track(c: QrcClient): QrcClient {
    clients.push(c);
    return c;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until cond() holds, or fail after ms. */
export async function until(cond: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** A QRC client: splits what it receives on NUL, as every published client does. */
export class QrcClient {
  readonly frames: string[] = [];
  private cursor = 0;
  private tail = Buffer.alloc(0);
  closed = false;

  private constructor(readonly sock: net.Socket) {
    sock.setNoDelay(true);
    sock.on("data", (b: Buffer) => {
      let data = Buffer.concat([this.tail, b]);
      for (let nul = data.indexOf(0); nul >= 0; nul = data.indexOf(0)) {
        this.frames.push(data.subarray(0, nul).toString("utf8"));
        data = data.subarray(nul + 1);
      }
      this.tail = data;
    });
    sock.on("close", () => (this.closed = true));
    sock.on("error", () => {});
  }

  static connect(port: number): Promise<QrcClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => resolve(new QrcClient(s)));
      s.once("error", reject);
    });
  }

  /** Connect and consume the EngineStatus push. */
  static async open(port: number): Promise<QrcClient> {
    const c = await QrcClient.connect(port);
    const first = await c.next();
    if (!first.includes('"method":"EngineStatus"')) throw new Error(`expected EngineStatus first, got ${first}`);
    return c;
  }

  /** Send text (or bytes) followed by NUL unless `raw`. */
  send(text: string | Buffer, raw = false): void {
    const b = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    this.sock.write(raw ? b : Buffer.concat([b, Buffer.from([0])]));
  }

  /** The next frame received (in order). */
  async next(ms = 5000): Promise<string> {
    await until(() => this.frames.length > this.cursor, ms, "a frame");
    return this.frames[this.cursor++];
  }

  /** The next frame that is not a notification (skips AutoPoll pushes). */
  async reply(ms = 5000): Promise<string> {
    for (;;) {
      const f = await this.next(ms);
      if (!f.includes('"method":')) return f;
    }
  }

  /** Send a request object and return the parsed reply. */
  async call(method: string, params?: unknown, id: unknown = 1): Promise<Record<string, unknown>> {
    this.send(JSON.stringify({ jsonrpc: "2.0", method, params, id }));
    return JSON.parse(await this.reply()) as Record<string, unknown>;
  }

  /** Frames not yet consumed by next(). */
  unread(): string[] {
    return this.frames.slice(this.cursor);
  }

  close(): void {
    this.sock.destroy();
  }
}
