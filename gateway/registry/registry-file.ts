import fs from 'node:fs/promises';
import path from 'node:path';

/** An ACTIVE member as the alliance lists it. */
export interface ListedMember {
  hospitalId: string;
  name: string;
  url: string;
}

interface RegistryFile {
  savedAt: string;
  members: ListedMember[];
}

export function registryFilePath(dataDir: string): string {
  return path.join(dataDir, 'gateway', 'registry.json');
}

/** Keeps the last good member list so that a restart works while the alliance is down (DESIGN 4). */
export async function saveRegistry(dataDir: string, members: ListedMember[]): Promise<void> {
  const file = registryFilePath(dataDir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const body: RegistryFile = { savedAt: new Date().toISOString(), members };
  // write then rename: a crash mid-write never leaves a torn file behind
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
  await fs.rename(temporary, file);
}

export async function loadRegistry(dataDir: string): Promise<ListedMember[] | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(registryFilePath(dataDir), 'utf8')) as Partial<RegistryFile>;
    if (!Array.isArray(parsed.members)) return undefined;
    return parsed.members.filter((m) => typeof m?.hospitalId === 'string' && typeof m?.url === 'string' && typeof m?.name === 'string');
  } catch {
    return undefined;
  }
}
