// Writing a folder atomically: everything goes to a temporary sibling, which replaces the target
// only when complete. A run that fails or is killed leaves the previous folder as it was.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `target` with a folder holding `files` (relative path → content). Files named in `keep`
 * that the old folder has and the new one lacks are carried over (they come from other commands).
 */
export async function replaceFolder(target: string, files: Map<string, string | Uint8Array>, keep: string[] = []): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.new-`));
  try {
    for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = join(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    for (const name of keep) {
      const old = join(target, name);
      if (existsSync(old) && !existsSync(join(staging, name))) await cp(old, join(staging, name), { recursive: true });
    }
    const retired = `${staging}.old`;
    if (existsSync(target)) await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Writes one file through a temporary sibling and a rename. */
export async function replaceFile(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.new-${process.pid}`;
  await writeFile(staging, content);
  await rename(staging, target);
}
