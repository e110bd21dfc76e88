// The receive buffer of a TcpSocket: the bytes not yet read, and ReadLine / Read / Search
// over them (qsys-api.md §2.1 and decisions 1, 4, 5).
//
// Bytes are kept as the list of received pieces (Lua byte strings), not one growing
// string: a string built by `+=` is a V8 rope that every indexOf flattens, so a peer
// sending megabytes without a terminator would cost a copy of the whole buffer per
// packet. With pieces, a search looks only at bytes it has not looked at before (a failed
// search remembers where it stopped), and a line is joined once, when it is complete. The
// common case, whole lines inside one packet, slices one string and copies nothing.

/** TcpSocket.EOL values (decision 8). */
export const EOL = { Any: 0, CrLf: 1, CrLfStrict: 2, Lf: 3, Null: 4, Custom: 5 } as const;

const CR = 13;
const LF = 10;
/** Pieces shorter than this are merged on arrival (tiny packets would make long lists). */
const SMALL = 4096;
/** The key a failed EOL.Any search is remembered under (a needle can never be empty). */
const ANY = "";

export class RecvBuffer {
  /** Unread bytes: pieces[0] from offset `head` on, then the other pieces whole. */
  private pieces: string[] = [];
  private head = 0;
  length = 0;
  /** The needle of the last failed search, and the position before which it cannot start. */
  private missKey: string | undefined = undefined;
  private missFrom = 0;

  append(s: string): void {
    const n = s.length;
    if (n === 0) return;
    const p = this.pieces;
    const last = p.length - 1;
    if (last >= 0 && n < SMALL && p[last].length < SMALL) p[last] += s;
    else p.push(s);
    this.length += n;
  }

  clear(): void {
    this.pieces = [];
    this.head = 0;
    this.length = 0;
    this.missKey = undefined;
  }

  /** All unread bytes as one string (tests and tools; not consumed). */
  get data(): string {
    return this.take(this.length, false);
  }

  /** Remove and return up to n bytes ("" when empty: decision 1). */
  read(n: number): string {
    if (n <= 0 || this.length === 0) return "";
    return this.take(Math.min(n, this.length), true);
  }

  /** 1-based position of `str` at or after `start` (plain bytes, not a pattern), or undefined. */
  search(str: string, start: number): number | undefined {
    let from = start > 1 ? start - 1 : 0;
    if (str === "") return from <= this.length ? from + 1 : undefined;
    if (this.missKey === str && this.missFrom > from) from = this.missFrom;
    const i = this.indexOf(str, from);
    if (i >= 0) return i + 1;
    if (start <= 1) this.miss(str, this.length - str.length + 1);
    return undefined;
  }

  /**
   * Remove and return one line without its terminator, or undefined (consuming nothing)
   * when no whole line is buffered. `mode` is a valid EOL value; `custom` is a non-empty
   * string when mode is Custom.
   */
  readLine(mode: number, custom: string): string | undefined {
    if (this.length === 0) return undefined;
    if (mode === EOL.Any) return this.readAny();
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
    // Fast path: the buffer is one piece (whole lines arrive in one packet).
    if (this.pieces.length === 1) {
      const d = this.pieces[0];
      const h = this.head;
      const i = d.indexOf(term, this.missKey === term ? h + this.missFrom : h);
      if (i < 0) return this.miss(term, this.length - term.length + 1);
      const end = mode === EOL.CrLf && i > h && d.charCodeAt(i - 1) === CR ? i - 1 : i;
      const line = d.slice(h, end);
      this.drop(i + term.length - h);
      return line;
    }
    const i = this.indexOf(term, this.missKey === term ? this.missFrom : 0);
    if (i < 0) return this.miss(term, this.length - term.length + 1);
    const end = mode === EOL.CrLf && i > 0 && this.byteAt(i - 1) === CR ? i - 1 : i;
    const line = this.take(end, true);
    this.drop(i + term.length - end);
    return line;
  }

  /** EOL.Any (decision 4): skip leading CR/LF, end at the next CR or LF, eat the whole run. */
  private readAny(): string | undefined {
    const n = this.length;
    let s = 0;
    for (let c = this.byteAt(0); s < n && (c === CR || c === LF); c = this.byteAt(++s));
    const i = this.crOrLf(this.missKey === ANY && this.missFrom > s ? this.missFrom : s);
    if (i < 0) return this.miss(ANY, n);
    let e = i + 1;
    for (let c = this.byteAt(e); e < n && (c === CR || c === LF); c = this.byteAt(++e));
    this.drop(s);
    const line = this.take(i - s, true);
    this.drop(e - i);
    return line;
  }

  private miss(key: string, from: number): undefined {
    this.missKey = key;
    this.missFrom = from > 0 ? from : 0;
    return undefined;
  }

  // ---- positions over the pieces (all offsets count from the first unread byte) --------

  /** The byte at `at` (< length). */
  private byteAt(at: number): number {
    const p = this.pieces;
    let k = 0;
    let i = this.head + at;
    while (i >= p[k].length) {
      i -= p[k].length;
      if (++k === p.length) return -1;
    }
    return p[k].charCodeAt(i);
  }

  /** First position >= from where `needle` starts, or -1. Matches may straddle pieces. */
  private indexOf(needle: string, from: number): number {
    const p = this.pieces;
    const m = needle.length;
    let base = -this.head; // position of pieces[k][0]
    for (let k = 0; k < p.length; k++) {
      const piece = p[k];
      const end = base + piece.length;
      if (from < end) {
        const i = piece.indexOf(needle, from > base ? from - base : 0);
        if (i >= 0) return base + i;
        // A match that starts in this piece's last m-1 bytes and runs into the next ones.
        if (m > 1 && k + 1 < p.length) {
          const ws = Math.max(from, end - (m - 1));
          const j = this.slice(k, base, ws, Math.min(this.length, end + m - 1)).indexOf(needle);
          if (j >= 0 && ws + j < end) return ws + j;
        }
      }
      base = end;
    }
    return -1;
  }

  /** First CR or LF at or after `from`, or -1 (one scan of the bytes up to it). */
  private crOrLf(from: number): number {
    const p = this.pieces;
    let base = -this.head;
    for (let k = 0; k < p.length; k++) {
      const piece = p[k];
      const end = base + piece.length;
      if (from < end) {
        const local = from > base ? from - base : 0;
        const r = piece.indexOf("\r", local);
        // Look for LF only before that CR: a CR-only protocol must not rescan the rest.
        const l = (r < 0 ? piece : piece.slice(0, r)).indexOf("\n", local);
        if (l >= 0) return base + l;
        if (r >= 0) return base + r;
      }
      base = end;
    }
    return -1;
  }

  /** Bytes [from, to) as one string, not consumed; pieces[k] starts at position `base`. */
  private slice(k: number, base: number, from: number, to: number): string {
    const p = this.pieces;
    let out = "";
    for (; k < p.length && base < to; k++) {
      const end = base + p[k].length;
      if (end > from) out += p[k].slice(Math.max(from - base, 0), Math.min(to, end) - base);
      base = end;
    }
    return out;
  }

  /** The first n (<= length) bytes as one string; removed when `consume`. */
  private take(n: number, consume: boolean): string {
    const p = this.pieces;
    const h = this.head;
    let out: string;
    if (h + n <= p[0]?.length) out = p[0].slice(h, h + n);
    else {
      const parts: string[] = [];
      let need = n;
      for (let k = 0; need > 0; k++) {
        const piece = k === 0 ? p[0].slice(h) : p[k];
        parts.push(need >= piece.length ? piece : piece.slice(0, need));
        need -= piece.length;
      }
      out = parts.join("");
    }
    if (consume) this.drop(n);
    return out;
  }

  /** Forget the first n (<= length) bytes. */
  private drop(n: number): void {
    if (n === 0) return;
    this.missKey = undefined;
    this.length -= n;
    if (this.length === 0) {
      // pop() is much cheaper than `length = 0`, and one piece is the common case.
      if (this.pieces.length === 1) this.pieces.pop();
      else this.pieces = [];
      this.head = 0;
      return;
    }
    const p = this.pieces;
    let i = this.head + n;
    let k = 0;
    while (i >= p[k].length) i -= p[k++].length;
    if (k > 0) p.splice(0, k);
    this.head = i;
  }
}
