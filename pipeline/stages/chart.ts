#!/usr/bin/env -S npx tsx
// Stage chart: the three published charts as SVG text, keyed by output path.
// Pure: the write stage publishes the files; the same dataset and info give the same bytes.
import { armsChart } from '../charts/arms.js';
import { shortPublishers } from '../charts/format.js';
import { renderChart, sourceLine, type ChartSpec } from '../charts/svg.js';
import { trainingChart } from '../charts/training.js';
import { visitsChart } from '../charts/visits.js';
import type { ArmsRow, Dataset, TrainingRow, VisitRow } from '../types.js';
import { datasetVersion } from '../report/citation.js';
import { filesState, isMain, needs, type Stage } from './stage.js';

export interface ChartInfo {
  /** Dataset version, shown in every chart's source line. */
  version: string;
  /** Publishers of the source documents; shortened and deduplicated for the source line. */
  publishers: string[];
}

export const CHART_FILES = ['charts/arms-purchases.svg', 'charts/training-spending.svg', 'charts/secdef-visits.svg'] as const;

/**
 * How many facts a chart draws at most. A chart of thousands of rows is unreadable (and slow to lay
 * out); past these it shows the largest purchases and amounts and the latest visits, and says so.
 */
export const CHART_LIMITS = { arms: 25, training: 30, visits: 60 } as const;

export const chartStage: Stage<'chart'> = {
  name: 'chart',
  title: 'draws the three charts as SVG (Observable Plot in jsdom)',
  reads: ['validate'],
  async run(state) {
    const { data } = needs(state, 'validate');
    const charts = renderCharts(data, { version: datasetVersion(), publishers: [...new Set(data.sources.map((s) => s.publisher))] });
    return { result: charts, summary: `${charts.size} charts` };
  },
  ...filesState,
};

export function renderCharts(data: Dataset, info: ChartInfo): Map<string, string> {
  const source = sourceLine(shortPublishers(info.publishers), info.version);
  const arms = largestPurchases(data['arms-purchases']);
  const training = largestAmounts(data.training);
  const visits = latestVisits(data['secdef-visits']);
  return new Map<string, string>([
    ['charts/arms-purchases.svg', renderChart(noted(armsChart(arms.rows, source), arms.note))],
    ['charts/training-spending.svg', renderChart(noted(trainingChart(training.rows, source), training.note))],
    ['charts/secdef-visits.svg', renderChart(noted(visitsChart(visits.rows, source), visits.note))],
  ]);
}

interface Selection<R> {
  rows: R[];
  note: string | null;
}

function noted(spec: ChartSpec, note: string | null): ChartSpec {
  return note ? { ...spec, notes: [note, ...spec.notes] } : spec;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The purchases with the largest values (then the latest), each with its items. */
function largestPurchases(rows: ArmsRow[]): Selection<ArmsRow> {
  const top = rows.filter((r) => r.part_of === null);
  if (top.length <= CHART_LIMITS.arms) return { rows, note: null };
  const kept = [...top].sort((a, b) => (b.value_usd ?? -1) - (a.value_usd ?? -1) || (b.year ?? 0) - (a.year ?? 0) || byId(a, b)).slice(0, CHART_LIMITS.arms);
  const ids = new Set(kept.map((r) => r.id));
  return {
    rows: rows.filter((r) => ids.has(r.id) || (r.part_of !== null && ids.has(r.part_of))),
    note: `Showing the ${CHART_LIMITS.arms} largest of ${top.length} purchases; every row is in arms-purchases.csv.`,
  };
}

/** The largest amounts; rows without an amount stay (the chart counts them). */
function largestAmounts(rows: TrainingRow[]): Selection<TrainingRow> {
  const withAmount = rows.filter((r) => r.amount_usd !== null);
  if (withAmount.length <= CHART_LIMITS.training) return { rows, note: null };
  const kept = new Set([...withAmount].sort((a, b) => b.amount_usd! - a.amount_usd! || byId(a, b)).slice(0, CHART_LIMITS.training));
  return {
    rows: rows.filter((r) => r.amount_usd === null || kept.has(r)),
    note: `Showing the ${CHART_LIMITS.training} largest of ${withAmount.length} amounts; every row is in training.csv.`,
  };
}

/** The latest visits. */
function latestVisits(rows: VisitRow[]): Selection<VisitRow> {
  if (rows.length <= CHART_LIMITS.visits) return { rows, note: null };
  const kept = new Set([...rows].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || byId(a, b)).slice(0, CHART_LIMITS.visits));
  return { rows: rows.filter((r) => kept.has(r)), note: `Showing the ${CHART_LIMITS.visits} latest of ${rows.length} visits; every row is in secdef-visits.csv.` };
}

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('chart'));
