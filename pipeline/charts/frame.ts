// Layouts and the scene charts draw into. Each chart is laid out twice: a wide frame for screens
// from NARROW_BELOW px and a narrow one for phones, each with its own type sizes, so that no text is
// drawn under 12 px where it is shown. Layout is in viewBox units: jsdom cannot measure text, so
// widths come from ./text.ts estimates.
import { textWidth, wrap } from './text.js';

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

export type Anchor = 'start' | 'middle' | 'end';
export interface SceneText { x: number; y: number; text: string; role: TextRole; anchor: Anchor }
export type LineKind = 'grid' | 'rule' | 'axis';
export interface SceneLine { x1: number; y1: number; x2: number; y2: number; kind: LineKind }
export type RectKind = 'bar';
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

/** The "No facts yet" body of a chart whose table is empty. */
export function emptyBody(scene: Scene, top: number, message = 'No facts yet'): number {
  scene.text(scene.width / 2, top + 50, message, 'empty', 'middle');
  return top + 100;
}
