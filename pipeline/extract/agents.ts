// Who acts in a sentence, on its tokens: U.S. Secretaries of Defense (named, by surname, described
// by a title, by pronoun, or as the speaker of a transcript) and other people (presidents, ministers,
// generals, named persons, groups), who must not be taken for them. Coreference is light: a pronoun
// or a bare title points at the secretary last named, unless someone else was mentioned since.
import type { Secretary } from '../lib/reference.js';
import type { Annotated } from './annotate/sentence.js';

export type RefKind = 'name' | 'surname' | 'title' | 'pronoun' | 'speaker';

export interface SecretaryRef {
  t0: number;
  t1: number;
  kind: RefKind;
  /** null: a described secretary ("a U.S. defense secretary") the text does not name. */
  secretary: Secretary | null;
}

export interface OtherAgent {
  t0: number;
  t1: number;
  /** One person ("President Santos", "Stephen Kelly"), who could be the "he" of a later sentence. */
  person: boolean;
}

/** What the reader knows so far in a document: the secretary last named and who was last mentioned. */
export interface PeopleState {
  current: Secretary | null;
  lastWasSecretary: boolean;
  /** The previous sentence's subject (its first person) was the secretary: "He" opening a sentence is them. */
  subjectWasSecretary: boolean;
  speaker: Secretary | null;
  /** The secretary the story is about: "the Secretary" is them even after a predecessor is named in passing. */
  story: Secretary | null;
  /** Secretaries the document has introduced by full name or title (their bare surname then counts). */
  introduced: Set<Secretary>;
}

export function newPeopleState(story: Secretary | null, named: Secretary[]): PeopleState {
  return { current: null, lastWasSecretary: false, subjectWasSecretary: false, speaker: null, story, introduced: new Set(named) };
}

const US = ['u.s.', 'us', 'american', 'united states'];
const GENERIC = ['a', 'an', 'no', 'any', 'every', 'each', 'another', 'previous', 'former', 'first', 'last', 'next', 'second', 'third', 'fourth', 'fifth', 'new', 'future'];

/** A title word of someone else sits on these tokens ("Secretary of State" over "Secretary"). */
function otherTitleOver(a: Annotated, t0: number, t1: number): boolean {
  return a.cue('other-title').some((c) => c.t0 <= t0 && c.t1 >= t1 && c.t1 - c.t0 > t1 - t0);
}

/** "Mexican Defense Secretary", "Peru's defense secretary": a title owned by another country. */
function foreignOwner(a: Annotated, t: number): boolean {
  const tokens = a.tokens;
  let k = t - 1;
  const isUs = (i: number) => US.includes(tokens[i]?.norm ?? '') || (tokens[i]?.norm === 'states' && tokens[i - 1]?.norm === 'united');
  if (isUs(k)) return false;
  if (['the', 'his', 'her', 'its'].includes(tokens[k]?.norm ?? '')) k--;
  if (tokens[k]?.norm === "'s") return !isUs(k - 1) && tokens[k - 1]?.norm !== 'america';
  const place = a.places.find((p) => p.t1 === k + 1);
  return place !== undefined && place.kind === 'demonym' && place.country.region !== 'usa';
}

/**
 * "Secretary Gates" in 2010 is Robert Gates, not Thomas Gates (1959-61); "Secretary Rumsfeld" in
 * 2005 is his second term: a titled surname names the latest holder who took office by publication.
 */
function latestHolder(candidates: Secretary[], published: string): Secretary | null {
  const before = candidates.filter((s) => s.term_start <= published).sort((x, y) => (x.term_start < y.term_start ? 1 : -1));
  return before[0] ?? (candidates.length === 1 ? candidates[0]! : null);
}

/** Secretary references in text order: full names, surnames, titles, pronouns, "who", the speaker's "I" and "we". */
export function secretaryRefs(a: Annotated, state: PeopleState): SecretaryRef[] {
  const refs: SecretaryRef[] = a.secretaryNames.map((m) => ({ t0: m.t0, t1: m.t1, kind: 'name' as const, secretary: m.entry }));
  const taken = (t0: number, t1: number) => refs.some((r) => t0 < r.t1 && t1 > r.t0);
  refs.push(...surnameRefs(a, state, taken));
  refs.push(...titleRefs(a, state, refs, taken));
  refs.push(...pronounRefs(a, state, refs, taken));
  return refs.sort((x, y) => x.t0 - y.t0);
}

type Taken = (t0: number, t1: number) => boolean;

/** Bare surnames of secretaries: one the document introduced, the story's, or a titled one ("Secretary Gates"). */
function surnameRefs(a: Annotated, state: PeopleState, taken: Taken): SecretaryRef[] {
  const out: SecretaryRef[] = [];
  const tokens = a.tokens;
  for (const tok of tokens) {
    if (!tok.cap || taken(tok.i, tok.i + 1)) continue;
    const candidates = a.ref.secretariesWithSurname(tok.text);
    if (candidates.length === 0) continue;
    const prev = tokens[tok.i - 1];
    const titled = a.cue('secretary-title').some((c) => c.t1 === tok.i) || prev?.norm === 'mr' || (prev?.norm === '.' && tokens[tok.i - 2]?.norm === 'mr');
    // "Rick Perry", "Jimmy Carter": another first name makes another person.
    if (prev?.cap && prev.kind === 'word' && !titled && tok.i - 1 > 0) continue;
    if (a.ref.hasNonNameWord(tokens[tok.i + 1]?.text ?? '')) continue;
    if (titled && foreignOwner(a, a.cue('secretary-title').find((c) => c.t1 === tok.i)?.t0 ?? tok.i - 1)) continue;
    const secretary = candidates.find((s) => state.introduced.has(s)) ?? (state.story && candidates.includes(state.story) ? state.story : null) ?? (titled ? latestHolder(candidates, a.published) : null);
    if (secretary) out.push({ t0: tok.i, t1: tok.i + 1, kind: 'surname', secretary });
  }
  return out;
}

/** Titles with no name after them ("the defense secretary", "the Pentagon chief"): the story's secretary or the one last named. */
function titleRefs(a: Annotated, state: PeopleState, named: SecretaryRef[], taken: Taken): SecretaryRef[] {
  const out: SecretaryRef[] = [];
  const tokens = a.tokens;
  for (const c of a.cue('secretary-title')) {
    if (taken(c.t0, c.t1) || otherTitleOver(a, c.t0, c.t1)) continue;
    const words = tokens.slice(c.t0, c.t1).map((t) => t.norm);
    const bare = words.length === 1 && words[0] === 'secretary';
    const next = tokens[c.t1];
    // "Defense Secretary Salvador Cienfuegos", "Secretary Kerry": a name the terms table does not know
    // ("Secretary of Defense Remarks at", a heading, is no name).
    if (next?.cap && next.kind === 'word' && !named.some((r) => r.t0 === c.t1) && !a.ref.placeNamed(next.text) && !a.inVocab(c.t1, 'fronting') && !a.inVocab(c.t1, 'speech-event')) continue;
    if (named.some((r) => r.t0 >= c.t1 && r.t0 <= c.t1 + 1)) continue;
    if (foreignOwner(a, c.t0)) continue;
    if (bare && !tokens[c.t0]!.cap && !state.current) continue;
    if (bare && tokens[c.t0 - 1]?.norm === 'of') continue;
    const lead = tokens[c.t0 - 1]?.norm === 'the' ? c.t0 - 1 : c.t0;
    const det = tokens[US.includes(tokens[lead - 1]?.norm ?? '') ? lead - 2 : lead - 1]?.norm ?? '';
    out.push({ t0: c.t0, t1: c.t1, kind: 'title', secretary: GENERIC.includes(det) ? null : (state.story ?? state.current) });
  }
  return out;
}

/** "He" for the secretary last named, "who" right after one, and the speaker's "I" and "we" in a transcript. */
function pronounRefs(a: Annotated, state: PeopleState, refs: SecretaryRef[], taken: Taken): SecretaryRef[] {
  const out: SecretaryRef[] = [];
  const tokens = a.tokens;
  for (const c of a.cue('male-pronoun')) {
    if (taken(c.t0, c.t1)) continue;
    const antecedent = [...refs, ...out].filter((r) => r.t1 <= c.t0 && r.secretary).sort((x, y) => x.t1 - y.t1).at(-1)?.secretary;
    const opens = c.t0 === 0 || tokens.slice(0, c.t0).every((t) => t.kind === 'punct');
    const secretary = antecedent ?? (state.lastWasSecretary || (opens && state.subjectWasSecretary) ? state.current : null);
    if (secretary) out.push({ t0: c.t0, t1: c.t1, kind: 'pronoun', secretary });
  }
  // "Gates, who also will make stops in Colombia": the relative pronoun right after a secretary is him.
  for (const t of tokens) {
    if (t.norm !== 'who' || tokens[t.i - 1]?.text !== ',' || taken(t.i, t.i + 1)) continue;
    const before = [...refs, ...out].find((r) => r.t1 === t.i - 1 && r.secretary);
    if (before) out.push({ t0: t.i, t1: t.i + 1, kind: 'pronoun', secretary: before.secretary });
  }
  // "US" in capitals is the country.
  if (state.speaker) for (const c of a.cue('first-person')) if (!taken(c.t0, c.t1) && tokens[c.t0]!.text !== 'US') out.push({ t0: c.t0, t1: c.t1, kind: 'speaker', secretary: state.speaker });
  return out;
}

/** People in a sentence who are not a U.S. Secretary of Defense. */
export function otherAgents(a: Annotated, secretaries: SecretaryRef[]): OtherAgent[] {
  const out: OtherAgent[] = [];
  const tokens = a.tokens;
  const overlaps = (t0: number, t1: number) => secretaries.some((r) => t0 < r.t1 && t1 > r.t0);
  const nameAfter = (t: number) => {
    let k = t;
    if (tokens[k]?.norm === '.') k++;
    while (tokens[k]?.cap && tokens[k]!.kind === 'word' && !a.ref.hasNonNameWord(tokens[k]!.text)) k++;
    return k;
  };
  for (const c of a.cue('other-title')) {
    const end = nameAfter(c.t1);
    if (!overlaps(c.t0, end)) out.push({ t0: c.t0, t1: end, person: true });
  }
  for (const c of a.cue('group-noun')) {
    const plural = tokens[c.t1 - 1]!.norm.endsWith('s') || ['police', 'personnel'].includes(tokens[c.t1 - 1]!.norm);
    if (plural && !overlaps(c.t0, c.t1)) out.push({ t0: c.t0, t1: c.t1, person: false });
  }
  for (const t of tokens) {
    if (['she', 'her', 'they', 'them', 'their'].includes(t.norm) || (['we', 'our'].includes(t.norm) && !secretaries.some((r) => r.t0 === t.i))) out.push({ t0: t.i, t1: t.i + 1, person: false });
  }
  // Two or three capitalised words that look like a person's name ("Stephen Kelly"), unless one is
  // never part of a name (words.json) or they are a place.
  for (let t = 0; t < tokens.length; t++) {
    if (!tokens[t]!.cap || tokens[t]!.kind !== 'word') continue;
    let end = t + 1;
    while (end < tokens.length && end - t < 3 && ((tokens[end]!.cap && tokens[end]!.kind === 'word') || /^\p{Lu}\.$/u.test(tokens[end]!.text))) end++;
    if (end - t < 2 || tokens[end - 1]!.kind !== 'word') continue;
    const words = tokens.slice(t, end);
    if (words.some((w) => a.ref.hasNonNameWord(w.text)) || overlaps(t, end) || a.places.some((p) => t < p.t1 && end > p.t0) || out.some((o) => t < o.t1 && end > o.t0)) {
      continue;
    }
    out.push({ t0: t, t1: end, person: true });
    t = end - 1;
  }
  return out.sort((x, y) => x.t0 - y.t0);
}

/** Carries the people state past a sentence: who was named, and whether the secretary was mentioned last. */
export function updatePeople(state: PeopleState, refs: SecretaryRef[], others: OtherAgent[]): void {
  for (const r of refs) {
    if (r.secretary && (r.kind === 'name' || r.kind === 'surname' || r.kind === 'title')) {
      state.current = r.secretary;
      if (r.kind !== 'title') state.introduced.add(r.secretary);
    }
  }
  const lastRef = refs.filter((r) => r.secretary).at(-1);
  const lastOther = others.filter((o) => o.person).at(-1);
  const firstRef = refs.find((r) => r.secretary);
  const firstOther = others.find((o) => o.person);
  if (firstRef || firstOther) state.subjectWasSecretary = firstRef !== undefined && (!firstOther || firstRef.t0 < firstOther.t0);
  if (lastRef && (!lastOther || lastRef.t0 > lastOther.t0)) state.lastWasSecretary = true;
  else if (lastOther) state.lastWasSecretary = false;
}
