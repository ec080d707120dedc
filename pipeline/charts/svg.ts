// The shared part of every chart: a scene of positioned texts, lines, bars and dots drawn by
// Observable Plot into a jsdom document, framed by a title, subtitle, notes and credits, then
// finished into one self-contained, deterministic SVG (own <style>, <title>, <desc>, role="img",
// ids renumbered per chart, no fixed pixel size).
//
// Each chart is laid out twice: a wide frame for screens from 600 px and a narrow one for phones,
// each with its own type sizes, so that no text is drawn under 12 px where it is shown (see
// FRAMES). Colours are light unless the SVG, or an element around an inline SVG, has the class
// `chart-dark`: never the reader's system setting, which an <img> in a light page would follow
// into a black block. Layout is computed here in viewBox units (identity scales) because the
// charts place labels themselves: jsdom cannot measure text, so widths come from ./text.ts.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { textWidth, wrap } from './text.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

export type Tone = 'fg' | 'muted';
export type TextRole = 'title' | 'subtitle' | 'head' | 'label' | 'value' | 'muted' | 'tick' | 'note' | 'source' | 'empty';
interface TextStyle {
  size: number;
  bold: boolean;
  tone: Tone;
}

export type FrameName = 'wide' | 'narrow';

/** A layout: viewBox width, outer padding and the size of each kind of text, in viewBox units. */
export interface Frame {
  name: FrameName;
  width: number;
  pad: number;
  text: Record<TextRole, TextStyle>;
}

function styles(big: number, body: number, small: number, title: number): Record<TextRole, TextStyle> {
  return {
    title: { size: title, bold: true, tone: 'fg' },
    subtitle: { size: big, bold: false, tone: 'muted' },
    head: { size: big, bold: true, tone: 'fg' },
    label: { size: body, bold: false, tone: 'fg' },
    value: { size: body, bold: true, tone: 'fg' },
    muted: { size: body, bold: false, tone: 'muted' },
    tick: { size: small, bold: false, tone: 'muted' },
    note: { size: small, bold: false, tone: 'muted' },
    source: { size: small, bold: false, tone: 'muted' },
    empty: { size: big + 4, bold: false, tone: 'muted' },
  };
}

/**
 * The wide frame is shown from 600 px: at the narrowest, in a 568 px column, its 16-unit text is
 * 12.6 px. The narrow one is for phones: in a 288 px column (a 320 px screen less 16 px margins)
 * its 13-unit text is 12.5 px, and it only grows from there.
 */
export const FRAMES: Record<FrameName, Frame> = {
  wide: { name: 'wide', width: 720, pad: 16, text: styles(18, 16, 16, 26) },
  narrow: { name: 'narrow', width: 300, pad: 8, text: styles(14, 13, 13, 19) },
};

/** Screens narrower than this (CSS px) get the narrow frame in the embed code. */
export const NARROW_BELOW = 600;

export type Theme = 'light' | 'dark';

export type Anchor = 'start' | 'middle' | 'end';
export interface SceneText { x: number; y: number; text: string; role: TextRole; anchor: Anchor }
export type LineKind = 'grid' | 'rule' | 'axis';
export interface SceneLine { x1: number; y1: number; x2: number; y2: number; kind: LineKind }
export type RectKind = 'bar' | 'open';
export interface SceneRect { x1: number; y1: number; x2: number; y2: number; kind: RectKind }
export type DotKind = 'solid' | 'hollow';
export interface SceneDot { x: number; y: number; r: number; kind: DotKind }

/** Everything a chart draws, in viewBox units; `y` of a text is the middle of its line. */
export class Scene {
  readonly texts: SceneText[] = [];
  readonly lines: SceneLine[] = [];
  readonly rects: SceneRect[] = [];
  readonly dots: SceneDot[] = [];

  constructor(readonly frame: Frame) {}

  get width(): number {
    return this.frame.width;
  }
  get pad(): number {
    return this.frame.pad;
  }
  /** Estimated width of `text` drawn in `role`. */
  widthOf(text: string, role: TextRole): number {
    const style = this.frame.text[role];
    return textWidth(text, style.size, style.bold);
  }
  /** Height of a line of each kind: above the ~1.17 em box the widest system font draws. */
  lineHeight(role: TextRole): number {
    return Math.ceil(this.frame.text[role].size * 1.34);
  }
  /** `text` wrapped to `max` units in `role`, at most `lines` lines (the last one cut). */
  wrap(text: string, role: TextRole, max: number, lines: number): string[] {
    const style = this.frame.text[role];
    return wrap(text, max, style.size, style.bold, lines);
  }
  text(x: number, y: number, text: string, role: TextRole, anchor: Anchor = 'start'): void {
    if (text) this.texts.push({ x: round(x), y: round(y), text, role, anchor });
  }
  line(x1: number, y1: number, x2: number, y2: number, kind: LineKind): void {
    this.lines.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), kind });
  }
  rect(x1: number, y1: number, x2: number, y2: number, kind: RectKind): void {
    this.rects.push({ x1: round(x1), y1: round(y1), x2: round(x2), y2: round(y2), kind });
  }
  dot(x: number, y: number, r: number, kind: DotKind): void {
    this.dots.push({ x: round(x), y: round(y), r, kind });
  }
}

/** Two decimals are plenty in a viewBox of a few hundred units and keep the bytes short and stable. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export type ChartPrefix = 'arms' | 'training' | 'visits';

export interface ChartSpec {
  /** Prefix of the chart's CSS class and of its ids. */
  prefix: ChartPrefix;
  title: string;
  subtitle: string;
  /** Short notes under the chart: what a mark means, what is left out and where it is. */
  notes: string[];
  /** The finding in words, for <desc>. */
  desc: string;
  /** Coverage, source and dataset lines, in that order, fitted to the scene's frame. */
  credits: (scene: Scene) => string[];
  /** Draws the body from `top` down and returns the bottom. */
  body: (scene: Scene, top: number) => number;
}

/** What a chart module gives the chart stage: the spec without credits, and what it draws. */
export interface ChartPart<R> {
  spec: Omit<ChartSpec, 'credits'>;
  /** The rows the chart draws: its credits name the documents behind them, and no others. */
  drawn: R[];
  /** The years of the facts drawn, for the coverage line. */
  years: number[];
}

// Datawrapper-like palette: near-black text, grey secondary text, hairline grid, one blue accent.
const PALETTE = {
  light: { bg: '#ffffff', fg: '#1d1d1f', muted: '#595d63', grid: '#e3e3e3', rule: '#b9bdc2', accent: '#1f6aa8', soft: '#9ec3e6' },
  dark: { bg: '#18191b', fg: '#ececec', muted: '#aeb2b8', grid: '#303236', rule: '#5a5f66', accent: '#6cb2ee', soft: '#345f85' },
} as const;

function css(prefix: ChartPrefix): string {
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
      `${sel(' .r-open')} { fill: ${p.soft}; }`,
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

let shared: JSDOM | undefined;

/** One jsdom document for all charts: Plot only needs createElementNS and friends. */
function chartWindow(): JSDOM['window'] {
  shared ??= new JSDOM('<!DOCTYPE html><html><body></body></html>');
  return shared.window;
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** Texts of one role and anchor go into one Plot text mark, so the markup groups them. */
function textMarks(texts: SceneText[], frame: Frame): Plot.Markish[] {
  return groupBy(texts, (t) => `${t.role}|${t.anchor}`).map((items) => {
    const { role, anchor } = items[0]!;
    const style = frame.text[role];
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

function sceneMarks(scene: Scene): Plot.Markish[] {
  return [
    ...groupBy(scene.lines, (l) => l.kind).map((items) =>
      Plot.link(items, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: 'currentColor', strokeWidth: items[0]!.kind === 'grid' ? 1 : 1.5, className: `l-${items[0]!.kind}` }),
    ),
    ...groupBy(scene.rects, (r) => r.kind).map((items) => Plot.rect(items, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', fill: 'currentColor', className: `r-${items[0]!.kind}` })),
    ...groupBy(scene.dots, (d) => `${d.kind}|${d.r}`).map((items) =>
      Plot.dot(items, { x: 'x', y: 'y', r: items[0]!.r, fill: 'currentColor', stroke: 'currentColor', strokeWidth: 1.5, className: `d-${items[0]!.kind}` }),
    ),
    ...textMarks(scene.texts, scene.frame),
  ];
}

/** Draws the title, subtitle, body, notes and credits; returns the height. */
function compose(scene: Scene, spec: ChartSpec): number {
  const { pad } = scene;
  const inner = scene.width - 2 * pad;
  let y = pad;
  const block = (text: string, role: TextRole, lines: number) => {
    for (const line of scene.wrap(text, role, inner, lines)) {
      scene.text(pad, y + scene.lineHeight(role) / 2, line, role);
      y += scene.lineHeight(role);
    }
  };
  block(spec.title, 'title', 3);
  block(spec.subtitle, 'subtitle', 3);
  y = spec.body(scene, y + scene.lineHeight('tick') / 2) + 12;
  scene.line(pad, y, scene.width - pad, y, 'rule');
  y += 6;
  for (const note of spec.notes) block(note, 'note', 5);
  for (const credit of spec.credits(scene)) block(credit, 'source', 3);
  return Math.ceil(y + pad / 2);
}

/** The "No facts yet" body of a chart whose table is empty. */
export function emptyBody(scene: Scene, top: number, message = 'No facts yet'): number {
  scene.text(scene.width / 2, top + 50, message, 'empty', 'middle');
  return top + 100;
}

/** Renders a chart to SVG text. Pure: same spec, frame and theme, same bytes. */
export function renderChart(spec: ChartSpec, frame: Frame, theme: Theme): string {
  const window = chartWindow();
  const document = window.document;
  const scene = new Scene(frame);
  const height = compose(scene, spec);
  const svg = Plot.plot({
    document,
    width: frame.width,
    height,
    margin: 0,
    // Identity scales: the scene is already in viewBox units; Plot's own axes would only show those.
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    marks: sceneMarks(scene),
  }) as unknown as SVGSVGElement;
  finish(svg, spec, { frame, theme, height }, document);
  return new window.XMLSerializer().serializeToString(svg) + '\n';
}

/** Plot's root made self-contained, accessible and deterministic. */
function finish(svg: SVGSVGElement, spec: ChartSpec, view: { frame: Frame; theme: Theme; height: number }, document: Document): void {
  if (svg.localName !== 'svg') throw new Error(`chart ${spec.prefix}: Plot returned <${svg.localName}>, expected <svg>`);
  const { frame, theme, height } = view;
  // Ids differ per variant, so that the wide and narrow, light and dark charts fit in one page.
  const ids = [spec.prefix, frame.name === 'narrow' ? 'narrow' : '', theme === 'dark' ? 'dark' : ''].filter(Boolean).join('-');
  for (const style of [...svg.querySelectorAll('style')]) style.remove();
  for (const name of ['width', 'height', 'class', 'font-size', 'style']) svg.removeAttribute(name);
  svg.setAttribute('class', `chart-${spec.prefix}${theme === 'dark' ? ' chart-dark' : ''}`);
  svg.setAttribute('viewBox', `0 0 ${frame.width} ${height}`);
  svg.setAttribute('font-family', FONT_STACK);
  svg.setAttribute('role', 'img');
  for (const el of svg.querySelectorAll('*')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-hidden');
    el.removeAttribute('aria-description');
  }
  renumberIds(svg, ids);

  const make = (name: string, attributes: Record<string, string>, text?: string): Element => {
    const el = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  svg.setAttribute('aria-labelledby', `${ids}-title ${ids}-desc`);
  svg.prepend(
    make('title', { id: `${ids}-title` }, spec.title),
    make('desc', { id: `${ids}-desc` }, spec.desc),
    make('style', {}, css(spec.prefix)),
    make('rect', { class: 'bg', width: String(frame.width), height: String(height) }),
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
      if (attr.localName === 'href' && value.startsWith('#') && ids.has(value.slice(1))) value = `#${ids.get(value.slice(1))}`;
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
