// Where a run may write, decided before any work: --out and --reports must be folders the pipeline
// can own (absent, empty, or an earlier release of its own), apart from each other, and away from
// the sources, the project and the working folder, which replacing would destroy.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute, sep } from 'node:path';
import { UsageError } from './errors.js';
import { ownership } from './release.js';

/** The real path of `p`, following links, for a path that may not exist yet (its nearest existing ancestor's real path, then the rest). */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let at = p;
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) break;
    rest.unshift(basename(at));
    at = up;
  }
  let real = at;
  try {
    real = realpathSync(at);
  } catch {
    // A dangling link or an unreadable ancestor: compare the path as given.
  }
  return join(real, ...rest);
}

/** True when `inner` is `outer` or inside it. */
export function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export interface Places {
  out: string;
  reports: string | null;
  sources: string;
  project: string;
  cwd: string;
}

/** Throws a UsageError (exit 2, nothing read or written) naming the option and why it is refused. */
export function checkTargets(places: Places): void {
  const real = {
    out: realPathOf(places.out),
    reports: places.reports === null ? null : realPathOf(places.reports),
    sources: realPathOf(places.sources),
    project: realPathOf(places.project),
    cwd: realPathOf(places.cwd),
  };
  const folders: [string, string, string][] = [['--out', places.out, real.out]];
  if (places.reports !== null && real.reports !== null) folders.push(['--reports', places.reports, real.reports]);
  for (const [option, given, path] of folders) {
    const refuse = (why: string) => {
      throw new UsageError(`${option} ${given}: ${why}; nothing was read or written`);
    };
    if (within(real.sources, path) || within(path, real.sources)) refuse('is or holds the source folder, or is inside it; choose a folder of its own');
    if (within(real.project, path)) refuse('is or holds the project folder; choose a folder inside it, such as output/');
    if (within(real.cwd, path)) refuse('is or holds the working folder; choose a folder inside it');
    const owner = ownership(given);
    if (owner.kind === 'foreign') refuse(`${owner.reason}; choose a new or empty folder`);
  }
  if (real.reports !== null && (within(real.out, real.reports) || within(real.reports, real.out))) {
    throw new UsageError(real.out === real.reports ? `--out and --reports are the same folder (${places.out}); give each its own` : `--out (${places.out}) and --reports (${places.reports}) are inside one another; give each its own folder`);
  }
}
