#!/usr/bin/env node
// Reads a release the way people who did not write it do (npm run check:outputs [-- DIR]): the
// Frictionless Data Package reader (the `datapackage` npm package) validates datapackage.json and
// reads every resource, its types, constraints, primary and foreign keys; every CSV must then give
// the JSON twin's rows. Exits 1 with one line per problem. .ci/run runs it on the committed output.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import datapackage from 'datapackage';

const dir = resolve(process.argv[2] ?? 'output');
const problems = [];
const pkg = await datapackage.Package.load(join(dir, 'datapackage.json'));
if (!pkg.valid) for (const e of pkg.errors) problems.push(`datapackage.json: ${e.message ?? e}`);
for (const resource of pkg.resources) {
  try {
    const rows = await resource.read({ keyed: true, relations: true });
    const json = JSON.parse(readFileSync(join(dir, 'data', `${resource.name}.json`), 'utf8'));
    if (rows.length !== json.length) problems.push(`${resource.descriptor.path}: ${rows.length} rows, the JSON twin has ${json.length}`);
    const headers = Object.keys(rows[0] ?? json[0] ?? {});
    const expected = resource.schema.fieldNames;
    if (rows.length > 0 && headers.join(',') !== expected.join(',')) problems.push(`${resource.descriptor.path}: header ${JSON.stringify(headers)}, the schema says ${JSON.stringify(expected)}`);
    process.stdout.write(`${resource.name}: ${rows.length} rows read, valid against the descriptor\n`);
  } catch (error) {
    const detail = (error.errors ?? []).slice(0, 3).map((e) => e.message).join('; ');
    problems.push(`${resource.descriptor.path}: ${error.message}${detail ? `: ${detail}` : ''}`);
  }
}
for (const p of problems) process.stderr.write(`${p}\n`);
if (problems.length > 0) process.exitCode = 1;
else process.stdout.write(`${dir}: every resource read by the Frictionless reader without an error\n`);
