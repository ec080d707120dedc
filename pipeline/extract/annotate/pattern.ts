// Patterns over tokens, as data (in the spirit of spaCy's Matcher): a pattern is a list of steps,
// each a test on a token (a word, a vocabulary, a capitalised word, a number, a lexicon span) with an
// optional count. A pattern matches forward from a token, or backward so that it ends right before
// one ("the words before a place"). Steps that name a vocabulary or a span take all their tokens.
import type { Annotated } from './sentence.js';
import type { TokenKind } from './tokens.js';

export interface Step {
  /** One of these words (folded). */
  word?: string | readonly string[];
  /** A run of this vocabulary (sources/reference/vocabulary.json). */
  vocab?: string;
  /** A capitalised word. */
  cap?: boolean;
  /** A token of this kind. */
  kind?: TokenKind;
  /** A span of the annotation: a place of the region, a secretary's name, a four-digit year. */
  span?: 'place' | 'secretary' | 'year' | 'money' | 'count';
  /** Any token. */
  any?: boolean;
  /** The step's test must fail (with `any`-like width 1). */
  not?: boolean;
  /** How many times: [min, max] (default [1, 1]); `opt` is [0, 1]. */
  times?: readonly [number, number];
  opt?: boolean;
}

export type Pattern = readonly Step[];

/** The token widths at which one step can match at t (forward) or end at t (backward). */
function widths(a: Annotated, t: number, step: Step, backward: boolean): number[] {
  const tokens = a.tokens;
  const at = backward ? t - 1 : t;
  const token = tokens[at];
  if (!token) return [];
  let out: number[] = [];
  if (step.vocab) {
    const runs = a.cue(step.vocab).filter((c) => (backward ? c.t1 === t : c.t0 === t));
    out = runs.map((c) => c.t1 - c.t0);
  } else if (step.span) {
    const spans = step.span === 'place' ? a.places.filter((p) => p.country.region === 'lac' && p.kind !== 'region') : step.span === 'secretary' ? a.secretaryNames : step.span === 'year' ? a.years : step.span === 'money' ? a.money : a.counts;
    out = spans.filter((s) => (backward ? s.t1 === t : s.t0 === t)).map((s) => s.t1 - s.t0);
  } else {
    let ok = step.any === true;
    if (step.word !== undefined) ok = typeof step.word === 'string' ? token.norm === step.word : step.word.includes(token.norm);
    else if (step.cap) ok = token.cap;
    else if (step.kind) ok = token.kind === step.kind;
    out = ok ? [1] : [];
  }
  if (step.not) return out.length === 0 ? [1] : [];
  return out;
}

function match(a: Annotated, t: number, steps: Pattern, i: number, backward: boolean, limit: number): number | null {
  if (i === steps.length) return t;
  const k = backward ? steps.length - 1 - i : i;
  const step = steps[k]!;
  const [min, max] = step.times ?? (step.opt ? [0, 1] : [1, 1]);
  // Greedy with backtracking, bounded by the step's maximum (patterns are short, counts small).
  const positions: number[][] = [[t]];
  for (let n = 1; n <= max; n++) {
    const next: number[] = [];
    for (const p of positions[n - 1]!) for (const w of widths(a, p, step, backward)) next.push(backward ? p - w : p + w);
    if (next.length === 0) break;
    positions.push([...new Set(next)]);
  }
  for (let n = positions.length - 1; n >= min; n--) {
    for (const p of positions[n]!) {
      if (!backward && p > limit) continue;
      const end = match(a, p, steps, i + 1, backward, limit);
      if (end !== null) return end;
    }
  }
  return null;
}

/** Where the pattern ends when it matches from token t on (exclusive), or null. */
export function matchAt(a: Annotated, t: number, steps: Pattern): number | null {
  return match(a, t, steps, 0, false, a.tokens.length);
}

/** Where the pattern starts when it matches ending right before token t, or null. */
export function matchBefore(a: Annotated, t: number, steps: Pattern): number | null {
  return match(a, t, steps, 0, true, a.tokens.length);
}
