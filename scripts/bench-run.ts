// One timed run of the pipeline for the benchmark (scripts/bench.ts): a new process, as a user starts
// it, with the per-stage lines it prints on stderr (`extract  10012 ms  744 MB  detail`) read back.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';

export interface Stage {
  name: string;
  ms: number;
  /** Peak resident memory of the process when the stage ended (the maximum so far). */
  mb: number;
  detail: string;
}

export interface Run {
  label: string;
  /** Wall time of the whole process, Node start included. */
  wall: number;
  exit: number;
  stages: Stage[];
  stderr: string;
  /** The 1-minute load average when the run started: the machine is shared. */
  load: number;
}

const LINE = /^(\S+)\s+(\d+) ms\s+(\d+) MB(?: {2}(.*))?$/;

export function run(label: string, cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const load = loadavg()[0]!;
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wall = performance.now() - started;
      const stages = stderr
        .split('\n')
        .map((l) => LINE.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ name: m[1]!, ms: Number(m[2]), mb: Number(m[3]), detail: m[4] ?? '' }));
      process.stderr.write(`bench: ${label}: ${(wall / 1000).toFixed(1)} s, exit ${code}, load ${load.toFixed(2)}\n`);
      if (code !== 0 && code !== 1) fail(new Error(`${label}: the pipeline exited with ${code}:\n${stderr}`));
      else done({ label, wall, exit: code ?? -1, stages, stderr, load });
    });
  });
}

export const stage = (r: Run, name: string) => r.stages.find((s) => s.name === name);
export const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
export const peak = (r: Run) => stage(r, 'total')?.mb ?? Math.max(0, ...r.stages.map((s) => s.mb));

/** Documents the run extracted (not taken from the cache), or null when its lines do not say. */
export function extractedCount(r: Run): number | null {
  const m = /(\d+) extracted/.exec(stage(r, 'extract')?.detail ?? '');
  return m ? Number(m[1]) : stage(r, 'cache')?.detail.startsWith('nothing changed') ? 0 : null;
}

/** Threads of the extract stage, and the thread time spent on annotation and on the rules (ms). */
export function threadTimes(r: Run): { threads: number; nlp: number; rules: number } {
  const d = stage(r, 'extract')?.detail ?? '';
  const threads = /on (\d+) threads/.exec(d);
  return { threads: threads ? Number(threads[1]) : 1, nlp: Number(/nlp ([\d.]+) s/.exec(d)?.[1] ?? NaN) * 1000, rules: Number(/rules ([\d.]+) s/.exec(d)?.[1] ?? NaN) * 1000 };
}

/** The median run by wall time, with every run's wall time. */
export function median(runs: Run[]): Run & { all: number[] } {
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return { ...sorted[Math.floor(sorted.length / 2)]!, all: runs.map((r) => r.wall) };
}
