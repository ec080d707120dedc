// Stage report: the run's reports for people: summary.md (what the run produced and what went
// wrong), changes.md (release notes against the previous output) and index.html (the data page).
// Pure: the files come back by path relative to the reports folder; the runner writes them.
import { buildChanges } from '../report/changes.js';
import type { ReportInput } from '../report/input.js';
import { buildIndexHtml } from '../report/page.js';
import { buildSummary } from '../report/summary.js';

export function buildReports(input: ReportInput): Map<string, string> {
  return new Map([
    ['changes.md', buildChanges(input.data, input.previous, input.version)],
    ['index.html', buildIndexHtml(input)],
    ['summary.md', buildSummary(input)],
  ]);
}
