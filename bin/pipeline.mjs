#!/usr/bin/env node
// npm run pipeline: the pipeline compiled to JavaScript (dist/, see scripts/build.mjs) under plain
// node, compiled again first when the TypeScript in pipeline/ has changed since the last build.
// The same program as `npx tsx pipeline/cli.ts`, which runs the TypeScript itself; this one starts
// about a second sooner.
import { build, isFresh } from '../scripts/build.mjs';

if (!(await isFresh())) {
  process.stderr.write('build: pipeline/ changed since dist/ was built; compiling it again\n');
  await build();
}
const { finish, main } = await import('../dist/cli.js');
await finish(() => main(process.argv.slice(2)));
