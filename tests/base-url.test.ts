// --base-url: the address the output folder will be published at, so that the data page's embed
// code loads the charts from there wherever it is pasted. The real command line, on two documents.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES, runCli } from './fixtures/bad-input.js';

let work: string;
let sources: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'base-url-'));
  sources = join(work, 'sources');
  for (const id of ['000_4fc6a45fc6b0fc80', '003_a690177de33db21b']) {
    for (const ext of ['txt', 'meta.json']) cpSync(join(SOURCES, `${id}.${ext}`), join(sources, `${id}.${ext}`));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--base-url', () => {
  it('is refused unless it is an absolute http(s) folder address: exit 2, nothing written', async () => {
    for (const [url, reason] of [
      ['charts/here', 'not an absolute URL'],
      ['ftp://example.org/data/', 'not an http or https URL'],
      ['https://example.org/data/?v=1', 'a folder address has no ?query or #fragment'],
    ]) {
      const run = await runCli(['--sources', sources, '--out', join(work, 'bad-out'), '--reports', join(work, 'bad-reports'), '--base-url', url!]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--base-url "${url}": ${reason}`);
    }
    expect(existsSync(join(work, 'bad-out'))).toBe(false);
    expect(existsSync(join(work, 'bad-reports'))).toBe(false);
  });

  it('is in the help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout + run.stderr).toContain('--base-url URL');
  });

  it('puts absolute chart addresses, as a folder, into the embed code of the data page', async () => {
    const out = join(work, 'output');
    const reports = join(work, 'reports');
    const run = await runCli(['--sources', sources, '--out', out, '--reports', reports, '--base-url', 'https://data.example.org/defense']);
    expect(run.code, run.stderr).toBe(0);
    const page = new JSDOM(readFileSync(join(reports, 'index.html'), 'utf8')).window.document;
    const codes = [...page.querySelectorAll('#charts pre > code')].map((c) => c.textContent!);
    expect(codes.length).toBe(6);
    expect(codes[0]).toContain('srcset="https://data.example.org/defense/charts/secdef-visits-narrow.svg"');
    expect(codes[0]).toContain('<img src="https://data.example.org/defense/charts/secdef-visits.svg"');
    // The page itself still shows the charts from beside it.
    expect(page.querySelector('img')!.getAttribute('src')).toBe('../output/charts/secdef-visits.svg');
  }, 120_000);
});
