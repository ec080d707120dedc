// A worker thread of pipeline/workers.ts: receives documents a few at a time, annotates them and runs
// the fact rules, and sends back their facts. The reference tables come from the runner, already
// read and checked, so that every thread extracts with exactly the same ones.
import { parentPort, workerData } from 'node:worker_threads';
import { extractSource } from './documents.js';
import { Reference } from './lib/reference.js';
import type { Job, ReferenceData, WorkerReply } from './workers.js';

const port = parentPort!;
const ref = new Reference((workerData as { reference: ReferenceData }).reference);

port.on('message', (jobs: Job[]) => {
  const outcomes: Extract<WorkerReply, { outcomes: unknown }>['outcomes'] = [];
  for (const job of jobs) {
    try {
      const { found, times } = extractSource(job.source, ref);
      outcomes.push({ index: job.index, found, times });
    } catch (error) {
      port.postMessage({ failed: `${job.source.id}: ${(error as Error).stack ?? String(error)}` } satisfies WorkerReply);
      return;
    }
  }
  port.postMessage({ outcomes } satisfies WorkerReply);
});
