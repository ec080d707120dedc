// What the visit rules read of a sentence beyond its annotation: the places of the region it names
// (joined, described, or referred to: "here", "the country", "Brazil's capital"), its clauses, and
// who acts in it. And what they emit: visit mentions, turned into facts by the visit resolver.
import type { CalendarDate } from '../../../lib/dates.js';
import type { Country, Secretary } from '../../../lib/reference.js';
import type { OtherAgent, RefKind, SecretaryRef } from '../../agents.js';
import type { Annotated } from '../../annotate/sentence.js';
import type { DocContext } from '../../context.js';

export interface PlaceRef {
  t0: number;
  t1: number;
  country: Country;
  city: string | null;
  /** "here" or "the country": a place the document established, not one this sentence names. */
  referred: boolean;
}

export interface Clause {
  t0: number;
  t1: number;
}

export interface VisitEnv {
  ctx: DocContext;
  /** Who is speaking, in a transcript or a speech ("I", "we" are them). */
  speaker: Secretary | null;
  refs: SecretaryRef[];
  others: OtherAgent[];
  places: PlaceRef[];
  clauses: Clause[];
}

export interface Claim {
  kind: 'first-since' | 'nth-ever' | 'first-ever';
  country: Country;
  since: number | null;
  ordinal: number | null;
  secretary: Secretary | null;
}

export interface VisitMention {
  rule: string;
  place: PlaceRef;
  secretary: Secretary | null;
  /** How the text refers to the secretary; 'past' for a visit it mentions in passing. */
  agent: RefKind | 'past';
  /** The visit's own date, when the text gives one. */
  when: CalendarDate | null;
  /** A visit before the story's (its city is not kept: the text rarely says it). */
  historical: boolean;
  claim?: Claim;
  /** A claim about visits that states no visit of its own ("only the third to visit Mexico ever"). */
  claimOnly?: boolean;
}

/** Clause boundaries: ";", ":", a dash, and a comma before a conjunction or a relative word. */
const AUXILIARIES = ['has', 'have', 'had', 'will', 'would', 'is', 'was', 'were', 'are'];
const CLAUSE_OPENERS = ['but', 'while', 'although', 'though', 'whereas', 'which', 'who', 'where', 'when', 'after', 'before', 'as', 'because', 'since'];

const OBJECT_OPENERS = ['it', 'the', 'a', 'an', 'to', 'that', 'some', 'about', 'its', 'their', 'more', 'over'];

/** ", and estimates it will spend": a second verb of the same subject, a lowercase -s or -ed word taking an object. */
function secondPredicate(a: Annotated, i: number): boolean {
  const verb = a.tokens[i + 2];
  if (a.tokens[i]!.text !== ',' || a.tokens[i + 1]?.norm !== 'and' || !verb || verb.cap || verb.kind !== 'word') return false;
  return /(?:[^s]s|ed)$/.test(verb.norm) && OBJECT_OPENERS.includes(a.tokens[i + 3]?.norm ?? '');
}

/**
 * The clauses of a sentence. With `predicates`, a second verb of the same subject ("and has since
 * committed", ", and estimates it will spend") starts a clause too: each predicate has its own
 * figure. The visit rules keep them together, so that the shared subject stays in reach ("Austin is
 * traveling to Brasilia and will also stop in Colombia").
 */
export function clausesOf(a: Annotated, predicates = false): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  a.tokens.forEach((t, i) => {
    const hard = [';', ':', '—', '–'].includes(t.text);
    const second = predicates && ((t.norm === 'and' && AUXILIARIES.includes(a.tokens[i + 1]?.norm ?? '')) || secondPredicate(a, i));
    const soft = (t.text === ',' && CLAUSE_OPENERS.includes(a.tokens[i + 1]?.norm ?? '')) || second;
    if (hard || soft) {
      if (i > start) out.push({ t0: start, t1: i });
      start = i + 1;
    }
  });
  if (start < a.tokens.length) out.push({ t0: start, t1: a.tokens.length });
  return out;
}

export function clauseAt(clauses: Clause[], t: number): Clause {
  return clauses.find((c) => c.t0 <= t && t < c.t1) ?? { t0: 0, t1: Number.MAX_SAFE_INTEGER };
}

const REFERRING = ['the', 'this', 'that'];
const COUNTRY_WORDS = ['country', 'nation', 'republic'];

/**
 * Places of Latin America and the Caribbean in the sentence: named ones ("Buenos Aires, Argentina"
 * joined into one; "the Brazilian capital" and "Brazil's capital" as the capital), and places the
 * document established: "here" (the dateline's or the story's place) and "the country", "this
 * beautiful capital city" (the place the story is in).
 */
export function placesOf(a: Annotated, ctx: DocContext): PlaceRef[] {
  const tokens = a.tokens;
  const out: PlaceRef[] = [];
  const lac = a.places.filter((p) => p.country.region === 'lac' && p.kind !== 'region');
  for (let i = 0; i < lac.length; i++) {
    const p = lac[i]!;
    if (p.kind === 'demonym' || p.possessive) {
      // "the Brazilian capital", "Brazil's capital": the capital city.
      const after = p.possessive && tokens[p.t1]?.norm === "'s" ? p.t1 + 1 : p.t1;
      if (tokens[after]?.norm === 'capital') out.push({ t0: p.t0, t1: after + 1, country: p.country, city: p.country.capital, referred: false });
      continue;
    }
    const next = lac[i + 1];
    if (next && next.country === p.country && p.kind === 'city' && next.kind === 'country' && tokens[p.t1]?.text === ',' && next.t0 === p.t1 + 1) {
      out.push({ t0: p.t0, t1: next.t1, country: p.country, city: p.city, referred: false });
      i++;
      continue;
    }
    out.push({ t0: p.t0, t1: p.t1, country: p.country, city: p.kind === 'city' ? p.city : null, referred: false });
  }
  return referredPlaces(a, ctx, out).sort((x, y) => x.t0 - y.t0);
}

/** The named places with the places the sentence refers to: "here", "there", "the country", "this capital city". */
function referredPlaces(a: Annotated, ctx: DocContext, out: PlaceRef[]): PlaceRef[] {
  const tokens = a.tokens;
  const here = ctx.here;
  const story = here?.country ?? (ctx.mainCountry?.region === 'lac' ? ctx.mainCountry : null);
  for (const t of tokens) {
    if (t.norm === 'here' && here) out.push({ t0: t.i, t1: t.i + 1, country: here.country, city: here.city, referred: true });
    // "there": the place named last before it in the sentence.
    const last = out.filter((p) => p.t1 <= t.i && !p.referred).at(-1);
    if (t.norm === 'there' && last && tokens[t.i + 1]?.norm !== 'is' && tokens[t.i + 1]?.norm !== 'are' && tokens[t.i + 1]?.norm !== 'was' && tokens[t.i + 1]?.norm !== 'were') out.push({ ...last, t0: t.i, t1: t.i + 1, referred: true });
    if (!story || !REFERRING.includes(t.norm)) continue;
    // "the country", "this beautiful country", "this capital city", "the Central American nation".
    let k = t.i + 1;
    while (k < tokens.length && k - t.i <= 3 && tokens[k]!.kind === 'word' && !COUNTRY_WORDS.includes(tokens[k]!.norm) && tokens[k]!.norm !== 'capital') k++;
    const word = tokens[k]?.norm;
    // A place named inside ("the Chilean capital", "the Mexican nation") is that place, not the story's.
    if (word === 'capital' || (word && COUNTRY_WORDS.includes(word))) {
      if (a.places.some((p) => p.t0 > t.i && p.t0 < k)) continue;
      // "the country's" is an owner, "the capital of" names its place next.
      if (tokens[k + 1]?.norm === "'s" || tokens[k + 1]?.norm === 'of') continue;
      const end = word === 'capital' && tokens[k + 1]?.norm === 'city' ? k + 2 : k + 1;
      out.push({ t0: t.i, t1: end, country: story, city: word === 'capital' ? story.capital : (here?.city ?? null), referred: true });
    }
  }
  return out;
}
