// Training mentions to facts: a figure claimed by a table row, or by a rule that splits a sentence
// between countries or years, is not read again by the one-figure rule; a total's parts point at it.
import type { Mention, TrainingFact } from '../../facts.js';
import { FIRST_YEAR, LAST_YEAR } from '../../../lib/dates.js';
import type { TrainingMention } from './env.js';

export function resolveTraining(mentions: TrainingMention[], mention: Mention, known: Map<TrainingMention, TrainingFact>): TrainingFact[] {
  const out: TrainingFact[] = [];
  const claimed = new Set<number>();
  let table = false;
  for (const m of mentions) {
    // A figure of years the datasets do not cover is outside their scope: no fact.
    if ([m.period.start, m.period.end].some((y) => y !== null && (y < FIRST_YEAR || y > LAST_YEAR))) continue;
    if (m.rule === 'training/table-row') table = true;
    else if (table) continue; // a table line is no prose
    const key = m.amount ? m.amount.t0 : -1 - m.at;
    if (m.rule !== 'training/table-row' && claimed.has(key)) continue;
    claimed.add(key);
    const f = factOf(m, mention);
    known.set(m, f);
    out.push(f);
  }
  // A total and what it adds up: the parts (found in this line or earlier ones) point at it.
  for (const m of mentions) for (const p of m.parts ?? []) {
    const part = known.get(p);
    if (part && known.get(m)) part.part_of = known.get(m)!;
  }
  return out;
}

function factOf(m: TrainingMention, mention: Mention): TrainingFact {
  return {
    table: 'training',
    rule: m.rule,
    mention,
    provider_iso3: 'USA',
    recipient_iso3: m.recipient?.iso3 ?? null,
    recipient: m.recipient?.name ?? null,
    program: m.program?.name ?? null,
    category: m.category,
    amount_usd: m.amount?.usd ?? null,
    amount_qualifier: m.amount?.qualifier ?? null,
    amount_basis: m.amount ? m.basis : null,
    cumulative: m.period.cumulative,
    start_year: m.period.start,
    end_year: m.period.end,
    years_stated: m.period.from === 'text',
    trainees: m.trainees,
    courses: m.courses,
    location: m.location,
    description: m.label ?? describe(m),
    total: m.total ?? false,
    part_of: null,
  };
}

/** A few words built from the fields, so that two sentences stating one fact describe it alike. */
function describe(m: TrainingMention): string {
  const what = m.program?.name ?? (m.category === 'training' ? 'U.S. military training' : 'U.S. security assistance');
  return [what, m.basis, m.location ? `at ${m.location}` : null].filter(Boolean).join(', ');
}
