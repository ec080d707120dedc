// The side-by-side section of reports/benchmark.md (npm run bench -- --baseline REF): the same runs of
// the same corpus by two commits, in the same session, each figure with the load average its run
// started under (the machine is shared: a figure taken under a higher load may be slower for that).
import { extractedCount, peak, seconds, stage, threadTimes, type Run } from './bench-run.js';

/** The runs of one commit. */
export interface Side {
  label: string;
  /** The command that ran the pipeline, as a person would type it. */
  command: string;
  cold: Run;
  warm: Run;
  one: Run;
  /** The median runs of the two seeds, and every run's wall time. */
  seedCold: Run & { all: number[] };
  seedWarm: Run & { all: number[] };
}

const load = (r: Run) => `load ${r.load.toFixed(2)}`;
const ratio = (before: number, after: number) => (before > 0 && Number.isFinite(before) && Number.isFinite(after) ? `×${(after / before).toFixed(2)}` : '');
const time = (ms: number | undefined, r: Run) => (ms === undefined ? '—' : `${seconds(ms)} s (${load(r)})`);
const cells = (before: Side, after: Side, pick: (s: Side) => [number | undefined, Run]) => {
  const [b, br] = pick(before);
  const [a, ar] = pick(after);
  return `${time(b, br)} | ${time(a, ar)} | ${b === undefined || a === undefined ? '' : ratio(b, a)}`;
};

/** Stage names of both runs, in the order they ran. */
function stageNames(a: Run, b: Run): string[] {
  const names = a.stages.map((s) => s.name);
  for (const s of b.stages) if (!names.includes(s.name)) names.splice(names.indexOf('total'), 0, s.name);
  return names;
}

function summary(before: Side, after: Side): string[] {
  const thread = (r: Run) => threadTimes(r).nlp + threadTimes(r).rules;
  const extracted = (r: Run) => extractedCount(r) ?? '?';
  return [
    `| measure | ${before.label} | ${after.label} | after / before |`,
    '|---|--:|--:|--:|',
    `| cold run, whole process (Node start included) | ${cells(before, after, (s) => [s.cold.wall, s.cold])} |`,
    `| cold run, peak RSS | ${peak(before.cold)} MB | ${peak(after.cold)} MB | ${ratio(peak(before.cold), peak(after.cold))} |`,
    `| cold run, extract stage | ${cells(before, after, (s) => [stage(s.cold, 'extract')?.ms, s.cold])} |`,
    `| cold run, extract thread time (annotation + rules) | ${cells(before, after, (s) => [thread(s.cold), s.cold])} |`,
    `| re-run, nothing changed | ${cells(before, after, (s) => [s.warm.wall, s.warm])} |`,
    `| re-run, one document changed (documents extracted: ${extracted(before.one)} before, ${extracted(after.one)} after) | ${cells(before, after, (s) => [s.one.wall, s.one])} |`,
    `| the two seeds, empty cache (median of ${after.seedCold.all.length}) | ${cells(before, after, (s) => [s.seedCold.wall, s.seedCold])} |`,
    `| the two seeds, cached (median of ${after.seedWarm.all.length}) | ${cells(before, after, (s) => [s.seedWarm.wall, s.seedWarm])} |`,
  ];
}

/** The part of the `total` line that no stage line accounts for. */
const unstaged = (r: Run) => (stage(r, 'total')?.ms ?? NaN) - r.stages.filter((s) => s.name !== 'total').reduce((sum, s) => sum + s.ms, 0);

function perStage(title: string, before: Run, after: Run): string[] {
  const row = (name: string) => {
    const b = stage(before, name);
    const a = stage(after, name);
    const wall = (s: typeof b) => (s ? seconds(s.ms) : '—');
    const mb = (s: typeof b) => (s ? String(s.mb) : '—');
    return `| ${name} | ${wall(b)} | ${wall(a)} | ${b && a ? ratio(b.ms, a.ms) : ''} | ${mb(b)} | ${mb(a)} |`;
  };
  return [
    `### ${title}`,
    '',
    `Load average (1 min) when the runs started: ${before.load.toFixed(2)} before, ${after.load.toFixed(2)} after.`,
    '',
    '| stage | wall before (s) | wall after (s) | after / before | peak RSS before (MB) | peak RSS after (MB) |',
    '|---|--:|--:|--:|--:|--:|',
    ...stageNames(before, after).map(row),
    `| (in total but in no stage: loading modules, waiting) | ${seconds(unstaged(before))} | ${seconds(unstaged(after))} | ${ratio(unstaged(before), unstaged(after))} | | |`,
    `| **process** (Node start included) | **${seconds(before.wall)}** | **${seconds(after.wall)}** | ${ratio(before.wall, after.wall)} | **${peak(before)}** | **${peak(after)}** |`,
    '',
  ];
}

/** The Markdown section comparing `before` (the baseline) with `after` (this commit). */
export function comparison(before: Side, after: Side, how: string): string {
  return [
    `## Side by side: ${before.label} and ${after.label}`,
    '',
    how,
    '',
    ...summary(before, after),
    '',
    'Figures are wall times; in brackets the 1-minute load average of the machine (2 cores, shared) when that run started. A ratio below 1 is faster after.',
    '',
    ...perStage('Cold run (empty cache), per stage', before.cold, after.cold),
    ...perStage('Re-run, one document changed, per stage', before.one, after.one),
    `Commands: \`${before.command}\` (${before.label}); \`${after.command}\` (${after.label}).`,
    '',
  ].join('\n');
}
