// Number and name formatting for chart labels: fixed English formatting, never the host locale.
import type { Qualifier } from '../types.js';
import { compareCodePoints } from '../lib/text.js';
import { clean } from './text.js';

/** 1234567 -> "1,234,567" (no locale: Intl and toLocaleString depend on the host). */
export function integer(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = Math.round(Math.abs(n)).toFixed(0);
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Three significant digits at most, trailing zeros dropped: 1.150 -> "1.15", 60.0 -> "60". */
function significant(x: number): string {
  const s = Number(x.toPrecision(3)).toFixed(2);
  return s.replace(/\.?0+$/, '');
}

/** "$1.15 billion", "$556 million", "$228,000", "$20". */
export function money(usd: number): string {
  const abs = Math.abs(usd);
  if (abs >= 999.5e6) return `$${significant(usd / 1e9)} billion`;
  if (abs >= 1e6) return `$${significant(usd / 1e6)} million`;
  if (Number.isInteger(usd)) return `$${integer(usd)}`;
  return `$${integer(Math.trunc(usd))}.${Math.round((abs % 1) * 100).toString().padStart(2, '0')}`;
}

/** Short tick labels: 1e4 -> "$10k", 1e6 -> "$1M", 1e9 -> "$1B". */
export function moneyTick(usd: number): string {
  if (usd >= 1e9) return `$${significant(usd / 1e9)}B`;
  if (usd >= 1e6) return `$${significant(usd / 1e6)}M`;
  if (usd >= 1e3) return `$${significant(usd / 1e3)}k`;
  return `$${significant(usd)}`;
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  approximate: 'about ',
  at_least: 'at least ',
  at_most: 'up to ',
};

/** An amount with its qualifier in words: "at least $1.15 billion". */
export function qualifiedMoney(usd: number, qualifier: Qualifier | null): string {
  return `${qualifier ? QUALIFIER_WORDS[qualifier] : ''}${money(usd)}`;
}

const NAME_SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

/** "William J. Perry" -> "Perry", "Lloyd J. Austin III" -> "Austin". */
export function surname(name: string): string {
  const parts = clean(name).replace(/,/g, ' ').split(' ').filter(Boolean);
  while (parts.length > 1 && NAME_SUFFIX.test(parts[parts.length - 1]!)) parts.pop();
  return parts[parts.length - 1] ?? '';
}

/** "1 fact", "3 facts". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${integer(n)} ${n === 1 ? one : many}`;
}

/** "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Publisher names for a source line: the part before any qualifier ("Defense Security Cooperation
 * Agency (DSCA), Major Arms Sales" -> "Defense Security Cooperation Agency"), deduplicated and
 * sorted by code point so that the line does not depend on the order sources were read.
 */
export function shortPublishers(publishers: readonly string[]): string[] {
  const short = new Set<string>();
  for (const p of publishers) {
    const name = clean(p).split(/ \(|, | [-–—] |: /u)[0]!.trim();
    if (name) short.add(name);
  }
  return [...short].sort(compareCodePoints);
}
