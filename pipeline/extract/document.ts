// The per-document loop: one document's sentences through every rule, in text order, with what the
// rules carry from sentence to sentence (who is speaking, the secretary last named, the table being
// read, the deals stated so far). Every caller (the runner's workers, the stages run alone, the
// evaluation, the tests) extracts a document through `extractDocument`.
import type { Reference } from '../lib/reference.js';
import { matchingView } from '../lib/normalize.js';
import type { SourceText } from '../sources/document.js';
import { buildContext, type AnnotatedDoc } from './context.js';
import type { Fact, Mention, TrainingFact } from './facts.js';
import { sentenceSpans } from './nlp.js';
import { turnSpeaker } from './turns.js';
import { newPeopleState, otherAgents, secretaryRefs, updatePeople } from './agents.js';
import { Annotated } from './annotate/sentence.js';
import { enabled, type RuleSwitches } from './rules/rule.js';
import { clausesOf, placesOf, type VisitEnv } from './rules/visits/env.js';
import { VISIT_RULES } from './rules/visits/index.js';
import { resolveVisits } from './rules/visits/resolve.js';
import { newTableState } from './rules/training/table-layout.js';
import type { TrainingEnv, TrainingMention } from './rules/training/env.js';
import { TRAINING_RULES } from './rules/training/index.js';
import { resolveTraining } from './rules/training/resolve.js';
import type { ArmsEnv, ArmsMention } from './rules/arms/env.js';
import { ARMS_RULES } from './rules/arms/index.js';
import { resolveArms } from './rules/arms/resolve.js';
import type { Claim } from './facts.js';

export interface DocumentFacts {
  facts: Fact[];
  claims: Claim[];
}

/** Time spent on documents, in milliseconds: the language work (sentences) and the rules. */
export interface DocumentTimes {
  nlp: number;
  rules: number;
}

const SPEAKER = /\b(?:(?:remarks|speech|address|statement|testimony)\s+(?:as\s+(?:prepared|delivered)\s+)?(?:by|of)|as\s+(?:delivered|prepared)\s+(?:for\s+delivery\s+)?by|presenter:)\s+(?:the\s+)?(?:U\.S\.\s+)?(?:Secretary\s+of\s+Defense|Defense\s+Secretary|Secretary)\s+/i;

/** Characters of a paragraph's opening that may hold a transcript label ("SECRETARY OF DEFENSE ...:"). */
const TURN_LABEL_REACH = 80;

/**
 * The facts one document states. Pure: the same document and reference give the same facts. The
 * rules read the document's matching view (pipeline/lib/normalize.ts); the offsets they find are
 * mapped back to the published text, which quotes are sliced from.
 */
export function extractDocument(source: SourceText, ref: Reference, times?: DocumentTimes, switches?: RuleSwitches): DocumentFacts {
  const started = performance.now();
  const view = matchingView(source.text);
  const doc: AnnotatedDoc = { id: source.id, meta: source.meta, text: view.text, sentences: view.text.trim() === '' ? [] : sentenceSpans(view.text) };
  const annotated = performance.now();
  const found = extractAnnotated(doc, ref, switches);
  if (!view.same) {
    const back = (m: Mention): Mention => ({ source_id: m.source_id, start: view.start(m.start), end: view.end(m.end) });
    for (const f of found.facts) f.mention = back(f.mention);
    for (const c of found.claims) c.mention = back(c.mention);
  }
  if (times) {
    times.nlp += annotated - started;
    times.rules += performance.now() - annotated;
  }
  return found;
}

function extractAnnotated(doc: AnnotatedDoc, ref: Reference, switches?: RuleSwitches): DocumentFacts {
  const ctx = buildContext(doc, ref);
  const people = newPeopleState(ctx.storySecretary, ctx.named);
  for (const s of [doc.meta.title, doc.meta.publisher, ...ctx.sentences.slice(0, 5).map((x) => x.text)]) {
    const m = SPEAKER.exec(s);
    if (m) people.speaker = ref.findSecretaryNames(s.slice(m.index! + m[0].length))[0]?.entry ?? people.speaker;
  }
  const arms: ArmsMention[] = [];
  let armsPrevious: ArmsEnv['previous'] = null;
  const table = newTableState();
  const title = { program: ref.findPrograms(doc.meta.title)[0]?.entry ?? null, security: false };
  const trainingFacts = new Map<TrainingMention, TrainingFact>();
  let previousYears: number[] = [];
  let lastStatedYear: number | null = null;
  const statedPeriods = new Set<string>();
  const facts: Fact[] = [];
  const claims: Claim[] = [];
  let previous: (typeof ctx.sentences)[number] | null = null;
  let lastTraining: { paragraph: number; fact: TrainingFact } | null = null;
  for (const s of ctx.sentences) {
    // A transcript paragraph opening with a label changes who "I" and "we" are until the next label.
    if (s.paragraph !== previous?.paragraph) {
      // The line, not the sentence: a label like "LEON E. PANETTA:" may be split at its initial.
      const turn = turnSpeaker(doc.text.slice(s.start, s.start + TURN_LABEL_REACH), ref, ctx.published.year);
      if (turn !== undefined) people.speaker = turn;
    }
    const mention: Mention = { source_id: doc.id, start: s.start, end: s.end };
    const a = new Annotated(s, ref, doc.meta.published);
    const refs = secretaryRefs(a, people);
    const others = otherAgents(a, refs);
    const trainingClauses = clausesOf(a, true);
    const env: VisitEnv = { ctx, speaker: people.speaker, refs, others, places: placesOf(a, ctx), clauses: clausesOf(a) };
    const visits = resolveVisits(enabled(VISIT_RULES, switches).flatMap((r) => r.find(a, env)), ctx, mention);
    facts.push(...visits.visits);
    claims.push(...visits.claims);
    if (s.index > 0) {
      const armsEnv: ArmsEnv = { ctx, clauses: trainingClauses, mention, paragraph: s.paragraph, previous: armsPrevious, earlier: arms };
      for (const r of enabled(ARMS_RULES, switches)) arms.push(...r.find(a, armsEnv));
    }
    const named = [...new Set(a.places.filter((p) => p.country.region === 'lac' && p.kind !== 'region' && p.kind !== 'city').map((p) => p.country))];
    armsPrevious = { paragraph: s.paragraph, buyer: named.length === 1 ? named[0]! : null, years: a.years.filter((y) => y.cue !== 'since').map((y) => y.year) };
    const trainingEnv: TrainingEnv = { ctx, clauses: trainingClauses, previous: lastTraining?.paragraph === s.paragraph ? lastTraining.fact : null, previousYears, lastStatedYear, title, table };
    // The title restates what the text says: no training figure is read from it, only what it is about.
    if (s.index === 0) title.security = a.cue('training').length > 0 || a.cue('assistance').length > 0;
    const training = s.index === 0 ? [] : resolveTraining(enabled(TRAINING_RULES, switches).flatMap((r) => r.find(a, trainingEnv)), mention, trainingFacts);
    facts.push(...training);
    if (training.length > 0) lastTraining = { paragraph: s.paragraph, fact: training.at(-1)! };
    for (const f of training) if (f.years_stated) statedPeriods.add(`${f.start_year}-${f.end_year}`);
    const [only] = statedPeriods;
    lastStatedYear = statedPeriods.size === 1 && only!.split('-')[0] === only!.split('-')[1] ? Number(only!.split('-')[1]) : null;
    previousYears = a.years.map((y) => y.year);
    updatePeople(people, refs, others);
    previous = s;
  }
  facts.push(...resolveArms(arms));
  return { facts, claims };
}

