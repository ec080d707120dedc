// The stderr lines of a run: one per stage with its time and the process's peak memory so far, and,
// on a terminal only, a line that counts documents done while a long stage works (rewritten in place
// a few times a second, cleared before the stage's own line). Logs and CI get the stage lines alone.

/** Redraws at most this often: enough to see it move, too rarely to cost anything. */
const REDRAW_MS = 100;

export class StageLog {
  private stage = '';
  private shown = false;
  private last = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  line(message: string): void {
    this.clear();
    this.stream.write(`${message}\n`);
  }

  /** Documents done of all in the current stage. */
  progress(done: number, total: number): void {
    if (!this.stream.isTTY) return;
    const now = performance.now();
    if (done < total && now - this.last < REDRAW_MS) return;
    this.last = now;
    this.stream.write(`\r${this.stage.padEnd(9)} ${done}/${total} documents\u001b[K`);
    this.shown = true;
  }

  /** Runs one stage and prints its line: name, wall time, peak memory, what it did. */
  async timed<T>(stage: string, work: () => Promise<T>, detail: (result: T) => string): Promise<T> {
    this.stage = stage;
    const started = performance.now();
    const result = await work();
    this.line(`${stage.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms ${String(peakMemory()).padStart(5)} MB  ${detail(result)}`.trimEnd());
    return result;
  }

  total(started: number): void {
    this.line(`${'total'.padEnd(9)} ${(performance.now() - started).toFixed(0).padStart(6)} ms ${String(peakMemory()).padStart(5)} MB`);
  }

  private clear(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}

/** Peak resident memory of the process (all threads) so far, in MB. */
export function peakMemory(): number {
  return Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
}
