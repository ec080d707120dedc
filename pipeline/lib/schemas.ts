// The one Ajv instance: compiles every schema under schemas/ once, on first use (a worker thread
// imports this module but never validates), and hands out validators. Ajv itself loads on first use
// too: a run that finds nothing changed, or --help, never needs it.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

export const SCHEMA_DIR = new URL('../../schemas/', import.meta.url).pathname;

/** Ajv and ajv-formats are CommonJS: required when first needed, in order, wherever this module runs. */
function newAjv(): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as { default?: unknown };
  const addFormats = (formats.default ?? formats) as (ajv: Ajv2020) => void;
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

function schemaFiles(dir: string, prefix = ''): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) names.push(...schemaFiles(join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith('.schema.json')) names.push(`${prefix}${entry.name}`);
  }
  return names.sort();
}

let compiled: Map<string, ValidateFunction> | null = null;
function validators(): Map<string, ValidateFunction> {
  if (!compiled) {
    const ajv = newAjv();
    compiled = new Map();
    // Every schema is added before any is compiled, so that one may refer to another by its $id.
    const files = schemaFiles(SCHEMA_DIR);
    const ids = files.map((file) => {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      return schema.$id;
    });
    files.forEach((file, i) => compiled!.set(file.replace(/\.schema\.json$/, ''), ajv.getSchema(ids[i]!)!));
  }
  return compiled;
}

/** Raw schema object by name ("training", "reference/countries"). */
export function schemaOf(name: string): { properties: Record<string, Record<string, unknown>>; required?: string[]; description?: string } {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8'));
}

export interface FieldError {
  field: string;
  message: string;
}

/** Validates data against a named schema; returns the errors in a form a person can read. */
export function validate(name: string, data: unknown): FieldError[] {
  const check = validators().get(name);
  if (!check) throw new Error(`no schema named ${name} in ${SCHEMA_DIR}`);
  if (check(data)) return [];
  return (check.errors ?? []).map(describeError);
}

function describeError(e: ErrorObject): FieldError {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { field: [path, params.missingProperty].filter(Boolean).join('.'), message: 'is missing' };
  if (e.keyword === 'additionalProperties') return { field: [path, params.additionalProperty].filter(Boolean).join('.'), message: 'is not a known field' };
  const value = path ? ` (${JSON.stringify(lookup(e.data))})` : '';
  if (e.keyword === 'pattern' || e.keyword === 'format') return { field: path || '(document)', message: `is not in the expected form${value}` };
  const allowed = e.keyword === 'enum' ? `: one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : '';
  return { field: path || '(document)', message: `${e.message ?? e.keyword}${allowed}${value}` };
}

function lookup(data: unknown): unknown {
  return typeof data === 'string' && data.length > 60 ? `${data.slice(0, 57)}...` : data;
}
