// The charts' own style sheet: light by default; dark only where the SVG, or an element around an
// inline SVG, has the class `chart-dark`. Never the reader's system setting, which an <img> in a
// light page would follow into a black block.
import type { ChartPrefix } from './svg.js';

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

// Datawrapper-like palette: near-black text, grey secondary text, hairline grid, one blue accent.
const PALETTE = {
  light: { bg: '#ffffff', fg: '#1d1d1f', muted: '#595d63', grid: '#e3e3e3', rule: '#b9bdc2', accent: '#1f6aa8' },
  dark: { bg: '#18191b', fg: '#ececec', muted: '#aeb2b8', grid: '#303236', rule: '#5a5f66', accent: '#6cb2ee' },
} as const;

export function css(prefix: ChartPrefix): string {
  const root = `.chart-${prefix}`;
  const rules = (p: (typeof PALETTE)[keyof typeof PALETTE], scope: string): string[] => {
    const s = scope.split(', ');
    const sel = (inner: string) => s.map((x) => `${x}${inner}`).join(', ');
    return [
      `${sel('')} { color: ${p.fg}; }`,
      `${sel(' .bg')} { fill: ${p.bg}; }`,
      `${sel(' .t-fg')} { fill: ${p.fg}; }`,
      `${sel(' .t-muted')} { fill: ${p.muted}; }`,
      `${sel(' .l-grid')} { stroke: ${p.grid}; }`,
      `${sel(' .l-rule')}, ${sel(' .l-axis')} { stroke: ${p.rule}; }`,
      `${sel(' .r-bar')} { fill: ${p.accent}; }`,
      `${sel(' .d-solid')} { fill: ${p.accent}; stroke: ${p.bg}; }`,
      `${sel(' .d-hollow')} { fill: ${p.bg}; stroke: ${p.accent}; }`,
    ];
  };
  return [
    `${root} { width: 100%; height: auto; display: block; font-family: ${FONT_STACK}; }`,
    `${root} text { white-space: pre; }`,
    ...rules(PALETTE.light, root),
    // Dark only where asked: the dark files carry the class, and a page can set it around an inline SVG.
    ...rules(PALETTE.dark, `${root}.chart-dark, .chart-dark ${root}`),
  ].join('\n');
}
