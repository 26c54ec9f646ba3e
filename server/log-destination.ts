import onExit from "on-exit-leak-free";
import pino, { type DestinationStream } from "pino";

/**
 * The server's log lines, gathered in memory and handed to pino's own destination (sonic-boom,
 * which owns the file descriptor, partial writes and EAGAIN) as one string per batch of about
 * `batchChars` characters, and at least every `flushMs`. A chat request logs a line, and writing
 * each line costs more than the rest of its work; sonic-boom batching alone (its `minLength`)
 * measures its whole pending buffer with `Buffer.byteLength` on every write, which cost 4 µs a
 * line at 4 KB, four times the cost of formatting the line. What is gathered is handed over when
 * the process exits; a process killed outright loses at most the last `flushMs` of lines.
 */
export class LineBatch implements DestinationStream {
  private lines: string[] = [];
  private chars = 0;
  private readonly target: ReturnType<typeof pino.destination>;
  private readonly batchChars: number;

  constructor(dest: number | string, { batchChars = 8192, flushMs = 1000 } = {}) {
    this.batchChars = batchChars;
    // Registered before pino.destination registers its own exit hooks, so that these run first.
    onExit.register(this, handOver);
    onExit.registerBeforeExit(this, handOver);
    // Each batch is written synchronously: one write call per batch costs little, lines leave in
    // order, and nothing is still in flight on another thread when the process exits.
    this.target = pino.destination({ dest, sync: true });
    const timer = setInterval(handOver, flushMs, this).unref();
    this.target.once("close", () => clearInterval(timer));
  }

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.batchChars) this.handOver();
  }

  /** Passes what is gathered to the destination, which starts writing it at once. */
  handOver(): void {
    if (!this.lines.length) return;
    const text = this.lines.join("");
    this.lines = [];
    this.chars = 0;
    this.target.write(text);
  }

  /** `logger.flush(cb)`: everything logged so far is written, then `cb` is called. */
  flush(cb?: (err?: Error) => void): void {
    this.handOver();
    this.target.flush(cb);
  }

  flushSync(): void {
    this.handOver();
    this.target.flushSync();
  }
}

const handOver = (batch: LineBatch) => batch.handOver();
