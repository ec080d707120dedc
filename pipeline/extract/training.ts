// Training and security assistance in prose: money, trainees or courses for a Latin American or
// Caribbean country's forces, with the years and the program when the text gives them.
import { findAmounts, findCounts } from '../lib/amounts.js';
import { findDates, findYearRanges, findYears } from '../lib/dates.js';
import type { Country, Program } from '../lib/reference.js';
import type { AmountBasis } from '../types.js';
import type { DocContext, Sentence } from './context.js';
import type { Fact, Mention, TrainingFact } from './facts.js';
import { allMatches } from '../lib/text.js';

const TRAINING = /\b(?:train(?:s|ed|ing|ees?)?|courses?|classes|instruct(?:ed|ion|ors?)|educat(?:ed|ion)|students|cadets|schooling|academy)\b/i;
const ASSISTANCE = /\b(?:(?:security|military|counternarcotics|counterdrug|counter-narcotics|defense)\s+(?:assistance|aid|cooperation\s+funds?)|capacity[- ]building|appropriated|allocations?|Foreign\s+Military\s+Financing)\b/i;
// Not security assistance: disaster and humanitarian aid, purchases, construction.
const NOT_TRAINING = /\b(?:humanitarian|disaster|relief|hurricane|earthquake|food|famine|refugees?|wall|Millennium\s+Challenge|compact|economic\s+(?:growth|aid|assistance|development)|development\s+(?:assistance|aid)|USAID|donat(?:e|ed|es|ing|ion|ions)|non-?profits?|non-?governmental|NGOs?|volunteers)\b/i;
// Money for buying equipment is an arms fact, unless a program names it assistance (FMF pays for purchases).
const PURCHASE = /\b(?:bought|buy|purchas(?:e|ed|es|ing)|acquir(?:e|ed|es|ing)|procure(?:ment)?|sale|sold|package|signed\s+(?:a|the)\s+contract)\b/i;
const PEOPLE = /^\s*(?:(?:[a-z-]+|[A-Z][a-z]+)\s+){0,8}?(?:soldiers|marines|troops|peacekeepers|officers|students|trainees|personnel|police(?:men|\s+officers)?|commanders|cadets|pilots|members|sailors|airmen|service\s*members|agents|officials|recruits|special\s+forces|commandos|military\s+personnel|people|medics|rescuers|firefighters|nurses|doctors|engineers|technicians|mechanics|analysts|investigators|prosecutors|judges|guards|guardsmen|service\s+members)\b/;
const COURSE_COUNT = /^\s*(?:[a-z-]+\s+){0,2}(?:courses|classes|training\s+courses)\b/i;
const ONE_COURSE = /\b(?:take|took|taking|attend(?:ed|ing)?|complete(?:d)?|completing|enroll(?:ed)?\s+in|graduat(?:ed|es|ing)\s+(?:\w+\s+){0,3}?from|through)\s+an?\s+(?:[\w-]+\s+){0,6}?course\b/i;
// "last month", "this year", "on Friday": relative phrases that give the fact a year.
const RELATIVE_TIME = /\b(?:last|this|next|ago|yesterday|today|tomorrow|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b/i;
const SAME_YEAR = /\b(?:(?:the|that)\s+same\s+(?:fiscal\s+)?year|that\s+(?:fiscal\s+)?year)\b/i;
// A running total ("bring this total to", "to date"); "a total of 320" is only a sum.
const CUMULATIVE = /\b(?:(?<!\ba\s)total|cumulative|to\s+date|as\s+of|so\s+far|since)\b/i;
const BASIS: [AmountBasis, RegExp][] = [
  ['requested', /\b(?:request(?:ed|s)?|budget\s+request|proposed|seeks?)\b/i],
  ['appropriated', /\b(?:appropriated|appropriations?|allocated|obligated|enacted)\b/i],
  ['delivered', /\b(?:delivered|deliveries)\b/i],
  ['projected', /\b(?:will\s+bring|would\s+bring|projected|expected\s+to\s+reach|will\s+reach)\b/i],
  ['planned', /\b(?:planned|plans?\s+to\s+spend|will\s+spend)\b/i],
  ['actual', /\b(?:spent|spending|expended|paid|cost)\b/i],
];

// "we will bring this total to almost $900 million": a new figure for the fact just stated.
const CONTINUATION = /\b(?:(?:this|that|the)\s+(?:total|amount|figure|sum)|additional)\b/i;

export function findTraining(s: Sentence, ctx: DocContext, mention: Mention, previous: Fact | null, previousSentence: Sentence | null = null): TrainingFact[] {
  const text = s.text;
  const continues = previous?.table === 'training' && CONTINUATION.test(text) ? previous : null;
  const training = TRAINING.test(text) || continues?.category === 'training';
  // A sales channel (Foreign Military Sales) is how a government buys: not a program of assistance.
  const programs = ctx.ref.findPrograms(text).filter((p) => p.entry.category !== 'sales');
  const program = programs[0]?.entry ?? (training || ASSISTANCE.test(text) || continues ? ctx.titleProgram : null);
  if (!training && !ASSISTANCE.test(text) && programs.length === 0 && !continues) return [];
  if (NOT_TRAINING.test(text)) return [];
  if (programs.length === 0 && (PURCHASE.test(text) || ctx.ref.findEquipment(text).length > 0)) return [];

  const amounts = findAmounts(text);
  const counts = findCounts(text, amounts).filter((c) => !/^\d{4}$/.test(text.slice(c.start, c.end).trim()) || c.value < 1900 || c.value > 2100);
  let trainees: number | null = null;
  let courses: number | null = null;
  for (const c of counts) {
    const after = text.slice(c.end, c.end + 80);
    if (courses === null && COURSE_COUNT.test(after)) courses = c.value;
    else if (trainees === null && PEOPLE.test(after)) trainees = c.value;
  }
  if (courses === null && ONE_COURSE.test(text)) courses = 1;
  const amount = amounts[0] ?? null;
  if (!amount && trainees === null && courses === null) return [];
  // Figures need someone to receive them: a country in the sentence or the document's own.
  const recipient = findRecipient(text, ctx, program) ?? (continues?.recipient_iso3 ? (ctx.ref.country(continues.recipient_iso3) ?? null) : null);
  const shares = perCountry(text, ctx, amounts, counts);
  if (!recipient && !program && !shares) return [];

  const { start_year, end_year } = yearsOf(clauseOf(text, amount?.start ?? 0), ctx, previousSentence);
  const location = locationOf(text, ctx);
  let basis: AmountBasis | null = null;
  if (amount) for (const [b, cue] of BASIS) if (cue.test(text)) { basis = b; break; }
  const base = {
    table: 'training' as const,
    rule: 'training/prose',
    mention,
    provider_iso3: 'USA',
    recipient_iso3: recipient?.iso3 ?? null,
    recipient: recipient?.name ?? null,
    program: program?.name ?? null,
    category: training ? ('training' as const) : ('assistance' as const),
    location,
    cumulative: CUMULATIVE.test(text),
    total: false,
    part_of: null,
  };
  if (shares) {
    // "El Salvador received $4.6 million in IMET, Honduras $3.9 million and Guatemala $3.4 million"
    return shares.map(({ country, amount: a, trainees: t }) => ({
      ...base,
      recipient_iso3: country.iso3,
      recipient: country.name,
      amount_usd: a?.usd ?? null,
      amount_qualifier: a?.qualifier ?? null,
      amount_basis: a ? basis : null,
      start_year,
      end_year,
      trainees: t,
      courses: null,
      description: describe(training, program?.name ?? null, a ? basis : null, location),
    }));
  }
  const series = amountsByYear(text, amounts);
  if (series) {
    // "requested $25 million for FY2016, compared with $27 million in FY2015 and $28.5 million in FY2014"
    return series.map(({ amount: a, year, basis: b }) => ({
      ...base,
      amount_usd: a.usd,
      amount_qualifier: a.qualifier,
      amount_basis: b,
      start_year: year,
      end_year: year,
      trainees: null,
      courses: null,
      description: describe(training, program?.name ?? null, b, location),
    }));
  }
  return [
    {
      table: 'training',
      rule: 'training/prose',
      mention,
      provider_iso3: 'USA',
      recipient_iso3: recipient?.iso3 ?? null,
      recipient: recipient?.name ?? null,
      program: program?.name ?? null,
      category: training ? 'training' : 'assistance',
      amount_usd: amount?.usd ?? null,
      amount_qualifier: amount?.qualifier ?? null,
      amount_basis: basis,
      start_year,
      end_year,
      trainees,
      courses,
      location,
      description: describe(training, program?.name ?? null, basis, location),
      cumulative: CUMULATIVE.test(text),
      total: false,
      part_of: null,
    },
  ];
}

/**
 * Several countries, each with its own figure: the figure goes to the country named right before it
 * ("Honduras $3.9 million", "Guatemala's allocation was $726,000"), right after it ("$1.1 million for
 * El Salvador") or as the demonym of its people ("163 Salvadoran ... students"). Null unless every
 * figure finds exactly one country.
 */
function perCountry(text: string, ctx: DocContext, amounts: ReturnType<typeof findAmounts>, counts: ReturnType<typeof findCounts>): { country: Country; amount: (typeof amounts)[number] | null; trainees: number | null }[] | null {
  const places = ctx.ref.findPlaces(text).filter((p) => p.country.region === 'lac');
  if (new Set(places.map((p) => p.country)).size < 2) return null;
  const people = counts.filter((c) => PEOPLE.test(text.slice(c.end, c.end + 80)) || places.some((p) => p.kind === 'demonym' && p.start - c.end >= 0 && p.start - c.end <= 2));
  const figures = amounts.length >= 2 ? amounts.map((a) => ({ start: a.start, end: a.end, amount: a, trainees: null as number | null })) : people.length >= 2 ? people.map((c) => ({ start: c.start, end: c.end, amount: null, trainees: c.value as number | null })) : [];
  if (figures.length < 2) return null;
  const out = figures.map((f, i) => {
    const after = places.find((p) => p.start >= f.end && (p.start - f.end <= 2 || /^\s+(?:for|to)\s+(?:the\s+)?$/.test(text.slice(f.end, p.start))));
    const floor = i > 0 ? figures[i - 1]!.end : 0;
    const before = places.filter((p) => p.end <= f.start && p.start >= floor && p.kind !== 'demonym').at(-1);
    const country = after?.country ?? before?.country;
    return country ? { country, amount: f.amount, trainees: f.trainees } : null;
  });
  if (out.some((o) => o === null) || new Set(out.map((o) => o!.country)).size !== out.length) return null;
  return out as { country: Country; amount: (typeof amounts)[number] | null; trainees: number | null }[];
}

// Coordinated clauses with verbs of their own: "cleared the sale last year and has since committed $40 million".
const CLAUSE_SPLIT = /\s+and\s+(?=(?:has|have|had|will|is|was|were)\b)|;\s+/g;

/** The clause of a sentence that holds a position. */
function clauseOf(text: string, at: number): string {
  let start = 0;
  for (const m of allMatches(text, CLAUSE_SPLIT)) {
    if (m.index! >= at) return text.slice(start, m.index!);
    start = m.index! + m[0].length;
  }
  return text.slice(start);
}

/** Several amounts each with its own (fiscal) year: one fact per amount, or null when they do not pair up. */
function amountsByYear(text: string, amounts: ReturnType<typeof findAmounts>): { amount: (typeof amounts)[number]; year: number; basis: AmountBasis | null }[] | null {
  if (amounts.length < 2 || findYearRanges(text).length > 0) return null;
  const years = findYears(text);
  const lead = years.find((y) => y.end <= amounts[0]!.start);
  const out = amounts.map((amount, i) => {
    const next = amounts[i + 1]?.start ?? text.length;
    const after = years.find((y) => y.start >= amount.end && y.start < next && y.start - amount.end <= YEAR_REACH);
    const year = after?.year ?? years.filter((y) => y.end <= amount.start).at(-1)?.year ?? lead?.year;
    const clause = text.slice(i === 0 ? 0 : amounts[i - 1]!.end, amount.start);
    let basis: AmountBasis | null = null;
    for (const [b, cue] of BASIS) if (cue.test(clause)) { basis = b; break; }
    return { amount, year, basis };
  });
  const distinct = new Set(out.map((o) => `${o.year}|${o.basis}`));
  if (out.some((o) => o.year === undefined) || distinct.size !== out.length) return null;
  return out as { amount: (typeof amounts)[number]; year: number; basis: AmountBasis | null }[];
}

/** Characters between an amount and the year it is for: "$27 million in FY2015", "$30 million in Foreign Military Financing in fiscal 2013". */
const YEAR_REACH = 50;

function findRecipient(text: string, ctx: DocContext, program: Program | null): Country | null {
  const lac = [...new Set(ctx.ref.findPlaces(text).filter((p) => p.country.region === 'lac').map((p) => p.country))];
  if (lac.length === 1) return lac[0]!;
  if (lac.length > 1) return null;
  // A program for one country names it; a regional one (CARSI) has no single recipient.
  if (program?.recipient_iso3) return ctx.ref.country(program.recipient_iso3) ?? null;
  if (program?.regional) return null;
  return ctx.mainCountry;
}

function yearsOf(text: string, ctx: DocContext, previous: Sentence | null): { start_year: number | null; end_year: number | null } {
  // "in the same year", "that year": the year of the sentence before.
  if (previous && SAME_YEAR.test(text) && findYears(text).length === 0) {
    const y = findYears(previous.text).filter((m) => m.cue !== 'since').at(-1);
    if (y) return { start_year: y.year, end_year: y.year };
  }
  const range = findYearRanges(text)[0];
  if (range) return { start_year: range.from, end_year: range.to };
  const allYears = findYears(text);
  const years = allYears.filter((y) => y.cue !== 'since');
  const since = allYears.find((y) => y.cue === 'since');
  const dates = findDates(text, ctx.doc.meta.published);
  const dated = dates.find((d) => !d.relative || RELATIVE_TIME.test(text.slice(d.start, d.end)));
  const year = years[0]?.year ?? dated?.date.year ?? null;
  if (since) return { start_year: since.year, end_year: year ?? ctx.published.year };
  // "since January": from that month to the time of writing.
  const sinceDate = dates.find((d) => /\bsince\s+$/i.test(text.slice(0, d.start)));
  if (sinceDate) return { start_year: sinceDate.date.year, end_year: years[0]?.year ?? ctx.published.year };
  if (year !== null) return { start_year: CUMULATIVE.test(text) ? null : year, end_year: year };
  // No year in the text: the figure holds as of publication.
  return { start_year: null, end_year: ctx.published.year };
}

function locationOf(text: string, ctx: DocContext): string | null {
  const m = /\b(?:at|in|to)\s+((?:the\s+)?(?:Fort|Camp|Naval|Air|Joint|Base|Center|School|Academy)[^,.;]*(?:,\s*[A-Z][a-z]{1,4}\.)?)/.exec(text);
  if (m) return m[1]!.replace(/^the\s+/, '').trim();
  const place = ctx.ref.findPlaces(text).find((p) => p.kind === 'city' && /\b(?:at|in)\s+$/.test(text.slice(Math.max(0, p.start - 4), p.start)));
  return place?.city ?? null;
}

/** A few words built from the fields, so that two sentences stating one fact describe it alike. */
function describe(training: boolean, program: string | null, basis: AmountBasis | null, location: string | null): string {
  const what = program ?? (training ? 'U.S. military training' : 'U.S. security assistance');
  return [what, basis, location ? `at ${location}` : null].filter(Boolean).join(', ');
}
