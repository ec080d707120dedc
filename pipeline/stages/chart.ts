#!/usr/bin/env -S npx tsx
// Stage chart: the published charts as SVG text, keyed by output path. Each chart comes in four
// files: wide and narrow (for phones), light and dark (for pages that choose a dark theme).
// Pure: the write stage publishes the files; the same dataset and version give the same bytes.
import { armsChart } from '../charts/arms.js';
import { coverageOf, creditLines } from '../charts/credits.js';
import { FRAMES, type FrameName } from '../charts/frame.js';
import { type ChartPart, type Theme, renderChart } from '../charts/svg.js';
import { trainingChart } from '../charts/training.js';
import { visitsChart } from '../charts/visits.js';
import type { Dataset } from '../types.js';
import { datasetVersion } from '../report/citation.js';
import { filesState, isMain, needs, type Stage } from './stage.js';

export interface ChartInfo {
  /** Dataset version, shown in every chart's credits. */
  version: string;
}

export const CHARTS = [
  { slug: 'arms-purchases', table: 'arms-purchases', build: (d: Dataset): ChartPart<{ id: string; source_id: string }> => armsChart(d['arms-purchases']) },
  { slug: 'training-spending', table: 'training', build: (d: Dataset): ChartPart<{ id: string; source_id: string }> => trainingChart(d.training) },
  { slug: 'secdef-visits', table: 'secdef-visits', build: (d: Dataset): ChartPart<{ id: string; source_id: string }> => visitsChart(d['secdef-visits']) },
] as const;

export type ChartSlug = (typeof CHARTS)[number]['slug'];

/** "charts/arms-purchases.svg", "charts/arms-purchases-narrow-dark.svg". */
export function chartPath(slug: ChartSlug, frame: FrameName = 'wide', theme: Theme = 'light'): string {
  return `charts/${slug}${frame === 'narrow' ? '-narrow' : ''}${theme === 'dark' ? '-dark' : ''}.svg`;
}

/** The wide, light charts: the names the output contract gives. */
export const CHART_FILES = CHARTS.map((c) => chartPath(c.slug));

const VARIANTS: [FrameName, Theme][] = [
  ['wide', 'light'],
  ['narrow', 'light'],
  ['wide', 'dark'],
  ['narrow', 'dark'],
];

export const chartStage: Stage<'chart'> = {
  name: 'chart',
  title: 'draws the three charts as SVG (Observable Plot in jsdom)',
  reads: ['validate'],
  async run(state) {
    const { data } = needs(state, 'validate');
    const charts = renderCharts(data, { version: datasetVersion() });
    return { result: charts, summary: `${charts.size} charts` };
  },
  ...filesState,
};

export function renderCharts(data: Dataset, info: ChartInfo): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of CHARTS) {
    const part = chart.build(data);
    const coverage = coverageOf(data, part.drawn, part.years);
    const spec = { ...part.spec, credits: (scene: Parameters<typeof creditLines>[0]) => creditLines(scene, coverage, info.version) };
    for (const [frame, theme] of VARIANTS) files.set(chartPath(chart.slug, frame, theme), renderChart(spec, FRAMES[frame], theme));
  }
  return files;
}

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('chart'));
