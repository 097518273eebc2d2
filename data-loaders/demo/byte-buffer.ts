// Text encoded straight into one reusable buffer, handed on when nearly full: writing a listing
// row by row this way makes no garbage beyond the row strings themselves.
const SIZE = 1 << 22;

export class ByteBuffer {
  private readonly buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /** drain gets a view of the buffer that is valid only until it returns. */
  constructor(private readonly drain: (bytes: Buffer) => void) {}

  write(text: string): void {
    // A UTF-16 unit takes at most three bytes in UTF-8.
    if (this.used + text.length * 3 > SIZE) {
      this.flush();
      if (text.length * 3 > SIZE) return this.drain(Buffer.from(text, "utf8"));
    }
    this.used += this.buf.write(text, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.drain(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}
