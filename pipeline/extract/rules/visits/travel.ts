// A secretary who travels to, arrives in, stops in, meets in or is in a place of the region, or whose
// visit (trip, stop) is to one: the travel or presence word, the words that introduce the place, and
// the word's agent (pipeline/extract/rules/visits/locate.ts). Places joined to one already taken
// ("traveled to Lima, Bogota and Quito") share its agent. A denial in the clause voids the place.
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { PlaceRef, VisitEnv, VisitMention } from './env.js';
import { denied, locate } from './locate.js';
import { visitDate } from './when.js';

/** What may stand between two places of one trip: ", ", "and", "then", "before heading to". */
const JOINED = /^(?:,|,?\s*(?:and|then|or)(?:\s+then)?(?:\s+to)?|,?\s*before\s+(?:heading|going|flying)\s+to|,\s*then\s+to)$/i;

export const travel: Rule<VisitEnv, VisitMention> = {
  id: 'visits/travel',
  table: 'secdef-visits',
  priority: 10,
  description: 'A secretary acting on a travel or presence word whose place is of the region, and the places joined to it.',
  examples: [
    {
      text: 'Hagel in the region\n\nDefense Secretary Chuck Hagel traveled to Lima, Bogota and Santiago last week.',
      published: '2014-05-10',
      expect: [
        { secretary: 'Chuck Hagel', country_iso3: 'PER', city: 'Lima' },
        { secretary: 'Chuck Hagel', country_iso3: 'COL', city: 'Bogota' },
        { secretary: 'Chuck Hagel', country_iso3: 'CHL', city: 'Santiago' },
      ],
    },
    {
      text: 'Trip\n\nThe Pentagon said Secretary of Defense Jim Mattis met with officials in Buenos Aires on Aug. 14, 2018.',
      published: '2018-08-16',
      expect: [{ secretary: 'Jim Mattis', country_iso3: 'ARG', start_date: '2018-08-14' }],
    },
    {
      text: 'Gates visit\n\nRobert Gates made his first visit to Colombia as defense secretary in April 2007.',
      published: '2007-05-01',
      expect: [{ secretary: 'Robert Gates', country_iso3: 'COL', year: 2007 }],
    },
  ],
  counterExamples: [
    { text: 'Plans\n\nDefense Secretary Chuck Hagel cancelled his trip to Brazil.' },
    { text: 'Others\n\nPresident Obama will visit Argentina, and there are 800 U.S. troops in Honduras.' },
    { text: 'Ministers\n\nDefense Secretary Chuck Hagel met Peruvian Defense Minister Pedro Cateriano, who later traveled to Chile.' },
  ],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    // The places of one trip (one travel word) share its date: "traveled to Colombia, Brazil and Chile this week".
    const trips: VisitMention[][] = [];
    let last: { place: PlaceRef; secretary: NonNullable<VisitMention['secretary']>; agent: VisitMention['agent']; cue: number } | null = null;
    for (const place of env.places) {
      if (last && JOINED.test(a.slice(last.place.t1, place.t0))) {
        const m: VisitMention = { rule: this.id, place, secretary: last.secretary, agent: last.agent, when: visitDate(a, env, place), historical: false };
        out.push(m);
        trips.at(-1)!.push(m);
        last = { place, secretary: last.secretary, agent: last.agent, cue: last.cue };
        continue;
      }
      const located = locate(a, env, place);
      const agent = located?.agent;
      if (!agent?.secretary || denied(a, env, place, last?.place.t1 ?? 0)) continue;
      const m: VisitMention = { rule: this.id, place, secretary: agent.secretary, agent: agent.kind, when: visitDate(a, env, place), historical: false };
      out.push(m);
      if (last?.cue === located!.cue.t0) trips.at(-1)!.push(m);
      else trips.push([m]);
      last = { place, secretary: agent.secretary, agent: agent.kind, cue: located!.cue.t0 };
    }
    for (const trip of trips) {
      const when = trip.find((m) => m.when?.month !== undefined)?.when ?? trip.find((m) => m.when)?.when ?? null;
      for (const m of trip) m.when ??= when;
    }
    return out;
  },
};
