// A document's facts as JSON, for the cache and the shard partials, and back. Light on purpose (no
// language model, no rules): a run that finds nothing changed reads and checks the cache with it.
import type { ArmsFact, Fact, TrainingFact, VisitFact } from './extract/facts.js';
import type { DocumentFacts } from './extract/document.js';
import type { Claim } from './extract/facts.js';
import { validate } from './lib/schemas.js';
import { sha256 } from './lib/text.js';

/**
 * A document's facts as JSON (for the cache and shard partials). An item's `part_of` is the aggregate
 * fact object itself; stored, it is the aggregate's index among the document's facts.
 */
export interface StoredFacts {
  facts: StoredFact[];
  claims: Claim[];
}

type StoredFact = VisitFact | (Omit<ArmsFact, 'part_of'> & { part_of: number | StoredFact | null }) | (Omit<TrainingFact, 'part_of'> & { part_of: number | StoredFact | null });

export function storeFacts(found: DocumentFacts): StoredFacts {
  const index = new Map<Fact, number>(found.facts.map((f, i) => [f, i]));
  const store = (f: Fact): StoredFact => {
    if (f.table === 'secdef-visits' || f.part_of === null) return f as StoredFact;
    // An aggregate that is not among the facts (no rule makes one today) is stored whole.
    return { ...f, part_of: index.get(f.part_of) ?? store(f.part_of) };
  };
  return { facts: found.facts.map(store), claims: found.claims };
}

export function loadFacts(stored: StoredFacts): DocumentFacts {
  const facts: Fact[] = stored.facts.map((f) => ({ ...f }) as Fact);
  const load = (f: StoredFact, at: Fact): void => {
    if (f.table === 'secdef-visits' || f.part_of === null || f.part_of === undefined) return;
    const part = at as { part_of: Fact | null };
    if (typeof f.part_of === 'number') part.part_of = facts[f.part_of]!;
    else {
      const parent = { ...f.part_of } as Fact;
      load(f.part_of, parent);
      part.part_of = parent;
    }
  };
  stored.facts.forEach((f, i) => load(f, facts[i]!));
  return { facts, claims: stored.claims };
}

/** Stored facts with a hash of themselves: what the cache and the partials write. */
export interface SealedFacts extends StoredFacts {
  sha256: string;
}

export function sealFacts(found: DocumentFacts): SealedFacts {
  const stored = storeFacts(found);
  return { ...stored, sha256: sha256(JSON.stringify([stored.facts, stored.claims])) };
}

/**
 * Facts read back from the cache or a partial, or null when the entry is not what the pipeline wrote:
 * not of the stored shape (schemas/stored-facts.schema.json), edited or damaged (its hash), or
 * pointing an item at a package that is not there.
 */
export function unsealFacts(data: unknown): DocumentFacts | null {
  if (validate('stored-facts', data).length > 0) return null;
  const sealed = data as SealedFacts;
  if (sha256(JSON.stringify([sealed.facts, sealed.claims])) !== sealed.sha256) return null;
  const n = sealed.facts.length;
  if (sealed.facts.some((f) => f.table !== 'secdef-visits' && typeof f.part_of === 'number' && f.part_of >= n)) return null;
  return loadFacts(sealed);
}
