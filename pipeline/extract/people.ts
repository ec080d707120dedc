// Who is acting in a sentence: U.S. Secretaries of Defense (named, described or by pronoun) and
// other people (presidents, ministers, generals, named persons) who must not be taken for them.
import type { Reference, Secretary } from '../lib/reference.js';
import { allMatches, escapeRegExp } from '../lib/text.js';

export type RefKind = 'name' | 'surname' | 'title' | 'pronoun' | 'speaker';

export interface SecretaryRef {
  start: number;
  end: number;
  kind: RefKind;
  /** null: a described secretary ("a U.S. defense secretary") the text does not name. */
  secretary: Secretary | null;
}

export interface Agent {
  start: number;
  end: number;
  secretary: SecretaryRef | null;
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

export function newPeopleState(): PeopleState {
  return { current: null, lastWasSecretary: false, subjectWasSecretary: false, speaker: null, story: null, introduced: new Set() };
}

const TITLE_BEFORE = /(?:(?:U\.S\.|US|United States|American)\s+)?(?:(?:Defense|Defence)\s+Secretary|Secretary\s+of\s+(?:Defense|Defence)|Pentagon\s+(?:chief|head|boss)|(?:Defense|Defence)\s+chief|Secretary|Mr\.|Sec\.|SecDef)\s*,?\s*$/i;
const FOREIGN_OWNER = /(?:[A-Z][\p{L}]+(?:an|ian|ine|ean|ese|ish|i|ch)|[A-Z][\p{L}]+['’]s)\s+$/u;
// A described U.S. defense secretary: "the secretary", "the Pentagon chief", "a U.S. defense secretary".
const DESCRIBED = /\b(?:(?:the|a|an)\s+)?(?:(?:U\.S\.|US|United States|American)\s+)?(?:(?:Defense|Defence)\s+Secretary|Secretary\s+of\s+(?:Defense|Defence)|Pentagon\s+(?:chief|head|boss)|(?:defense|defence)\s+chief|secretary)\b(?!\s+(?:of\s+(?:State|Homeland|the\s+(?:Navy|Army|Air\s+Force|Treasury))|General)|\s*-\s*general)(?!s)/gi;
const PRONOUN = /\b(?:he|his|him|himself)\b/gi;
// The speaker and the party travelling with them ("when we land in Brasília", "our next stop").
const FIRST_PERSON = /\b(?:I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|us)\b/g;

/**
 * Secretary references in a sentence, in text order. Names come from the terms table; a bare surname
 * counts once the document has introduced that secretary, so "Perry" alone is not Rick Perry.
 */
export function findSecretaryRefs(sentence: string, ref: Reference, state: PeopleState): SecretaryRef[] {
  const refs: SecretaryRef[] = [];
  const taken = (start: number, end: number) => refs.some((r) => start < r.end && end > r.start);
  for (const m of ref.findSecretaryNames(sentence)) {
    refs.push({ start: m.start, end: m.end, kind: 'name', secretary: m.entry });
  }
  for (const m of allMatches(sentence, surnamePattern(ref))) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const before = sentence.slice(0, start);
    // "Rick Perry", "Jimmy Carter": another first name makes another person.
    if (/\b[A-Z][a-z]+\.?\s+$/.test(before) && !TITLE_BEFORE.test(before)) continue;
    const titled = TITLE_BEFORE.test(before) && !FOREIGN_OWNER.test(before.replace(TITLE_BEFORE, ''));
    const candidates = ref.secretariesWithSurname(m[0]);
    const known = candidates.find((s) => state.introduced.has(s));
    const secretary = known ?? (titled && candidates.length === 1 ? candidates[0]! : null);
    if (!secretary) continue;
    refs.push({ start, end, kind: 'surname', secretary });
  }
  for (const m of allMatches(sentence, DESCRIBED)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const before = sentence.slice(Math.max(0, start - 40), start);
    const after = sentence.slice(end, end + 40);
    if (FOREIGN_OWNER.test(before) && !/\b(?:U\.S\.|US|American)\s*$/.test(m[0])) continue;
    if (/^\s+(?:and|or)\s+(?:[A-Z]\w+\s+)?(?:Minister|minister)/.test(after)) continue;
    // "Defense Secretary Salvador Cienfuegos", "Secretary Kerry": a title followed by a name the terms
    // table does not know belongs to someone else.
    if (/^\s*,?\s*[A-Z][\p{L}]+\s+[A-Z][\p{L}]+/u.test(after) && !refs.some((r) => r.start >= end && r.start <= end + 3)) continue;
    const next = /^\s+([A-Z][\p{L}'’-]+)\b/u.exec(after);
    if (next && /secretary$/i.test(m[0]) && ref.secretariesWithSurname(next[1]!).length === 0 && !ref.placeNamed(next[1]!)) continue;
    // A bare lower-case "secretary" is only ours in a document that has a secretary in play.
    if (/^(?:the\s+)?secretary$/.test(m[0]) && !state.current) continue;
    if (/^(?:the\s+)?secretary$/.test(m[0]) && /\bof\s*$/.test(before)) continue;
    // "a U.S. defense secretary", "No defense secretary", "the last defense secretary to ...": nobody in particular.
    const generic = /^(?:a|an)\s/i.test(m[0]) || /\b(?:no|any|every|each|another|previous|former|first|last|next|third|second)\s+$/i.test(before);
    const named = refs.find((r) => r.start >= end && r.start <= end + 2);
    if (named) continue;
    refs.push({ start, end, kind: 'title', secretary: generic ? null : (state.story ?? state.current) });
  }
  for (const m of allMatches(sentence, PRONOUN)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    // The nearest secretary before the pronoun in the text (refs are gathered by kind, not in text order).
    const antecedent = refs.filter((r) => r.end <= start && r.secretary).sort((a, b) => a.end - b.end).at(-1)?.secretary;
    const opensSentence = /^\W*$/.test(sentence.slice(0, start));
    const secretary = antecedent ?? (state.lastWasSecretary || (opensSentence && state.subjectWasSecretary) ? state.current : null);
    if (secretary) refs.push({ start, end, kind: 'pronoun', secretary });
  }
  if (state.speaker) {
    for (const m of allMatches(sentence, FIRST_PERSON)) {
      const start = m.index!;
      if (!taken(start, start + m[0].length)) refs.push({ start, end: start + m[0].length, kind: 'speaker', secretary: state.speaker });
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

const surnameCache = new WeakMap<Reference, RegExp>();
function surnamePattern(ref: Reference): RegExp {
  let re = surnameCache.get(ref);
  if (!re) {
    const names = ref.surnameList.sort((a, b) => b.length - a.length).map(escapeRegExp);
    re = new RegExp(`(?<![\\p{L}])(?:${names.join('|')})(?![\\p{L}])(?!\\s+(?:Air|Army|Base|Center|Street|Avenue|Foundation|Institute|Center|Doctrine)\\b)`, 'gu');
    surnameCache.set(ref, re);
  }
  return re;
}

// People who are not the secretary: titles, officials and named persons.
const OTHER_AGENT = new RegExp(
  [
    String.raw`\b(?:Vice\s+)?President(?:s)?\b(?:\s+[A-Z][\p{L}.'-]+)*`,
    String.raw`\b(?:Prime\s+)?Minister(?:s)?\b(?:\s+(?:of\s+)?[A-Z][\p{L}.'-]+)*`,
    String.raw`\bSecretary\s+of\s+(?:State|Homeland\s+Security|the\s+(?:Navy|Army|Air\s+Force|Treasury))\b(?:\s+[A-Z][\p{L}.'-]+)*`,
    String.raw`\b(?:Gen|Adm|Lt|Col|Maj|Capt|Sen|Rep|Gov|Amb|Sgt)\.\s+(?:[A-Z][\p{L}.'-]+\s*)+`,
    String.raw`\b(?:General|Admiral|Ambassador|Senator|Governor|Congressman|Congresswoman|King|Queen|Pope|Chairman|Commander|Director|Attorney\s+General)\b(?:\s+[A-Z][\p{L}.'-]+)*`,
    String.raw`\b(?:generals|admirals|officials|officers|diplomats|lawmakers|senators|troops|soldiers|marines|sailors|forces|delegation|delegations|ministers|presidents|leaders|authorities|agents|police|students|cadets|pilots|reporters|journalists)\b`,
    String.raw`\b(?:she|her|they|them|their|we|our)\b`,
  ].join('|'),
  'gu',
);

const GROUP = /^(?:[a-z]+s|she|her|they|them|their|we|our)$/i;

// Two or three capitalised words that look like a person's name ("Stephen Kelly", "Raul Benitez Manaut"),
// unless one of them is never part of a name (words.json: "Southern Command", "On Monday").
const PERSON_NAME = /\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2}\b/g;

export interface OtherAgent {
  start: number;
  end: number;
  /** One person ("President Santos", "Stephen Kelly"), who could be the "he" of a later sentence. */
  person: boolean;
}

/** Spans of people in a sentence who are not a U.S. Secretary of Defense. */
export function findOtherAgents(sentence: string, ref: Reference, secretaries: SecretaryRef[]): OtherAgent[] {
  const out: OtherAgent[] = [];
  const overlapsSecretary = (s: number, e: number) => secretaries.some((r) => s < r.end && e > r.start);
  for (const m of allMatches(sentence, OTHER_AGENT)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!overlapsSecretary(start, end)) out.push({ start, end, person: !GROUP.test(m[0]) });
  }
  const places = ref.findPlaces(sentence);
  for (const m of allMatches(sentence, PERSON_NAME)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlapsSecretary(start, end) || ref.hasNonNameWord(m[0])) continue;
    if (places.some((p) => start < p.end && end > p.start)) continue;
    out.push({ start, end, person: true });
  }
  return out.sort((a, b) => a.start - b.start);
}

// A transcript turn: "SECRETARY OF DEFENSE LEON E. PANETTA:", "SEC. PANETTA:", "Q:".
const TURN = /^\s*([A-Z](?:[A-Z.' -]{0,60}?[A-Z.])?)\s*:\s/;
const QUESTIONER = /^(?:Q|QUESTION|MODERATOR|REPORTER|STAFF)$/;

/**
 * Who speaks in a paragraph that opens with a transcript label: the secretary the label names (in
 * office in `year`), null for anyone else (a reporter's question, a general), undefined when the
 * paragraph has no label (the previous speaker goes on).
 */
export function turnSpeaker(paragraph: string, ref: Reference, year: number): Secretary | null | undefined {
  const m = TURN.exec(paragraph);
  if (!m) return undefined;
  const label = m[1]!.trim();
  if (QUESTIONER.test(label)) return null;
  const words = label.split(/[\s.]+/).filter(Boolean).map((w) => w[0]! + w.slice(1).toLowerCase());
  const named = words.flatMap((w) => ref.secretariesWithSurname(w)).filter((s) => /^(?:Sec|Secretary)$/.test(words[0]!) && ref.inOffice(s, year));
  return named[0] ?? null;
}

/** Carries the people state past a sentence: who was named, and whether the secretary was mentioned last. */
export function updatePeopleState(state: PeopleState, refs: SecretaryRef[], others: OtherAgent[]): void {
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
  if (firstRef || firstOther) state.subjectWasSecretary = firstRef !== undefined && (!firstOther || firstRef.start < firstOther.start);
  if (lastRef && (!lastOther || lastRef.start > lastOther.start)) state.lastWasSecretary = true;
  else if (lastOther) state.lastWasSecretary = false;
}
