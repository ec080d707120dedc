// One run at a time per output location: a lock file beside each folder a run writes
// (`.<name>.lock`, created exclusively). Two runs on one --out (a CI retry, a cron overlap) would
// otherwise tidy away each other's staging folders. A lock left by a run that died (its process is
// gone on this machine) is taken over; one held by a live run, or by another machine, refuses the run.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Another run holds the lock: nothing was read or written. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  readonly code = 'busy';
}

interface Holder {
  pid: number;
  host: string;
}

export function lockFileFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function holderOf(file: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : null;
  } catch {
    return null;
  }
}

/**
 * Locks every target's location (in a fixed order) and returns the release function. Throws a
 * BusyError naming the holder when another live run has one of them.
 */
export function lockTargets(targets: string[]): () => void {
  const files = [...new Set(targets.map(lockFileFor))].sort();
  const taken: string[] = [];
  const release = () => {
    for (const f of taken.splice(0)) rmSync(f, { force: true });
  };
  try {
    for (const file of files) {
      if (!tryCreate(file)) {
        const holder = holderOf(file);
        const dead = holder !== null && holder.host === hostname() && !alive(holder.pid);
        // A lock file that cannot be read was caught half-written by its run, which is alive.
        if (!dead || (rmSync(file, { force: true }), !tryCreate(file))) {
          const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another run';
          throw new BusyError(`${file}: ${who} is writing this folder; wait for it to finish (or delete the lock file if that run is gone)`);
        }
      }
      taken.push(file);
    }
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
