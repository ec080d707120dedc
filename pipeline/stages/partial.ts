#!/usr/bin/env -S npx tsx
// Stage partial (with --shard I/N, after extract, instead of the stages that follow): the shard's
// documents, their cache keys and facts written to shard-I-of-N.json in --out, for --merge.
import { relative } from 'node:path';
import { describeProblem } from '../errors.js';
import { EXIT } from '../options.js';
import { writePartial } from '../shard.js';
import { sourceRow } from '../sources/document.js';
import { isMain, jsonState, needs, type Stage } from './stage.js';
import { isWarning } from './validate.js';

export const partialStage: Stage<'partial'> = {
  name: 'partial',
  title: "writes the shard's partial result (--shard I/N) for --merge",
  reads: ['ingest', 'extract'],
  async run(state, { options, keys, log }) {
    const shard = options.shard;
    if (!shard) throw new Error('internal error: the partial stage runs with --shard only');
    const { docs, problems } = needs(state, 'ingest');
    const found = needs(state, 'extract');
    const file = await writePartial(options.out, shard, docs.map((s, i) => ({ id: s.id, key: keys().document(s), source: sourceRow(s), found: found[i]! })));
    for (const p of problems) log(`${isWarning(p, options.strict) ? 'warning' : 'rejected'}: ${describeProblem(p)}`);
    const exit = problems.some((p) => !isWarning(p, options.strict)) ? EXIT.rejected : EXIT.ok;
    return { result: { file, exit }, summary: relative(process.cwd(), file) };
  },
  ...jsonState<{ file: string; exit: number }>(),
};

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('partial'));
