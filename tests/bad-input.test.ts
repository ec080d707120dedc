// Bad input (issue #5): every broken, awkward or hostile source file gets one clear line naming the
// file (and the field or line), the other documents still go through, and nothing crashes.
// The corpus is written at test time by tests/fixtures/bad-input.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblem } from '../pipeline/errors.js';
import { loadReference, DEFAULT_REFERENCE_DIR } from '../pipeline/lib/reference.js';
import { sha256 } from '../pipeline/lib/text.js';
import { extract } from '../pipeline/stages/extract.js';
import { ingest, type IngestResult } from '../pipeline/stages/ingest.js';
import { MAX_TEXT_BYTES } from '../pipeline/sources/read.js';
import { oneLine } from '../pipeline/sources/files.js';
import { cliEnv, differences, HUGE_BYTES, ROOT, runCli, snapshot, SOURCES, writeBadInputCorpus, type CliResult, type Corpus } from './fixtures/bad-input.js';

const reference = loadReference(DEFAULT_REFERENCE_DIR);
let work: string;
let corpus: Corpus;
let result: IngestResult;
let ingestMs: number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bad-input-'));
  corpus = writeBadInputCorpus(join(work, 'sources'), join(work, 'elsewhere'));
  const started = performance.now();
  result = await ingest(corpus.dir);
  ingestMs = performance.now() - started;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** How ingest names a file of the corpus (the corpus is outside the working directory: absolute). */
const named = (file: string) => oneLine(join(corpus.dir, file));
const problemsOf = (file: string) => result.problems.filter((p) => p.file === named(file));
/** A line fit for a terminal and a Markdown table: no line break, no control or bidi character. */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/;

describe('ingest on the bad-input corpus', () => {
  it('lets every good document through, and only those', () => {
    expect(result.docs.map((d) => d.id).sort()).toEqual(corpus.good);
  });

  it('names each bad file in exactly one problem, with its code and the field or line', () => {
    for (const e of corpus.bad) {
      const found = problemsOf(e.file);
      expect(found, `${e.file}: ${JSON.stringify(result.problems.filter((p) => p.file.includes(e.file.slice(0, 4))))}`).toHaveLength(1);
      const p = found[0]!;
      expect(p.code, e.file).toBe(e.code);
      expect(p.field, e.file).toBe(e.field);
      if (e.line !== undefined) expect(p.line, e.file).toBe(e.line);
    }
    // Nothing else: a good document causes no problem, a bad file no second one.
    expect(result.problems).toHaveLength(corpus.bad.length);
  });

  it('writes every problem as one line that starts with the file name', () => {
    for (const p of result.problems) {
      const line = describeProblem(p);
      expect(line, line).toMatch(ONE_LINE);
      expect(line.startsWith(`${p.file}:`)).toBe(true);
      expect(p.message.length, line).toBeGreaterThanOrEqual(6);
      expect(line, 'a stack trace or an object dump').not.toMatch(/\n|\bat .*:\d+:\d+|\[object /);
    }
    // The file name with a line break in it is escaped, not printed raw.
    expect(result.problems.some((p) => p.file.endsWith('line\\nbreak.txt'))).toBe(true);
  });

  it('says what is wrong in words a user can act on', () => {
    const message = (file: string) => problemsOf(file)[0]!.message;
    expect(message('huge.txt')).toContain(`over the limit of ${MAX_TEXT_BYTES} bytes`);
    expect(message('utf16.txt')).toMatch(/UTF-16.*save it as UTF-8/);
    expect(message('latin1.txt')).toMatch(/not valid UTF-8.*Latin-1/);
    expect(message('not-json.meta.json')).toMatch(/not valid JSON \(column 3\)/);
    expect(message('missing-field.meta.json')).toBe('is missing');
    expect(message('unknown-field.meta.json')).toBe('is not a known field');
    expect(message('bad-date.meta.json')).toContain('"2014-13-45"');
    expect(message('Doc.txt')).toContain('"doc.txt" only by letter case');
    expect(message('shouting.TXT')).toContain('rename it "shouting.txt"');
    expect(message('text-only.txt')).toContain('has no text-only.meta.json beside it');
    expect(message('meta-only.meta.json')).toContain('has no meta-only.txt beside it');
    expect(message('outside-link.txt')).toContain('outside the source folder');
  });

  it('refuses the 100 MB file from its size, without reading it', () => {
    // The whole corpus, with the NLP pass over the good documents, takes a fraction of a second;
    // reading 100 MB and decoding it would take longer and show in the memory peak (next test).
    expect(ingestMs).toBeLessThan(5000);
  });

  it('never reads the file a link outside the folder points at', () => {
    const secret = readFileSync(corpus.outside, 'utf8');
    for (const d of result.docs) expect(d.text).not.toContain(secret.split('\n')[2]);
  });

  it('drops a leading BOM, keeps the checksum of the bytes on disk, counts code points', () => {
    const doc = result.docs.find((d) => d.id === 'bom-start')!;
    const bytes = readFileSync(join(corpus.dir, 'bom-start.txt'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(doc.text.startsWith('Honduras')).toBe(true);
    expect(doc.sha256).toBe(sha256(bytes));
    expect(doc.characters).toBe([...doc.text].length);
  });

  it('keeps invisible and typographic characters, and offsets still slice the quotes back', () => {
    const doc = result.docs.find((d) => d.id === 'unicode-traps')!;
    expect(doc.text).toContain('\u00a0');
    expect(doc.text).toContain('\u200b');
    expect(doc.text).toContain('\u201c');
    const rows = extract([doc], reference).rows;
    const all = [...rows['secdef-visits'], ...rows['arms-purchases'], ...rows.training];
    expect(all.length).toBeGreaterThan(0);
    const chars = [...doc.text];
    for (const r of all) expect(chars.slice(r.char_start, r.char_end).join('')).toBe(r.quote);
  });

  it('reads CRLF text as LF text: the same rows and ids, offsets into the CRLF text', async () => {
    // A real document, as saved by a Windows editor.
    const dir = join(work, 'crlf');
    mkdirSync(dir);
    const id = 'hd17-state-fmt-report-guatemala-2001';
    const lf = readFileSync(join(SOURCES, `${id}.txt`), 'utf8');
    writeFileSync(join(dir, `${id}.txt`), lf.replace(/\n/g, '\r\n'));
    writeFileSync(join(dir, `${id}.meta.json`), readFileSync(join(SOURCES, `${id}.meta.json`)));
    const crlf = await ingest(dir);
    const plain = await ingest(SOURCES);
    expect(crlf.problems).toEqual([]);
    const a = extract(plain.docs.filter((d) => d.id === id), reference).rows.training;
    const b = extract(crlf.docs, reference).rows.training;
    expect(b.length).toBeGreaterThan(5);
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(b.map((r) => ({ ...r, char_start: 0, char_end: 0 }))).toEqual(a.map((r) => ({ ...r, char_start: 0, char_end: 0 })));
    const chars = [...crlf.docs[0]!.text];
    for (const r of b) {
      expect(r.quote).not.toMatch(/\r/);
      expect(chars.slice(r.char_start, r.char_end).join('')).toBe(r.quote);
    }
  });

  it('reads a source folder reached through a link, and a link inside it', async () => {
    const link = join(work, 'linked-sources');
    symlinkSync(corpus.dir, link);
    const viaLink = await ingest(link);
    expect(viaLink.docs.map((d) => d.id).sort()).toEqual(corpus.good);
    expect(viaLink.problems.map((p) => p.code).sort()).toEqual(result.problems.map((p) => p.code).sort());
  });

  it('stops with one clear problem when the source folder does not exist', async () => {
    await expect(ingest(join(work, 'no-such-folder'))).rejects.toThrow(/source folder cannot be read/);
  });
});

describe('memory', () => {
  it('refuses the 100 MB file without reading it into memory', async () => {
    // A fresh process, so that the peak resident size (maxRSS) says what reading the big file cost.
    const dir = join(work, 'only-huge');
    const script = join(work, 'peak.mts');
    mkdirSync(join(dir, 'huge'), { recursive: true });
    writeFileSync(join(dir, 'huge', 'huge.txt'), '');
    truncateSync(join(dir, 'huge', 'huge.txt'), HUGE_BYTES);
    writeFileSync(join(dir, 'huge', 'huge.meta.json'), readFileSync(join(corpus.dir, 'huge.meta.json')));
    writeFileSync(
      script,
      `import { ingest } from ${JSON.stringify(join(ROOT, 'pipeline/stages/ingest.ts'))};
const small = await ingest(${JSON.stringify(join(ROOT, 'tests/fixtures/hostile'))});
const before = process.resourceUsage().maxRSS;
const big = await ingest(${JSON.stringify(join(dir, 'huge'))});
const after = process.resourceUsage().maxRSS;
console.log(JSON.stringify({ small: small.docs.length, codes: big.problems.map((p) => p.code), grewKiB: after - before }));
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8' });
    const { small, codes, grewKiB } = JSON.parse(out.trim().split('\n').at(-1)!) as { small: number; codes: string[]; grewKiB: number };
    expect(small).toBe(1);
    expect(codes).toEqual(['too-large']);
    // Reading it would add 100 MB (and decoding it 200 MB more); 20 MB leaves room for the runtime.
    expect(grewKiB).toBeLessThan(20 * 1024);
  });
});

describe('the command line on the bad-input corpus', () => {
  let run: CliResult;
  let out: string;
  let reports: string;
  beforeAll(async () => {
    out = join(work, 'output');
    reports = join(work, 'reports');
    run = await runCli(['--sources', corpus.dir, '--out', out, '--reports', reports]);
  });

  it('exits 1 (input rejected) and still publishes the good documents', () => {
    expect(run.code, run.stderr).toBe(1);
    const sources = JSON.parse(readFileSync(join(out, 'data/sources.json'), 'utf8')) as { id: string }[];
    expect(sources.map((s) => s.id).sort()).toEqual(corpus.good);
  });

  it('prints one line per bad file on stderr, and no stack trace', () => {
    const lines = run.stderr.trimEnd().split('\n');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/internal error|Error:|node:internal/);
    for (const e of corpus.bad) {
      const mentions = lines.filter((l) => l.startsWith(`${e.warning ? 'warning' : 'rejected'}: ${named(e.file)}:`));
      expect(mentions, e.file).toHaveLength(1);
    }
    // Every line is a stage's progress line, a warning or a rejection.
    for (const l of lines) expect(l, l).toMatch(/^(?:rejected|warning): |^[a-z]+ +\d+ ms {2}/);
  });

  it('lists every problem in reports/summary.md', () => {
    const summary = readFileSync(join(reports, 'summary.md'), 'utf8');
    for (const e of corpus.bad) expect(summary, e.file).toContain(e.file.replace('\n', '\\n'));
  });

  it('--strict: publishes nothing when anything is rejected, and leaves the previous output as it was', async () => {
    const before = snapshot(out);
    const beforeReports = snapshot(reports);
    const strict = await runCli(['--sources', corpus.dir, '--out', out, '--reports', reports, '--strict']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stderr).toMatch(/--strict: \d+ problem\(s\); nothing published/);
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(differences(beforeReports, snapshot(reports))).toEqual([]);
  });

  it('--strict: turns a warning (a file that is not a document) into a rejection', async () => {
    const dir = join(work, 'warning-only');
    mkdirSync(dir);
    for (const name of ['hd09-dsca-mexico-hmmwv-2014.txt', 'hd09-dsca-mexico-hmmwv-2014.meta.json']) writeFileSync(join(dir, name), readFileSync(join(SOURCES, name)));
    writeFileSync(join(dir, 'draft.docx'), 'PK');
    const strict = await runCli(['--sources', dir, '--out', join(work, 'w-out'), '--reports', join(work, 'w-reports'), '--strict']);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stderr).toContain(`rejected: ${oneLine(join(dir, 'draft.docx'))}: not a source document`);
    expect(snapshot(join(work, 'w-out')).size).toBe(0);
  });

  it('exits 2 on a bad command line, with the usage', async () => {
    const bad = await runCli(['--sourcez', corpus.dir], { env: cliEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*sourcez/);
    expect(bad.stderr).toContain('Usage: npm run pipeline');
  });
});
