// The visit rules, in priority order.
import { registry } from '../rule.js';
import type { VisitEnv, VisitMention } from './env.js';
import { datelineStory, eventWhen, headline, hosting, placeSubject, speechHeading } from './framing.js';
import { everClaim, firstSince, namedPast } from './history.js';
import { itinerary } from './itinerary.js';
import { travel } from './travel.js';

export const VISIT_RULES = registry<VisitEnv, VisitMention>([travel, itinerary, firstSince, namedPast, everClaim, headline, placeSubject, hosting, eventWhen, speechHeading, datelineStory]);
