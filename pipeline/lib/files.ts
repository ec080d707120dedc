// Writing a folder atomically: everything goes to a temporary sibling, which replaces the target
// only when complete. A run that fails or is killed leaves the previous folder as it was.
import { existsSync, renameSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `target` with a folder holding `files` (relative path → content). Files named in `keep`
 * that the old folder has and the new one lacks are carried over (they come from other commands).
 */
export async function replaceFolder(target: string, files: Map<string, string | Uint8Array>, keep: string[] = []): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await recover(target);
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
    // The two renames run back to back, with no await between them: the window in which a killed
    // run leaves no target at all is as short as the file system allows, and recover() closes it.
    const retired = `${staging}.old`;
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
    await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Tidies what a killed run left beside the target: a retired folder is put back when the target is
 * missing (the run died between the two renames), and unfinished staging folders are removed.
 */
async function recover(target: string): Promise<void> {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.new-`;
  const left = (await readdir(parent)).filter((name) => name.startsWith(prefix)).sort();
  const retired = left.filter((name) => name.endsWith('.old'));
  if (!existsSync(target) && retired.length > 0) renameSync(join(parent, retired.at(-1)!), target);
  for (const name of left) if (existsSync(join(parent, name))) await rm(join(parent, name), { recursive: true, force: true });
}

/** Writes one file through a temporary sibling and a rename. */
export async function replaceFile(target: string, content: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.new-${process.pid}`;
  await writeFile(staging, content);
  await rename(staging, target);
}
