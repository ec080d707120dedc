#!/usr/bin/env -S npx tsx
// Stage report: the run's reports for people: summary.md (what the run produced and what went
// wrong), changes.md (release notes against the previous release in --out) and index.html (the
// data page). Pure but for reading the previous release: the files come back by path relative to
// the reports folder, and the write stage publishes them.
import { relative } from 'node:path';
import { checkClaims } from '../claims.js';
import { buildChanges } from '../report/changes.js';
import type { DocumentSummary, ReportInput } from '../report/input.js';
import { buildIndexHtml } from '../report/page.js';
import { previousRelease } from '../report/previous.js';
import { buildSummary } from '../report/summary.js';
import { datasetVersion } from '../report/citation.js';
import type { SourceText } from '../sources/document.js';
import type { Dataset } from '../types.js';
import { filesState, isMain, needs, text, type Stage } from './stage.js';

export function buildReports(input: ReportInput): Map<string, string> {
  return new Map([
    ['changes.md', input.previousNotes ?? buildChanges(input.data, input.previous, input.version)],
    ['index.html', buildIndexHtml(input)],
    ['summary.md', buildSummary(input)],
  ]);
}

export const reportStage: Stage<'report'> = {
  name: 'report',
  title: 'writes summary.md, changes.md (against the previous release in --out) and the data page',
  reads: ['ingest', 'review', 'validate', 'export', 'chart'],
  async run(state, { options }) {
    const { docs } = needs(state, 'ingest');
    const reviewed = needs(state, 'review');
    const { data, problems } = needs(state, 'validate');
    const files = needs(state, 'export');
    const charts = needs(state, 'chart');
    const version = datasetVersion();
    const previous = previousRelease(options.out, options.reports, data, version);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const reports = buildReports({
      data,
      documents: summarize(docs, data),
      problems,
      review: reviewed,
      claims: checkClaims(reviewed.claims, data['secdef-visits'], data.evidence, (id) => byId.get(id)!.text),
      charts: new Map([...charts.keys()].map((path) => [path, text(charts, path)])),
      outputFiles: [...files.keys(), ...charts.keys()].sort(),
      previous: previous.data,
      previousNotes: previous.notes,
      version,
      outputHref: relative(options.reports, options.out) || '.',
      baseUrl: options.baseUrl,
    });
    return { result: reports, summary: `${reports.size} files` };
  },
  ...filesState,
};

/** Rows citing each document, per fact table (through the evidence table). */
function summarize(docs: SourceText[], data: Dataset): DocumentSummary[] {
  const cited = new Map<string, Map<string, (typeof data.evidence)[number]['table']>>();
  for (const e of data.evidence) {
    const records = cited.get(e.source_id) ?? cited.set(e.source_id, new Map()).get(e.source_id)!;
    if (!records.has(e.record_id)) records.set(e.record_id, e.table);
  }
  return docs.map((d) => {
    const facts = { 'secdef-visits': 0, 'arms-purchases': 0, training: 0 };
    for (const table of cited.get(d.id)?.values() ?? []) facts[table]++;
    return { id: d.id, title: d.meta.title, publisher: d.meta.publisher, url: d.meta.url, facts };
  });
}

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('report'));
