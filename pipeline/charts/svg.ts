// The shared part of every chart: a scene of positioned texts, lines, bars and dots drawn by
// Observable Plot into a jsdom document, framed by a title, subtitle, notes and source line, then
// finished into one self-contained, deterministic SVG (own <style> with a dark variant, <title>,
// <desc>, role="img", ids renumbered per chart, no fixed pixel size).
//
// Layout is computed here in viewBox units (x and y scales are identity scales) because the charts
// place labels themselves: jsdom cannot measure text, so positions come from ./text.ts estimates.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { textWidth, truncate, wrap } from './text.js';

/** viewBox width. Narrow on purpose: at 320 px on a phone the scale is 1/2, so 20-unit labels read as 10 px. */
export const WIDTH = 640;
/** Outer padding left and right (and at the top and bottom). */
export const PAD = 16;

/** The source line may wrap to this many lines; publishers beyond them become "and N more". */
const SOURCE_LINES = 2;
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

export type Tone = 'fg' | 'muted';
export type TextRole = 'title' | 'subtitle' | 'head' | 'label' | 'value' | 'muted' | 'tick' | 'note' | 'source' | 'empty';

/** Font size (viewBox units), weight and colour of each kind of text. */
export const TEXT: Record<TextRole, { size: number; bold: boolean; tone: Tone }> = {
  title: { size: 30, bold: true, tone: 'fg' },
  subtitle: { size: 21, bold: false, tone: 'muted' },
  head: { size: 21, bold: true, tone: 'fg' },
  label: { size: 20, bold: false, tone: 'fg' },
  value: { size: 20, bold: true, tone: 'fg' },
  muted: { size: 20, bold: false, tone: 'muted' },
  tick: { size: 18, bold: false, tone: 'muted' },
  note: { size: 18, bold: false, tone: 'muted' },
  source: { size: 18, bold: false, tone: 'muted' },
  empty: { size: 24, bold: false, tone: 'muted' },
};

/** Height of a line of each kind: above the ~1.17 em box the widest system font draws. */
export function lineHeight(role: TextRole): number {
  return Math.ceil(TEXT[role].size * 1.34);
}

/** Estimated width of `text` drawn in `role`. */
export function widthOf(text: string, role: TextRole): number {
  return textWidth(text, TEXT[role].size, TEXT[role].bold);
}

export type Anchor = 'start' | 'middle' | 'end';
export interface SceneText { x: number; y: number; text: string; role: TextRole; anchor: Anchor }
export type LineKind = 'grid' | 'rule' | 'connector';
export interface SceneLine { x1: number; y1: number; x2: number; y2: number; kind: LineKind }
export type RectKind = 'bar' | 'open';
export interface SceneRect { x1: number; y1: number; x2: number; y2: number; kind: RectKind }
export type DotKind = 'solid' | 'hollow';
export interface SceneDot { x: number; y: number; kind: DotKind }

/** Everything a chart draws, in viewBox units; `y` of a text is the middle of its line. */
export class Scene {
  readonly texts: SceneText[] = [];
  readonly lines: SceneLine[] = [];
  readonly rects: SceneRect[] = [];
  readonly dots: SceneDot[] = [];

  text(x: number, y: number, text: string, role: TextRole, anchor: Anchor = 'start'): void {
    if (text) this.texts.push({ x: round(x), y: round(y), text, role, anchor });
  }
  line(x1: number, y1: number, x2: number, y2: number, kind: LineKind): void {
    this.lines.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), kind });
  }
  rect(x1: number, y1: number, x2: number, y2: number, kind: RectKind): void {
    this.rects.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), kind });
  }
  dot(x: number, y: number, kind: DotKind): void {
    this.dots.push({ x: round(x), y: round(y), kind });
  }
}

/** Two decimals are plenty in a 640-unit viewBox and keep the bytes short and stable. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export type ChartPrefix = 'arms' | 'training' | 'visits';

export interface ChartSpec {
  /** Prefix of every id in the chart and of its CSS class, so that several charts fit in one page. */
  prefix: ChartPrefix;
  title: string;
  subtitle: string;
  /** Short notes under the chart (e.g. what a "?" means). */
  notes: string[];
  /** The finding in words, for <desc>. */
  desc: string;
  /** The visible source line. */
  source: string;
  /** Draws the body from `top` down and returns the bottom. */
  body: (scene: Scene, top: number) => number;
}

// Datawrapper-like palette: near-black text, grey secondary text, hairline grid, one blue accent.
const PALETTE = {
  light: { bg: '#ffffff', fg: '#1d1d1f', muted: '#5f6368', grid: '#e3e3e3', rule: '#c4c4c4', accent: '#1f6aa8', soft: '#9ec3e6' },
  dark: { bg: '#18191b', fg: '#ececec', muted: '#a9adb3', grid: '#303236', rule: '#4d5157', accent: '#6cb2ee', soft: '#2f5f8a' },
} as const;

function css(prefix: ChartPrefix): string {
  const root = `.chart-${prefix}`;
  const rules = (p: (typeof PALETTE)[keyof typeof PALETTE]): string[] => [
    `${root} { color: ${p.fg}; }`,
    `${root} .bg { fill: ${p.bg}; }`,
    `${root} .t-fg { fill: ${p.fg}; }`,
    `${root} .t-muted { fill: ${p.muted}; }`,
    `${root} .l-grid { stroke: ${p.grid}; }`,
    `${root} .l-rule, ${root} .l-connector { stroke: ${p.rule}; }`,
    `${root} .r-bar { fill: ${p.accent}; }`,
    `${root} .r-open { fill: ${p.soft}; }`,
    `${root} .d-solid { fill: ${p.accent}; stroke: ${p.bg}; }`,
    `${root} .d-hollow { fill: ${p.bg}; stroke: ${p.accent}; }`,
  ];
  return [
    `${root} { width: 100%; height: auto; display: block; font-family: ${FONT_STACK}; }`,
    `${root} text { white-space: pre; }`,
    ...rules(PALETTE.light),
    '@media (prefers-color-scheme: dark) {',
    ...rules(PALETTE.dark).map((r) => `  ${r}`),
    '}',
  ].join('\n');
}

let shared: JSDOM | undefined;

/** One jsdom document for all charts: Plot only needs createElementNS and friends. */
function chartWindow(): JSDOM['window'] {
  shared ??= new JSDOM('<!DOCTYPE html><html><body></body></html>');
  return shared.window;
}

/** Texts of one role and anchor go into one Plot text mark, so the markup groups them. */
function textMarks(texts: SceneText[]): Plot.Markish[] {
  const groups = new Map<string, SceneText[]>();
  for (const t of texts) {
    const key = `${t.role}|${t.anchor}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  return [...groups.values()].map((items) => {
    const { role, anchor } = items[0]!;
    const style = TEXT[role];
    return Plot.text(items, {
      x: 'x',
      y: 'y',
      text: 'text',
      textAnchor: anchor,
      lineAnchor: 'middle',
      fontSize: style.size,
      fontWeight: style.bold ? 'bold' : 'normal',
      className: `t-${style.tone}`,
    });
  });
}

function byKind<T extends { kind: string }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.kind);
    if (group) group.push(item);
    else groups.set(item.kind, [item]);
  }
  return [...groups.values()];
}

function sceneMarks(scene: Scene): Plot.Markish[] {
  return [
    ...byKind(scene.lines).map((items) =>
      Plot.link(items, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: 'currentColor',
        strokeWidth: items[0]!.kind === 'grid' ? 1 : 1.5,
        strokeDasharray: items[0]!.kind === 'connector' ? '3,3' : undefined,
        className: `l-${items[0]!.kind}`,
      }),
    ),
    ...byKind(scene.rects).map((items) =>
      Plot.rect(items, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', rx: 2, fill: 'currentColor', className: `r-${items[0]!.kind}` }),
    ),
    ...byKind(scene.dots).map((items) =>
      Plot.dot(items, { x: 'x', y: 'y', r: 5.5, fill: 'currentColor', stroke: 'currentColor', strokeWidth: 2, className: `d-${items[0]!.kind}` }),
    ),
    ...textMarks(scene.texts),
  ];
}

/** Draws the title, subtitle (wrapped if it must), body, notes and source line; returns the height. */
function compose(scene: Scene, spec: ChartSpec): number {
  const inner = WIDTH - 2 * PAD;
  let y = PAD;
  for (const line of wrap(spec.title, inner, TEXT.title.size, true, 2)) {
    scene.text(PAD, y + lineHeight('title') / 2, line, 'title');
    y += lineHeight('title');
  }
  for (const line of wrap(spec.subtitle, inner, TEXT.subtitle.size, false, 2)) {
    scene.text(PAD, y + lineHeight('subtitle') / 2, line, 'subtitle');
    y += lineHeight('subtitle');
  }
  y = spec.body(scene, y + 14) + 14;
  scene.line(PAD, y, WIDTH - PAD, y, 'rule');
  y += 6;
  for (const note of spec.notes) {
    for (const line of wrap(note, inner, TEXT.note.size, false, 3)) {
      scene.text(PAD, y + lineHeight('note') / 2, line, 'note');
      y += lineHeight('note');
    }
  }
  for (const line of wrap(spec.source, inner, TEXT.source.size, false, SOURCE_LINES)) {
    scene.text(PAD, y + lineHeight('source') / 2, line, 'source');
    y += lineHeight('source');
  }
  return Math.ceil(y + PAD / 2);
}

/** The "No facts yet" body of a chart whose table is empty. */
export function emptyBody(scene: Scene, top: number, message = 'No facts yet'): number {
  scene.text(WIDTH / 2, top + 60, message, 'empty', 'middle');
  return top + 120;
}

/** Renders a chart to SVG text. Pure: same spec, same bytes. */
export function renderChart(spec: ChartSpec): string {
  const window = chartWindow();
  const document = window.document;
  const scene = new Scene();
  const height = compose(scene, spec);
  const svg = Plot.plot({
    document,
    width: WIDTH,
    height,
    margin: 0,
    // Identity scales: the scene is already in viewBox units; Plot's own axes would only show those.
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    marks: sceneMarks(scene),
  }) as unknown as SVGSVGElement;
  finish(svg, spec, height, document);
  return new window.XMLSerializer().serializeToString(svg) + '\n';
}

/** Plot's root made self-contained, accessible and deterministic. */
function finish(svg: SVGSVGElement, spec: ChartSpec, height: number, document: Document): void {
  if (svg.localName !== 'svg') throw new Error(`chart ${spec.prefix}: Plot returned <${svg.localName}>, expected <svg>`);
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const name of ['width', 'height', 'class', 'font-size', 'style']) svg.removeAttribute(name);
  svg.setAttribute('class', `chart-${spec.prefix}`);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  svg.setAttribute('font-family', FONT_STACK);
  svg.setAttribute('role', 'img');
  for (const el of svg.querySelectorAll('*')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-hidden');
    el.removeAttribute('aria-description');
  }
  renumberIds(svg, spec.prefix);

  const make = (name: string, attributes: Record<string, string>, text?: string): Element => {
    const el = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  svg.setAttribute('aria-labelledby', `${spec.prefix}-title ${spec.prefix}-desc`);
  svg.prepend(
    make('title', { id: `${spec.prefix}-title` }, spec.title),
    make('desc', { id: `${spec.prefix}-desc` }, spec.desc),
    make('style', {}, css(spec.prefix)),
    make('rect', { class: 'bg', width: String(WIDTH), height: String(height) }),
  );
  roundAttributes(svg);
}

/**
 * Plot numbers clip paths and markers with process-global counters ("plot-clip-3"), so the same
 * chart drawn twice, or two charts in one page, would differ or collide. Every id becomes
 * `<prefix>-<n>` in document order, and url(#...) and href="#..." references follow.
 */
export function renumberIds(svg: SVGSVGElement, prefix: string): void {
  const ids = new Map<string, string>();
  for (const el of svg.querySelectorAll('[id]')) {
    const id = el.getAttribute('id')!;
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
    el.setAttribute('id', ids.get(id)!);
  }
  if (ids.size === 0) return;
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      let value = attr.value.replace(/url\(\s*#([^)\s]+)\s*\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));
      if ((attr.localName === 'href') && value.startsWith('#') && ids.has(value.slice(1))) value = `#${ids.get(value.slice(1))}`;
      if (value !== attr.value) el.setAttributeNS(attr.namespaceURI, attr.name, value);
    }
  }
}

/** Plot computes some coordinates itself (e.g. 219.99999999999997): two decimals are enough. */
function roundAttributes(svg: SVGSVGElement): void {
  const numeric = /^(x|y|x1|x2|y1|y2|cx|cy|r|rx|width|height|d|transform|points)$/;
  for (const el of svg.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (!numeric.test(attr.name)) continue;
      const value = attr.value.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
}

/**
 * "Source: A; B; C · Dataset version 1.2.0": publishers are shortened and deduplicated by the caller;
 * here the list is cut to what fits in SOURCE_LINES lines, ending "and N more". The version is never cut.
 */
export function sourceLine(publishers: readonly string[], version: string): string {
  const tail = ` · Dataset version ${version}`;
  const inner = WIDTH - 2 * PAD;
  const fits = (s: string): boolean => {
    const lines = wrap(s, inner, TEXT.source.size, false, 99);
    return lines.length <= SOURCE_LINES && lines.every((l) => widthOf(l, 'source') <= inner && !l.endsWith('…'));
  };
  if (publishers.length === 0) return `Source: news articles and government releases${tail}`;
  const line = (n: number) => `Source: ${publishers.slice(0, n).join('; ')}${n < publishers.length ? ` and ${publishers.length - n} more` : ''}${tail}`;
  // The most publishers that fit, by bisection: trying each count in turn took 43 s for 4,000 publishers.
  let lo = 0;
  let hi = publishers.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(line(mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo >= 1) return line(lo);
  const rest = publishers.length - 1;
  const more = `${rest ? ` and ${rest} more` : ''}${tail}`;
  const room = inner - widthOf(`Source: ${more}`, 'source');
  return `Source: ${truncate(publishers[0]!, Math.max(room, 40), TEXT.source.size)}${more}`;
}
