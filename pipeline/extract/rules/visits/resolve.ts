// Visit mentions to facts: one fact per place and secretary of a sentence, dated by the mention's
// own date, else the dateline (for the story's secretary in the dateline's country), else the
// publication year (for the story's secretary or the speaker); a named secretary must have been in
// office that year. A historical visit keeps no city and gets the secretary in office when the text
// names none. The story's first place becomes "here" for later sentences.
import { formatDate, type CalendarDate } from '../../../lib/dates.js';
import type { Secretary } from '../../../lib/reference.js';
import type { DocContext } from '../../context.js';
import type { Claim, Mention, VisitFact } from '../../facts.js';
import type { VisitMention } from './env.js';

export function resolveVisits(mentions: VisitMention[], ctx: DocContext, mention: Mention): { visits: VisitFact[]; claims: Claim[] } {
  const out = { visits: [] as VisitFact[], claims: [] as Claim[] };
  const historicalYears = new Set(mentions.filter((m) => m.historical && m.when).map((m) => m.when!.year));
  const seen = new Set<string>();
  for (const m of mentions) {
    const key = `${m.place.t0}|${m.secretary?.name ?? ''}|${m.historical ? m.when?.year : ''}`;
    if (m.claim) out.claims.push(claimOf(m, ctx, mention, historicalYears));
    if (m.claimOnly || seen.has(key)) continue;
    seen.add(key);
    const fact = m.historical ? historical(m, ctx, mention) : current(m, ctx, mention, historicalYears);
    if (fact) out.visits.push(fact);
  }
  return out;
}

function current(m: VisitMention, ctx: DocContext, mention: Mention, historicalYears: Set<number>): VisitFact | null {
  const secretary = m.secretary;
  // A year of a past visit named in the same sentence is not this visit's ("since 2005").
  let date: CalendarDate | null = m.when && !(historicalYears.has(m.when.year) && m.when.month === undefined) ? m.when : null;
  const story = secretary !== null && (secretary === ctx.storySecretary || m.agent === 'speaker');
  if (!date && story && ctx.dateline?.date && ctx.dateline.country === m.place.country) date = ctx.dateline.date;
  const year = date?.year ?? (story ? (ctx.dateline?.date?.year ?? ctx.published.year) : null);
  // A secretary visits only while in office: a year outside the term is a misreading.
  if (!secretary || year === null || !ctx.ref.inOffice(secretary, year)) return null;
  const sharper = ctx.here && !ctx.dateline && !ctx.here.city && m.place.city && ctx.here.country === m.place.country;
  if ((!ctx.here || sharper) && secretary === ctx.storySecretary && !m.place.referred) ctx.here = { country: m.place.country, city: m.place.city };
  return fact(ctx, mention, m, secretary, date, year, false);
}

function historical(m: VisitMention, ctx: DocContext, mention: Mention): VisitFact | null {
  const year = m.when?.year ?? null;
  if (year === null) return null;
  let secretary: Secretary | null = m.secretary;
  let inferred = false;
  if (!secretary) {
    const inOffice = ctx.ref.secretariesInOffice(year);
    if (inOffice.length === 1) {
      secretary = inOffice[0]!;
      inferred = true;
    }
  }
  const f = fact(ctx, mention, m, secretary, m.when, year, inferred);
  return { ...f, city: null };
}

function fact(ctx: DocContext, mention: Mention, m: VisitMention, secretary: Secretary | null, date: CalendarDate | null, year: number, inferred: boolean): VisitFact {
  return {
    table: 'secdef-visits',
    rule: m.rule,
    mention,
    secretary: secretary?.name ?? null,
    secretary_inferred: inferred,
    country_iso3: m.place.country.iso3,
    country: m.place.country.name,
    city: m.place.city,
    date: date ? formatDate(date) : null,
    year,
  };
}

function claimOf(m: VisitMention, ctx: DocContext, mention: Mention, historicalYears: Set<number>): Claim {
  const c = m.claim!;
  return {
    kind: c.kind,
    country_iso3: c.country.iso3,
    country: c.country.name,
    since: c.since,
    ordinal: c.ordinal,
    secretary: c.secretary?.name ?? null,
    year: [...historicalYears].length > 0 && ctx.dateline?.date ? ctx.dateline.date.year : ctx.published.year,
    mention,
  };
}
