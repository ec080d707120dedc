// HTML building blocks for the data page: escaping (every piece of data text goes through here),
// safe links, and number formatting that depends on no locale.
import { formatNumber } from '../lib/serialize.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The same escaping for HTML that people read and paste (the embed snippets): apostrophes stay
 * apostrophes, which is safe inside double-quoted attributes and easier on the eye.
 */
export function escapeReadable(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

/** Only web links become hrefs: a `javascript:` or `data:` URL in a source sidecar stays text. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

/** A link when the URL is a web link, else the escaped text alone. */
export function link(url: string | null | undefined, text: string): string {
  const href = safeUrl(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** 1150000000 → "1,150,000,000": thousands grouped by hand, so the page never depends on the locale. */
export function groupDigits(n: number): string {
  const [whole = '', fraction] = formatNumber(n).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Text for people, not for machines: hidden from sight, read by screen readers. */
export function visuallyHidden(text: string): string {
  return `<span class="vh">${escapeHtml(text)}</span>`;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<tag>` of an SVG document, entities decoded (for alt text and captions). */
export function svgText(svg: string, tag: 'title' | 'desc'): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(svg);
  if (!match) return null;
  const text = match[1]!
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return XML_ENTITIES[name] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

/** Width and height of an SVG from its viewBox (or width/height attributes), to reserve its space on the page. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const box = /\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/.exec(open);
  const width = Number(box?.[1] ?? /\bwidth\s*=\s*["']([\d.]+)(?:px)?["']/.exec(open)?.[1]);
  const height = Number(box?.[2] ?? /\bheight\s*=\s*["']([\d.]+)(?:px)?["']/.exec(open)?.[1]);
  return width > 0 && height > 0 ? { width: Math.round(width), height: Math.round(height) } : null;
}

/**
 * A table in a horizontally scrolling, focusable region labelled by its caption (hidden from view:
 * the section heading above says the same). `caption` and `head` are markup already escaped;
 * `tableId` names the table itself when a filter controls it.
 */
export function scrollTable(id: string, caption: string, head: string, rows: string[], tableId?: string): string {
  return `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table${tableId ? ` id="${tableId}"` : ''}>
<caption id="${id}-caption" class="vh">${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}
