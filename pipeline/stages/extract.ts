// Stage extract: every sentence of every document through the fact rules, then mentions of the
// same fact merged into rows with their evidence.
import type { Reference } from '../lib/reference.js';
import { findArms, resolveArms, type ArmsState } from '../extract/arms.js';
import { buildContext } from '../extract/context.js';
import type { Fact, Mention } from '../extract/facts.js';
import { mergeFacts, type Merged } from '../extract/merge.js';
import { findOtherAgents, findSecretaryRefs, newPeopleState, turnSpeaker, updatePeopleState } from '../extract/people.js';
import { newTableState, readTableLine } from '../extract/tables.js';
import { findTraining } from '../extract/training.js';
import { findVisits, type Claim } from '../extract/visits.js';
import type { SourceDoc } from './ingest.js';
import { matchingView } from '../lib/normalize.js';
import { sentenceSpans } from '../extract/nlp.js';
import { isMain, runStage } from '../lib/stage-io.js';
import { loadReference, referenceDirFor } from '../lib/reference.js';
import type { IngestResult } from './ingest.js';

export interface DocumentFacts {
  facts: Fact[];
  claims: Claim[];
}

export interface ExtractResult extends Merged {
  claims: Claim[];
}

const SPEAKER = /\b(?:(?:remarks|speech|address|statement|testimony)\s+(?:as\s+(?:prepared|delivered)\s+)?(?:by|of)|as\s+(?:delivered|prepared)\s+(?:for\s+delivery\s+)?by|presenter:)\s+(?:the\s+)?(?:U\.S\.\s+)?(?:Secretary\s+of\s+Defense|Defense\s+Secretary|Secretary)\s+/i;

/** Characters of a paragraph's opening that may hold a transcript label ("SECRETARY OF DEFENSE ...:"). */
const TURN_LABEL_REACH = 80;

/**
 * The facts one document states. Pure: the same document and reference give the same facts. The
 * rules read the document's matching view (pipeline/lib/normalize.ts); the offsets they find are
 * mapped back to the published text, which quotes are sliced from.
 */
export function extractDocument(doc: SourceDoc, ref: Reference): DocumentFacts {
  const view = matchingView(doc.text);
  if (view.same) return extractView(doc, ref);
  const found = extractView({ ...doc, text: view.text, sentences: sentenceSpans(view.text) }, ref);
  const back = (m: Mention): Mention => ({ source_id: m.source_id, start: view.start(m.start), end: view.end(m.end) });
  for (const f of found.facts) f.mention = back(f.mention);
  for (const c of found.claims) c.mention = back(c.mention);
  return found;
}

function extractView(doc: SourceDoc, ref: Reference): DocumentFacts {
  const ctx = buildContext(doc, ref);
  const people = newPeopleState();
  people.story = ctx.storySecretary;
  for (const secretary of ctx.named) people.introduced.add(secretary);
  for (const s of [doc.meta.title, doc.meta.publisher, ...ctx.sentences.slice(0, 5).map((x) => x.text)]) {
    const m = SPEAKER.exec(s);
    if (m) people.speaker = ref.findSecretaryNames(s.slice(m.index! + m[0].length))[0]?.entry ?? people.speaker;
  }
  const arms: ArmsState = { facts: [] };
  const table = newTableState();
  const facts: Fact[] = [];
  const claims: Claim[] = [];
  let previous: (typeof ctx.sentences)[number] | null = null;
  let lastTraining: { paragraph: number; fact: Fact } | null = null;
  for (const s of ctx.sentences) {
    // A transcript paragraph opening with a label changes who "I" and "we" are until the next label.
    if (s.paragraph !== previous?.paragraph) {
      // The line, not the sentence: a label like "LEON E. PANETTA:" may be split at its initial.
      const turn = turnSpeaker(doc.text.slice(s.start, s.start + TURN_LABEL_REACH), ref, ctx.published.year);
      if (turn !== undefined) people.speaker = turn;
    }
    const mention: Mention = { source_id: doc.id, start: s.start, end: s.end };
    const refs = findSecretaryRefs(s.text, ref, people);
    const others = findOtherAgents(s.text, ref, refs);
    const visits = findVisits(s, ctx, refs, others, mention);
    facts.push(...visits.visits);
    claims.push(...visits.claims);
    findArms(s, ctx, mention, arms, previous);
    const rows = readTableLine(s, ctx, mention, table);
    const training: Fact[] = rows.length > 0 ? rows : findTraining(s, ctx, mention, lastTraining?.paragraph === s.paragraph ? lastTraining.fact : null, previous);
    facts.push(...training);
    if (training.length > 0) lastTraining = { paragraph: s.paragraph, fact: training.at(-1)! };
    updatePeopleState(people, refs, others);
    previous = s;
  }
  facts.push(...resolveArms(arms));
  return { facts, claims };
}

/** Every document through the rules, then the mentions merged. The runner does the first half per core (pipeline/documents.ts). */
export function extract(docs: SourceDoc[], ref: Reference): ExtractResult {
  return mergeDocuments(docs, docs.map((doc) => extractDocument(doc, ref)));
}

/**
 * The global half of the stage: each document's facts (`found[i]` from `docs[i]`, wherever and
 * whenever it was extracted) merged into rows. Facts go in in document order, so the rows do not
 * depend on which worker, cache or shard produced them.
 */
export function mergeDocuments(docs: SourceDoc[], found: DocumentFacts[]): ExtractResult {
  const facts: Fact[] = [];
  const claims: Claim[] = [];
  for (const f of found) {
    for (const fact of f.facts) facts.push(fact);
    for (const claim of f.claims) claims.push(claim);
  }
  return { ...mergeFacts(facts, new Map(docs.map((d) => [d.id, d]))), claims };
}

if (isMain(import.meta.url)) {
  await runStage('extract', ({ sources, read, write }) => {
    const { docs } = read<IngestResult>('ingest');
    const result = extract(docs, loadReference(referenceDirFor(sources)));
    write('extract', result);
    return `${result.rows['secdef-visits'].length} visits, ${result.rows['arms-purchases'].length} arms, ${result.rows.training.length} training`;
  });
}
