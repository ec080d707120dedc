// Embed code for the charts, and the picture the data page shows. Each chart has a wide and a
// narrow file, light and dark: the code picks the narrow one on screens under NARROW_BELOW px (its
// text stays at 12 px or more on a phone) and stays light whatever the reader's system setting,
// unless the host chooses the dark code. Addresses are absolute when the release was published
// with a base URL, so that the code works wherever it is pasted.
import { NARROW_BELOW } from '../charts/frame.js';
import { escapeHtml, escapeReadable, svgSize, svgText } from './html.js';

export interface Variant {
  path: string;
  width: number;
  height: number;
}

export interface Embeddable {
  title: string;
  alt: string;
  wide: Variant;
  narrow: Variant | null;
  dark: Variant | null;
  narrowDark: Variant | null;
}

const NARROW_MEDIA = `(max-width: ${NARROW_BELOW - 1}px)`;
const DARK_MEDIA = '(prefers-color-scheme: dark)';

/** The files of one chart that the release has, with their sizes; null without the wide, light one. */
export function embeddable(slug: string, charts: Map<string, string>, has: Set<string>): Embeddable | null {
  const variant = (suffix: string): Variant | null => {
    const path = `charts/${slug}${suffix}.svg`;
    const size = has.has(path) ? svgSize(charts.get(path) ?? '') : null;
    return size ? { path, ...size } : null;
  };
  const wide = variant('');
  if (!wide) return null;
  const svg = charts.get(wide.path)!;
  return { title: svgText(svg, 'title') ?? slug, alt: svgText(svg, 'desc') ?? '', wide, narrow: variant('-narrow'), dark: variant('-dark'), narrowDark: variant('-narrow-dark') };
}

type Escape = (s: string) => string;

function source(url: string, media: string, v: Variant, esc: Escape): string {
  return `<source media="${media}" srcset="${esc(url)}" width="${v.width}" height="${v.height}">`;
}

/** `styled`: with its own sizing, for other pages (the data page's CSP allows no style attribute; its sheet sizes it). */
function img(url: string, alt: string, v: Variant, esc: Escape, styled: boolean): string {
  return `<img src="${esc(url)}" alt="${esc(alt)}" width="${v.width}" height="${v.height}"${styled ? ' style="display:block;width:100%;height:auto"' : ''}>`;
}

/** The code to paste: the light files, or the dark ones for a dark page; addresses from `href`. */
export function embedCode(e: Embeddable, href: (path: string) => string, theme: 'light' | 'dark'): string {
  const wide = theme === 'dark' ? e.dark : e.wide;
  const narrow = theme === 'dark' ? e.narrowDark : e.narrow;
  if (!wide) return '';
  const lines = ['<picture>'];
  if (narrow) lines.push(`  ${source(href(narrow.path), NARROW_MEDIA, narrow, escapeReadable)}`);
  lines.push(`  ${img(href(wide.path), e.alt, wide, escapeReadable, true)}`, '</picture>');
  return lines.join('\n');
}

/** The data page's own picture: the page follows the reader's setting, so its charts may too. */
export function pagePicture(e: Embeddable, href: (path: string) => string): string {
  const sources = [
    e.narrowDark ? source(href(e.narrowDark.path), `${DARK_MEDIA} and ${NARROW_MEDIA}`, e.narrowDark, escapeHtml) : '',
    e.dark ? source(href(e.dark.path), DARK_MEDIA, e.dark, escapeHtml) : '',
    e.narrow ? source(href(e.narrow.path), NARROW_MEDIA, e.narrow, escapeHtml) : '',
  ].filter(Boolean);
  return `<picture>\n${[...sources, img(href(e.wide.path), e.alt, e.wide, escapeHtml, false)].join('\n')}\n</picture>`;
}
