// Who speaks in a transcript: a paragraph opening with a label ("SECRETARY OF DEFENSE LEON E.
// PANETTA:", "SEC. PANETTA:", "Q:") gives the floor to the person it names.
import type { Reference, Secretary } from '../lib/reference.js';

const TURN = /^\s*([A-Z](?:[A-Z.' -]{0,60}?[A-Z.])?)\s*:\s/;
const QUESTIONER = /^(?:Q|QUESTION|MODERATOR|REPORTER|STAFF)$/;

/**
 * Who speaks in a paragraph that opens with a transcript label: the secretary the label names (in
 * office in `year`), null for anyone else (a reporter's question, a general), undefined when the
 * paragraph has no label (the previous speaker goes on).
 */
export function turnSpeaker(paragraph: string, ref: Reference, year: number): Secretary | null | undefined {
  const m = TURN.exec(paragraph);
  if (!m) return undefined;
  const label = m[1]!.trim();
  if (QUESTIONER.test(label)) return null;
  const words = label.split(/[\s.]+/).filter(Boolean).map((w) => w[0]! + w.slice(1).toLowerCase());
  const named = words.flatMap((w) => ref.secretariesWithSurname(w)).filter((s) => /^(?:Sec|Secretary)$/.test(words[0]!) && ref.inOffice(s, year));
  return named[0] ?? null;
}
