// The cue vocabularies (sources/reference/vocabulary.json) compiled for lookup on tokens: every
// word form of every entry (verbs and nouns inflected here, irregular verbs from the data), indexed
// by its first token, so that a sentence's tokens are read once for all vocabularies.
import type { Token } from './tokens.js';

export interface VocabularyData {
  irregular_verbs: Record<string, string[]>;
  vocabularies: Record<string, { description: string; verbs?: string[]; nouns?: string[]; words?: string[] }>;
}

/** A run of tokens in one vocabulary: tokens [t0, t1). */
export interface Cue {
  vocab: string;
  t0: number;
  t1: number;
}

interface Phrase {
  vocab: string;
  norms: string[];
}

/** The regular forms of an English verb: visit, visits, visited, visiting (and doubled or e-dropping variants). */
export function verbForms(base: string, irregular: Record<string, string[]>): string[] {
  const forms = new Set([base, ...(irregular[base] ?? [])]);
  const last = base.at(-1)!;
  const stem = base.slice(0, -1);
  const consonantY = last === 'y' && !/[aeiou]/.test(base.at(-2) ?? '');
  forms.add(consonantY ? `${stem}ies` : /(?:s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : `${base}s`);
  if (!irregular[base] || base === 'be') {
    forms.add(consonantY ? `${stem}ied` : last === 'e' ? `${base}d` : `${base}ed`);
  }
  // The past of "visit" is visited, of "stop" stopped, of "travel" traveled or travelled: both
  // spellings are made; the one that is not a word never occurs.
  forms.add(`${base}${last}ed`);
  forms.add(last === 'e' && base !== 'be' && !base.endsWith('ee') ? `${stem}ing` : `${base}ing`);
  forms.add(`${base}${last}ing`);
  return [...forms];
}

export function nounForms(singular: string): string[] {
  const last = singular.at(-1)!;
  const plural = last === 'y' && !/[aeiou]/.test(singular.at(-2) ?? '') ? `${singular.slice(0, -1)}ies` : /(?:s|sh|ch|x|z)$/.test(singular) ? `${singular}es` : `${singular}s`;
  return [singular, plural];
}

/** Splits a written entry the way the tokenizer splits text ("n't" and "u.s." stay whole). */
function words(entry: string): string[] {
  return entry.split(' ').filter(Boolean);
}

export class Vocabulary {
  private readonly byFirst = new Map<string, Phrase[]>();
  readonly names: Set<string>;

  constructor(data: VocabularyData) {
    this.names = new Set(Object.keys(data.vocabularies));
    for (const [vocab, entry] of Object.entries(data.vocabularies)) {
      for (const verb of entry.verbs ?? []) {
        const [head, ...rest] = words(verb);
        for (const form of verbForms(head!, data.irregular_verbs)) this.add(vocab, [form, ...rest]);
      }
      for (const noun of entry.nouns ?? []) {
        const parts = words(noun);
        for (const form of nounForms(parts.at(-1)!)) this.add(vocab, [...parts.slice(0, -1), form]);
      }
      for (const word of entry.words ?? []) this.add(vocab, words(word));
    }
    // Longest phrase first, so that "secretary of defense" wins over "secretary".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.norms.length - a.norms.length || (a.vocab < b.vocab ? -1 : 1));
  }

  private add(vocab: string, norms: string[]): void {
    const list = this.byFirst.get(norms[0]!) ?? this.byFirst.set(norms[0]!, []).get(norms[0]!)!;
    if (!list.some((p) => p.vocab === vocab && p.norms.join(' ') === norms.join(' '))) list.push({ vocab, norms });
  }

  /**
   * Every vocabulary's runs in the tokens: for each vocabulary the longest run starting at a token,
   * runs of one vocabulary never overlapping. Punctuation is part of no phrase but "n't" and
   * abbreviations ("U.S.").
   */
  find(tokens: readonly Token[]): Cue[] {
    const out: Cue[] = [];
    const next = new Map<string, number>();
    for (let t = 0; t < tokens.length; t++) {
      const phrases = this.byFirst.get(tokens[t]!.norm);
      if (!phrases) continue;
      const done = new Set<string>();
      for (const p of phrases) {
        if (done.has(p.vocab) || t < (next.get(p.vocab) ?? 0)) continue;
        if (p.norms.every((n, k) => tokens[t + k]?.norm === n)) {
          out.push({ vocab: p.vocab, t0: t, t1: t + p.norms.length });
          next.set(p.vocab, t + p.norms.length);
          done.add(p.vocab);
        }
      }
    }
    return out;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }
}
