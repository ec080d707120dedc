// Visits stated by how a sentence is framed rather than by a travel word: a headline ("Hagel in
// Peru"), a place as the subject ("Argentina was Cohen's second stop"), a host thanked for hosting
// the speaker ("thank President Humala for hosting this conference here in Peru"), and an event's
// place with the secretary who was there ("held in Arequipa, Peru, in October 2014, when Chuck Hagel
// led the delegation").
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { PlaceRef, VisitEnv, VisitMention } from './env.js';
import { denied, subjectBefore } from './locate.js';
import { visitDate } from './when.js';

function mention(rule: string, a: Annotated, env: VisitEnv, place: PlaceRef, secretary: VisitMention['secretary'], agent: VisitMention['agent']): VisitMention {
  return { rule, place, secretary, agent, when: visitDate(a, env, place), historical: false };
}

export const headline: Rule<VisitEnv, VisitMention> = {
  id: 'visits/headline',
  table: 'secdef-visits',
  priority: 30,
  description: 'A secretary right before "in" and a place, as in a headline or an aside: "Rumsfeld in Peru", "Hagel, in Lima, said".',
  examples: [
    // The body names the secretary in full: a bare surname counts once the document has introduced him.
    { text: 'Rumsfeld in Peru to Discuss Mutual Security Interests\n\nDefense Secretary Donald Rumsfeld talked about cooperation with Peruvian officials.', published: '2005-08-18', expect: [{ secretary: 'Donald Rumsfeld', country_iso3: 'PER', year: 2005 }] },
  ],
  counterExamples: [{ text: 'Interest\n\nRumsfeld has an interest in Peru.' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      const ref = env.refs.find((r) => r.secretary && r.kind !== 'pronoun' && /^,?\s*in$/i.test(a.slice(r.t1, place.t0).trim()));
      if (ref && !denied(a, env, place, 0)) out.push(mention(this.id, a, env, place, ref.secretary, ref.kind));
    }
    return out;
  },
};

export const placeSubject: Rule<VisitEnv, VisitMention> = {
  id: 'visits/place-subject',
  table: 'secdef-visits',
  priority: 31,
  description: 'A place as the subject of "was (his, the secretary\'s) ... stop / visit": "Argentina was Cohen\'s second stop".',
  examples: [{ text: 'Cohen\n\nDefense Secretary William Cohen toured South America. Argentina was Cohen\'s second stop in a mid-November trip.', published: '1999-11-20', expect: [{ secretary: 'William Cohen', country_iso3: 'ARG', year: 1999 }] }],
  counterExamples: [{ text: 'Cohen\n\nArgentina was a partner of Cohen for years.' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      if (!['is', 'was', 'will'].includes(a.tokens[place.t1]?.norm ?? '')) continue;
      // "<place> was <owner>'s [second] stop": the owner travels; the noun must be a stop or a visit.
      const nounAt = a.tokens.findIndex((t, i) => i > place.t1 && i <= place.t1 + 7 && /^(?:stop|visit|destination|leg)$/.test(t.norm));
      if (nounAt < 0) continue;
      const owner = env.refs.find((r) => r.secretary && r.t0 > place.t1 && r.t1 < nounAt && (a.tokens[r.t1]?.norm === "'s" || ['his', 'her'].includes(a.tokens[r.t0]!.norm)));
      if (owner) out.push(mention(this.id, a, env, place, owner.secretary, owner.kind));
    }
    return out;
  },
};

export const hosting: Rule<VisitEnv, VisitMention> = {
  id: 'visits/hosting',
  table: 'secdef-visits',
  priority: 32,
  description: 'Thanks for hosting the speaker ("us", "me", "my visit", "this conference"): the one who thanks is at the place named after, or here.',
  examples: [
    {
      // Not "hosting this conference here in Peru": a presence word with "here in" is the travel rule's.
      text: 'Remarks by Secretary of Defense Chuck Hagel at the Conference of Defense Ministers of the Americas\n\nSECRETARY HAGEL: I want to thank President Humala for hosting us and the people of Peru for their warm welcome.',
      published: '2014-10-14',
      expect: [{ secretary: 'Chuck Hagel', country_iso3: 'PER', year: 2014 }],
    },
  ],
  counterExamples: [{ text: 'Thanks\n\nThe minister thanked Peru for hosting the games.' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    const at = a.tokens.findIndex((t) => t.norm === 'hosting' && a.tokens[t.i - 1]?.norm === 'for');
    if (at < 0) return out;
    const guest = a.tokens.slice(at + 1, at + 4).some((t) => ['us', 'me', 'my', 'our', 'this', 'the'].includes(t.norm));
    // The one who thanks: the subject of "thank", or the speaker.
    const thanker = env.refs.find((r) => r.secretary && r.t1 <= at);
    if (!guest || !thanker) return out;
    const place = env.places.find((p) => p.t0 > at && p.t0 <= at + 10);
    if (place) out.push(mention(this.id, a, env, place, thanker.secretary, thanker.kind));
    return out;
  },
};

export const eventWhen: Rule<VisitEnv, VisitMention> = {
  id: 'visits/event-when',
  table: 'secdef-visits',
  priority: 33,
  description: 'An event\'s place followed by ", when" and the secretary who led, attended or spoke at it.',
  examples: [
    {
      text: 'Ministerial\n\nThe last conference was held in Arequipa, Peru, in October 2014, when Carter\'s predecessor, Chuck Hagel, led the U.S. delegation.',
      published: '2016-10-05',
      expect: [{ secretary: 'Chuck Hagel', country_iso3: 'PER', year: 2014 }],
    },
  ],
  counterExamples: [],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      const when = a.tokens.findIndex((t, i) => i >= place.t1 && i <= place.t1 + 8 && t.norm === 'when' && a.tokens[i - 1]?.text === ',');
      if (when < 0) continue;
      const verb = a.tokens.findIndex((t, i) => i > when && i <= when + 12 && (a.inVocab(i, 'presence') !== undefined || a.inVocab(i, 'travel') !== undefined || t.norm === 'led'));
      if (verb < 0) continue;
      // The doer: the secretary named last before the verb, not an owner ("Carter's predecessor").
      const doer = env.refs.filter((r) => r.secretary && r.t0 > when && r.t1 <= verb && a.tokens[r.t1]?.norm !== "'s").at(-1);
      if (!doer) continue;
      const y = a.dates.find((d) => d.t0 >= place.t1 && d.t1 <= when && !d.relative)?.date ?? (a.years.find((x) => x.t0 >= place.t1 && x.t1 <= when) ? { year: a.years.find((x) => x.t0 >= place.t1 && x.t1 <= when)!.year } : null);
      out.push({ rule: this.id, place, secretary: doer.secretary, agent: doer.kind, when: y, historical: false });
    }
    return out;
  },
};

export const speechHeading: Rule<VisitEnv, VisitMention> = {
  id: 'visits/speech-heading',
  table: 'secdef-visits',
  priority: 34,
  description: 'The heading of a speech or press conference: "Remarks by Secretary of Defense William J. Perry, ..., Mexico City, October 23, 1995".',
  examples: [
    {
      text: 'Cooperation\n\nPrepared remarks by Secretary of Defense William J. Perry, the Mexican Ministry of Defense, Mexico City, Monday, October 23, 1995\n\nThank you very much.',
      published: '1995-10-23',
      expect: [{ secretary: 'William Perry', country_iso3: 'MEX', city: 'Mexico City', start_date: '1995-10-23' }],
    },
  ],
  counterExamples: [{ text: 'Speech\n\nRemarks by President Clinton, Mexico City, May 6, 1997' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const event = a.cue('speech-event')[0];
    if (!event) return [];
    const speaker = env.refs.find((r) => r.kind === 'name' && r.t0 > event.t0 && r.t0 <= event.t1 + 6);
    if (!speaker?.secretary) return [];
    // The places listed after the speaker's name, each after a comma.
    return env.places.filter((p) => p.t0 > speaker.t1 && a.tokens[p.t0 - 1]?.text === ',' && !p.referred).map((p) => mention(this.id, a, env, p, speaker.secretary, 'name'));
  },
};

export const datelineStory: Rule<VisitEnv, VisitMention> = {
  id: 'visits/dateline-story',
  table: 'secdef-visits',
  priority: 35,
  description: 'A story datelined in the region whose opening sentence has the secretary act, or where he meets, speaks or holds talks with no other place named: a visit where the dateline is.',
  examples: [
    {
      text: 'Canal\n\nPANAMA CITY, Panama, Nov. 14, 2004 – Defense Secretary Donald H. Rumsfeld got a bird\'s-eye view of the Panama Canal today.',
      published: '2004-11-14',
      expect: [{ secretary: 'Donald Rumsfeld', country_iso3: 'PAN', start_date: '2004-11-14' }],
    },
    {
      text: 'Aid\n\nGUATEMALA CITY, March 24, 2005 – The aid was released today.\n\nDefense Secretary Donald Rumsfeld met with the Guatemalan president.',
      published: '2005-03-24',
      expect: [{ secretary: 'Donald Rumsfeld', country_iso3: 'GTM', year: 2005 }],
    },
    {
      // "U.S." as a modifier is no other place.
      text: 'Troops\n\nSANTIAGO, Chile, March 13, 1996 – U.S. Defense Secretary William J. Perry told U.S. troops stationed here that times have changed.',
      published: '1996-03-13',
      expect: [{ secretary: 'William Perry', country_iso3: 'CHL', start_date: '1996-03-13' }],
    },
  ],
  counterExamples: [
    { text: 'Talks\n\nLIMA, Peru, May 2, 2014 – Defense Secretary Chuck Hagel will meet Peruvian officials in Washington next week.' },
    { text: 'Calls\n\nLIMA, Peru, May 2, 2014 – The minister said Defense Secretary Chuck Hagel spoke by phone with him.' },
  ],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const { dateline, here } = env.ctx;
    if (!dateline || !here || dateline.country.region !== 'lac') return [];
    // Another place named is where the sentence is about: one of the region, or the United States as a
    // location ("in Washington", "to the United States"), not as a modifier ("U.S. troops", "the U.S. secretary").
    // ("the Pentagon chief" is a title, not a place.)
    const titled = (p: { t0: number; t1: number }) => a.cue('secretary-title').some((c) => c.t0 < p.t1 && p.t0 < c.t1);
    const usLocation = (p: (typeof a.places)[number]) => p.country.region === 'usa' && !titled(p) && (p.kind === 'city' || a.inVocab(a.tokens[p.t0 - 1]?.norm === 'the' ? p.t0 - 2 : p.t0 - 1, 'place-preposition') !== undefined);
    if (a.places.some((p) => p.kind !== 'region' && (usLocation(p) || (p.country.region === 'lac' && p.country !== here.country)))) return [];
    if (a.cue('hedge').length > 0 || a.cue('denial').length > 0 || a.tokens.some((t) => ['phone', 'telephone', 'video', 'virtually'].includes(t.norm))) return [];
    // The dateline's own sentence: its first actor after the dateline; elsewhere a meeting, a speech, talks.
    const opening = a.sentence.index === dateline.sentence ? env.refs.find((r) => r.secretary && r.kind !== 'pronoun') : undefined;
    const cue = a.cues.find((c) => c.vocab === 'presence' && !['stay', 'spend'].includes(a.tokens[c.t0]!.norm));
    // The meeting's own subject, close before it: "Rumsfeld met with", not "he said ..., epitomizes the goals of those meeting".
    const subject = cue ? subjectBefore(a, env, cue.t0) : undefined;
    const near = subject && cue && cue.t0 - subject.t1 <= 6 && !a.tokens.slice(subject.t1, cue.t0).some((t) => t.text === ',');
    const agent = opening ?? (near ? subject : undefined);
    if (!agent?.secretary) return [];
    const at = cue?.t0 ?? agent.t0;
    return [mention(this.id, a, env, { t0: at, t1: at + 1, country: here.country, city: here.city, referred: true }, agent.secretary, agent.kind)];
  },
};
