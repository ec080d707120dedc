// The places a secretary's trip takes in, listed after the trip: "began a week-long tour of Latin
// America, including Nicaragua, Panama and Ecuador", "his Latin American tour, which also takes in
// Peru and Barbados", "a three-nation trip with stops in Chile and Peru". The trip is the
// secretary's when he owns it ("his tour") or is the subject of the verb that takes it ("Rumsfeld
// began ... a tour"); the list opens with an itinerary word close after the trip noun, and the places
// joined to the first one share it.
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { VisitEnv, VisitMention } from './env.js';
import { denied, ownerOf, subjectBefore } from './locate.js';
import { visitDate } from './when.js';

const TRIP_NOUN = /^(?:trip|tour|journey|swing|leg|trips|tours)$/;
/** How far after the trip noun its list may open ("a tour of Latin America and the Caribbean, including"), in tokens. */
const LIST_REACH = 8;
/** How far after the itinerary word the first place may stand ("which also includes stops in"), in tokens. */
const PLACE_REACH = 4;
/** What may stand between two places of one list. */
const JOINED = /^(?:,|,?\s*(?:and|as well as)(?:\s+in)?)$/i;

export const itinerary: Rule<VisitEnv, VisitMention> = {
  id: 'visits/itinerary',
  table: 'secdef-visits',
  priority: 12,
  description: 'The places listed after a secretary\'s trip or tour by "including", "which also takes in", "with stops in".',
  examples: [
    {
      text: 'Tour\n\nUS Defense Secretary Donald Rumsfeld began a week-long tour of Latin America on Thursday, including Nicaragua, Panama and Ecuador.',
      published: '2004-11-13',
      expect: [
        { secretary: 'Donald Rumsfeld', country_iso3: 'NIC', year: 2004 },
        { secretary: 'Donald Rumsfeld', country_iso3: 'PAN', year: 2004 },
        { secretary: 'Donald Rumsfeld', country_iso3: 'ECU', year: 2004 },
      ],
    },
    {
      text: 'Aid\n\nDefense Secretary Robert Gates promised more aid. It is the second leg of his Latin American tour, which also takes in Peru and Barbados.',
      published: '2010-04-15',
      expect: [
        { secretary: 'Robert Gates', country_iso3: 'PER', year: 2010 },
        { secretary: 'Robert Gates', country_iso3: 'BRB', year: 2010 },
      ],
    },
  ],
  counterExamples: [
    { text: 'Tour\n\nPresident Obama began a tour of the region, including Brazil and Chile, as Defense Secretary Chuck Hagel met officials in Washington.' },
    { text: 'Tour\n\nDefense Secretary Chuck Hagel cancelled his tour of the region, including stops in Brazil and Chile.' },
  ],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    const taken = new Set<number>();
    for (const list of a.cue('itinerary')) {
      const noun = a.tokens.findLastIndex((t, i) => i < list.t0 && list.t0 - i <= LIST_REACH && TRIP_NOUN.test(t.norm));
      if (noun < 0) continue;
      const traveller = ownerOf(a, env, noun) ?? subjectBefore(a, env, noun);
      if (!traveller?.secretary) continue;
      let previous = env.places.find((p) => p.t0 >= list.t1 && p.t0 - list.t1 <= PLACE_REACH && !p.referred);
      const trip: VisitMention[] = [];
      while (previous && !taken.has(previous.t0)) {
        if (denied(a, env, previous, 0)) break;
        taken.add(previous.t0);
        trip.push({ rule: this.id, place: previous, secretary: traveller.secretary, agent: traveller.kind, when: visitDate(a, env, previous), historical: false });
        const before = previous;
        const next = env.places.find((p) => p.t0 >= before.t1 && !p.referred);
        previous = next && JOINED.test(a.slice(before.t1, next.t0).trim()) ? next : undefined;
      }
      // The places of one trip share the date the sentence gives any of them.
      const when = trip.find((m) => m.when)?.when ?? null;
      for (const m of trip) m.when ??= when;
      out.push(...trip);
    }
    return out;
  },
};
