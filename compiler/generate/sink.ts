/**
 * A byte buffer that CSV rows are written into directly, without building intermediate strings:
 * the generator's hot path. Everything the generator prints is ASCII.
 */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Hands over the written bytes and starts a fresh buffer (the stream keeps the old one). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A CSV field: quoted (RFC 4180) only when it holds a comma, quote or line break. */
  field(s: string): void {
    const n = s.length;
    this.ensure(n * 2 + 2);
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      this.pos += this.buf.write(s, this.pos, 'latin1');
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let j = 0; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d === 34) buf[p++] = 34;
      buf[p++] = d;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  bytes(src: Uint8Array, from: number, length: number): void {
    this.ensure(length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < length; i++) buf[p++] = src[from + i]!;
    this.pos = p;
  }

  /** A non-negative integer, zero-padded to `width` digits (wider numbers print in full). */
  padded(n: number, width: number): void {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const w = digits > width ? digits : width;
    this.ensure(w);
    const buf = this.buf;
    let p = this.pos + w - 1;
    for (let i = 0; i < w; i++) {
      const q = Math.floor(n / 10);
      buf[p--] = 48 + (n - q * 10);
      n = q;
    }
    this.pos += w;
  }

  /** Integer cents as `-1234.05`. */
  money(cents: number): void {
    this.ensure(24);
    if (cents < 0) {
      this.buf[this.pos++] = 45;
      cents = -cents;
    }
    const whole = Math.floor(cents / 100);
    this.padded(whole, 1);
    const frac = cents - whole * 100;
    const buf = this.buf;
    buf[this.pos++] = 46;
    buf[this.pos++] = 48 + Math.floor(frac / 10);
    buf[this.pos++] = 48 + (frac % 10);
  }
}
