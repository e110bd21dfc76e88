// The receive buffer of a TcpSocket: the bytes not yet read, and ReadLine / Read / Search
// over them (qsys-api.md §2.1 and decisions 1, 4, 5).
//
// Bytes are kept as one Lua byte string: appends build V8 ropes, reads take slices, so the
// common "one line arrives, one line is read" case copies nothing. A terminator search that
// fails remembers where it stopped, so a peer that sends megabytes without a terminator
// costs one scan of the new bytes per packet, not a rescan of the whole buffer.

/** TcpSocket.EOL values (decision 8). */
export const EOL = { Any: 0, CrLf: 1, CrLfStrict: 2, Lf: 3, Null: 4, Custom: 5 } as const;

const CR = 13;
const LF = 10;

export class RecvBuffer {
  data = "";
  /** The EOL mode (and custom string) of the last failed search, and where it may resume. */
  private missMode = -1;
  private missCustom = "";
  private missFrom = 0;

  get length(): number {
    return this.data.length;
  }

  append(s: string): void {
    this.data = this.data.length === 0 ? s : this.data + s;
  }

  clear(): void {
    this.data = "";
    this.missMode = -1;
  }

  /** Remove and return up to n bytes ("" when empty: decision 1). */
  read(n: number): string {
    const d = this.data;
    if (n >= d.length) {
      this.clear();
      return d;
    }
    if (n <= 0) return "";
    this.consume(n);
    return d.slice(0, n);
  }

  /** 1-based position of `str` at or after `start` (plain bytes, not a pattern), or undefined. */
  search(str: string, start: number): number | undefined {
    const i = this.data.indexOf(str, start > 1 ? start - 1 : 0);
    return i < 0 ? undefined : i + 1;
  }

  /**
   * Remove and return one line without its terminator, or undefined (consuming nothing)
   * when no whole line is buffered. `mode` is a valid EOL value; `custom` is a non-empty
   * string when mode is Custom.
   */
  readLine(mode: number, custom: string): string | undefined {
    const d = this.data;
    if (mode === EOL.Any) return this.readAny(d);
    let term: string;
    switch (mode) {
      case EOL.CrLf:
      case EOL.Lf:
        term = "\n";
        break;
      case EOL.CrLfStrict:
        term = "\r\n";
        break;
      case EOL.Null:
        term = "\0";
        break;
      default:
        term = custom;
    }
    const from = this.resumeAt(mode, custom);
    const i = d.indexOf(term, from);
    if (i < 0) return this.miss(mode, custom, d.length - term.length + 1);
    const end = mode === EOL.CrLf && i > 0 && d.charCodeAt(i - 1) === CR ? i - 1 : i;
    this.consume(i + term.length);
    return d.slice(0, end);
  }

  /** EOL.Any (decision 4): skip leading CR/LF, end at the next CR or LF, eat the whole run. */
  private readAny(d: string): string | undefined {
    const n = d.length;
    let s = 0;
    for (let c = d.charCodeAt(0); s < n && (c === CR || c === LF); c = d.charCodeAt(++s));
    const from = Math.max(s, this.resumeAt(EOL.Any, ""));
    const r = d.indexOf("\r", from);
    const l = d.indexOf("\n", from);
    const i = r < 0 ? l : l < 0 ? r : Math.min(r, l);
    if (i < 0) return this.miss(EOL.Any, "", n);
    let e = i + 1;
    for (let c = d.charCodeAt(e); e < n && (c === CR || c === LF); c = d.charCodeAt(++e));
    this.consume(e);
    return d.slice(s, i);
  }

  private resumeAt(mode: number, custom: string): number {
    return this.missMode === mode && this.missCustom === custom ? this.missFrom : 0;
  }

  private miss(mode: number, custom: string, from: number): undefined {
    this.missMode = mode;
    this.missCustom = custom;
    this.missFrom = from > 0 ? from : 0;
    return undefined;
  }

  private consume(n: number): void {
    this.data = n >= this.data.length ? "" : this.data.slice(n);
    this.missMode = -1;
  }
}
