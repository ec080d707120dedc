// A chart finished into SVG: the scene (./frame.ts) drawn by Observable Plot into a jsdom document,
// framed by a title, subtitle, notes and credits, then made one self-contained, deterministic SVG
// (own <style>, <title>, <desc>, role="img", ids renumbered per chart and variant, no fixed pixel
// size). Scene coordinates are already viewBox units, so Plot's scales are identity scales.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { type Frame, Scene, type SceneText, type TextRole } from './frame.js';
import { FONT_STACK, css } from './style.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export type Theme = 'light' | 'dark';

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
