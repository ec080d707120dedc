// Writing one file atomically: through a temporary sibling and a rename, so that a reader never sees
// half of it. Whole folders are published by pipeline/release.ts.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes one file through a temporary sibling and a rename. */
export async function replaceFile(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.new-${process.pid}`;
  await writeFile(staging, content);
  await rename(staging, target);
}
