#!/usr/bin/env -S npx tsx
// Stage write: publishes the export and chart stages' files in --out and the report stage's in
// --reports as one release (pipeline/release.ts): both folders staged, then swapped; files of the
// previous release that its manifest does not list are carried over, never deleted.
import { relative } from 'node:path';
import { publishRelease } from '../release.js';
import { isMain, needs, type Stage } from './stage.js';

export const writeStage: Stage<'write'> = {
  name: 'write',
  title: 'publishes output/ and reports/ as one release',
  reads: ['validate', 'export', 'chart', 'report'],
  claims: true,
  async run(state, { options }) {
    const out = new Map([...needs(state, 'export'), ...needs(state, 'chart')]);
    await publishRelease([
      { target: options.out, files: out },
      { target: options.reports, files: needs(state, 'report') },
    ]);
    const shown = (dir: string) => `${relative(process.cwd(), dir) || '.'}/`;
    return { result: needs(state, 'validate').exit, summary: `${shown(options.out)}, ${shown(options.reports)}` };
  },
  save: () => new Map(),
  load: () => 0,
};

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('write'));
