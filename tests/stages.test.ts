// The stages as scripts (issue #15): each stage runs on its own (`npx tsx pipeline/stages/<stage>.ts`),
// reading what the script before it wrote in the work folder; run one after another they publish
// byte for byte what `npm run pipeline` (the compiled runner, bin/pipeline.mjs) publishes. Also: the
// layers import downwards only, and --help loads nothing heavy.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN } from '../pipeline/stages/chain.js';
import { cliEnv, differences, ROOT, snapshot, SOURCES } from './fixtures/bad-input.js';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
let work: string;
let sources: string;

function stage(name: string, args: string[]): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(TSX, [`pipeline/stages/${name}.ts`, ...args], { cwd: ROOT, env: cliEnv(), encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'stages-'));
  sources = join(work, 'sources');
  // The project's documents with their editors' records, and one rejected file, so problems flow through too.
  cpSync(SOURCES, sources, { recursive: true, filter: (src) => !src.includes('/reference') });
  writeFileSync(join(sources, 'orphan.txt'), 'A text without its sidecar\n\nIt is rejected.\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('stage scripts', () => {
  it('run one after another, publish byte for byte what npm run pipeline publishes', () => {
    const runner = spawnSync(process.execPath, [join(ROOT, 'bin/pipeline.mjs'), '--sources', sources, '--out', join(work, 'runner/output'), '--reports', join(work, 'runner/reports'), '--no-cache'], { cwd: ROOT, env: cliEnv(), encoding: 'utf8' });
    expect(runner.status, runner.stderr).toBe(1);
    const args = ['--sources', sources, '--out', join(work, 'staged/output'), '--reports', join(work, 'staged/reports'), '--work', join(work, 'build'), '--no-cache'];
    const codes = CHAIN.map((name) => {
      const r = stage(name, args);
      expect([0, 1], `${name}: ${r.stderr}`).toContain(r.code);
      // One line per stage, named for it, with its time.
      expect(r.stderr).toMatch(new RegExp(`^${name} +\\d+ ms`, 'm'));
      return r.code;
    });
    // The rejected file is named where the runner names it (validate prints every problem of the run), and the write stage's exit says so.
    expect(codes.at(-1)).toBe(1);
    for (const folder of ['output', 'reports']) {
      const a = snapshot(join(work, 'runner', folder));
      const b = snapshot(join(work, 'staged', folder));
      expect(a.size).toBeGreaterThan(3);
      expect(differences(a, b), `${folder}/ files that differ`).toEqual([]);
    }
    // Each stage kept its result in a folder of its own, with the pipeline's manifest.
    expect(readdirSync(join(work, 'build')).sort()).toEqual(CHAIN.filter((s) => s !== 'write').sort());
    for (const name of CHAIN.filter((s) => s !== 'write')) expect(existsSync(join(work, 'build', name, '.pipeline-release.json'))).toBe(true);
  });

  it('a stage whose input was never written says which script to run first', () => {
    const r = stage('chart', ['--sources', sources, '--work', join(work, 'empty-build')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/holds no result of the validate stage: run it first \(npx tsx pipeline\/stages\/validate\.ts\)/);
  });

  it('takes the options of the whole run, refuses a misspelt one (exit 2), and has its own --help', () => {
    const wrong = stage('ingest', ['--sorces', sources]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: Unknown option '--sorces'/);
    const help = stage('report', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npx tsx pipeline\/stages\/report\.ts/);
    expect(help.stdout).toContain('It reads ingest/, review/, validate/, export/, chart/');
  });

  it('--strict with a rejection: validate stops the chain, and no later script publishes', () => {
    const args = ['--sources', sources, '--out', join(work, 'strict/output'), '--reports', join(work, 'strict/reports'), '--work', join(work, 'strict-build'), '--no-cache', '--strict'];
    for (const name of ['ingest', 'extract', 'review']) expect(stage(name, args).code).toBe(0);
    const validate = stage('validate', args);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/--strict: 1 problem\(s\); nothing published/);
    const exported = stage('export', args);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/the validate stage stopped the run/);
    expect(existsSync(join(work, 'strict/output'))).toBe(false);
  });
});

describe('layers', () => {
  const files = readdirSync(join(ROOT, 'pipeline'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  /** Relative imports of a module, as paths under pipeline/: with dynamic ones (`import()`), or only those that load at once (no `import type`). */
  const imports = (file: string, dynamic: boolean): string[] => {
    const text = readFileSync(join(ROOT, 'pipeline', file), 'utf8');
    const statement = dynamic ? /^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm : /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm;
    const found = [...text.matchAll(statement)].map((m) => m[1]!);
    if (dynamic) found.push(...[...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]!));
    return found.filter((s) => s.startsWith('.')).map((s) => relative(join(ROOT, 'pipeline'), resolve(dirname(join(ROOT, 'pipeline', file)), s)).replace(/\.js$/, '.ts'));
  };

  it('nothing below the stages imports a stage, the runner or the command line', () => {
    // The entry points (the command line, npm run eval) and the runner sit above the stages.
    const top = (f: string) => f.startsWith('stages/') || f === 'run.ts' || f === 'cli.ts' || f === 'evaluate.ts';
    const upward = files.filter((f) => !top(f)).flatMap((f) => imports(f, true).filter(top).map((target) => `${f} imports ${target}`));
    expect(upward).toEqual([]);
  });

  it('no function of pipeline/ has over 40 branch points (if, loops, cases, ?:, catch, && || ??)', () => {
    const over: string[] = [];
    for (const f of files) {
      const source = ts.createSourceFile(f, readFileSync(join(ROOT, 'pipeline', f), 'utf8'), ts.ScriptTarget.Latest, true);
      const branches = (fn: ts.Node) => {
        let n = 0;
        const count = (x: ts.Node): void => {
          if (ts.isFunctionLike(x)) return;
          if (ts.isIfStatement(x) || ts.isIterationStatement(x, false) || ts.isCaseClause(x) || ts.isConditionalExpression(x) || ts.isCatchClause(x)) n++;
          if (ts.isBinaryExpression(x) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(x.operatorToken.kind)) n++;
          ts.forEachChild(x, count);
        };
        ts.forEachChild(fn, count);
        return n;
      };
      const visit = (x: ts.Node): void => {
        if (ts.isFunctionLike(x) && branches(x) > 40) over.push(`${f}:${source.getLineAndCharacterOfPosition(x.getStart()).line + 1} (${branches(x)})`);
        ts.forEachChild(x, visit);
      };
      visit(source);
    }
    expect(over).toEqual([]);
  });

  it('no module of pipeline/ is over 250 lines', () => {
    const long = files.map((f) => [f, readFileSync(join(ROOT, 'pipeline', f), 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > 250);
    expect(long).toEqual([]);
  });

  it('--help and the runner load no heavy library before a stage needs it', () => {
    // The modules the command line, the runner and the stage list import before any stage runs (static imports, followed).
    const seen = new Set<string>();
    const heavy: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(ROOT, 'pipeline', file), 'utf8');
      for (const m of text.matchAll(/^\s*import\s(?!type\b)[^'"]*?from\s+'([^'.][^']*)'/gm)) if (/^(jsdom|@observablehq\/plot|chrono-node|wink-|zx$)/.test(m[1]!)) heavy.push(`${file}: ${m[1]}`);
      for (const next of imports(file, false)) if (existsSync(join(ROOT, 'pipeline', next))) walk(next);
    };
    for (const entry of ['cli.ts', 'run.ts', 'stages/chain.ts', 'stages/context.ts']) walk(entry);
    expect(heavy).toEqual([]);
    // And the test can fail: the chart stage's own graph does reach jsdom.
    seen.clear();
    walk('stages/chart.ts');
    expect(heavy.some((h) => h.endsWith('jsdom'))).toBe(true);
  });

  it('--help answers from the compiled pipeline without compiling anything', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/pipeline.mjs'), '--help'], { cwd: ROOT, env: cliEnv(), encoding: 'utf8' });
    expect(out).toMatch(/^Usage: npm run pipeline/);
    expect(out).toContain('ingest, extract, review, validate, export, chart, report, write');
  });
});
