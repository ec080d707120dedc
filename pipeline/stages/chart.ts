// Stage chart: the three published charts as SVG text, keyed by output path.
// Pure: the runner writes the files; the same dataset and info give the same bytes.
import { armsChart } from '../charts/arms.js';
import { shortPublishers } from '../charts/format.js';
import { renderChart, sourceLine } from '../charts/svg.js';
import { trainingChart } from '../charts/training.js';
import { visitsChart } from '../charts/visits.js';
import type { Dataset } from '../types.js';

export interface ChartInfo {
  /** Dataset version, shown in every chart's source line. */
  version: string;
  /** Publishers of the source documents; shortened and deduplicated for the source line. */
  publishers: string[];
}

export const CHART_FILES = ['charts/arms-purchases.svg', 'charts/training-spending.svg', 'charts/secdef-visits.svg'] as const;

export function renderCharts(data: Dataset, info: ChartInfo): Map<string, string> {
  const source = sourceLine(shortPublishers(info.publishers), info.version);
  return new Map<string, string>([
    ['charts/arms-purchases.svg', renderChart(armsChart(data['arms-purchases'], source))],
    ['charts/training-spending.svg', renderChart(trainingChart(data.training, source))],
    ['charts/secdef-visits.svg', renderChart(visitsChart(data['secdef-visits'], source))],
  ]);
}
