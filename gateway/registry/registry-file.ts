import fs from 'node:fs/promises';
import path from 'node:path';

/** An ACTIVE member as the alliance lists it. */
export interface ListedMember {
  hospitalId: string;
  name: string;
  url: string;
}

/** A hospital's membership as the alliance lists it; a hospital it does not list is UNKNOWN. */
export type MembershipStatus = 'ACTIVE' | 'SUSPENDED' | 'LEFT' | 'UNKNOWN';
export type MembershipStatuses = Record<string, Exclude<MembershipStatus, 'UNKNOWN'>>;

interface RegistryFile {
  savedAt: string;
  members: ListedMember[];
  /** Every listed hospital's status; absent in files of older gateways (then: the members are ACTIVE). */
  statuses?: MembershipStatuses;
}

export interface SavedRegistry {
  members: ListedMember[];
  statuses: MembershipStatuses;
}

export function registryFilePath(dataDir: string): string {
  return path.join(dataDir, 'gateway', 'registry.json');
}

/** Keeps the last good member list so that a restart works while the alliance is down (DESIGN 4). */
export async function saveRegistry(dataDir: string, { members, statuses }: SavedRegistry): Promise<void> {
  const file = registryFilePath(dataDir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const body: RegistryFile = { savedAt: new Date().toISOString(), members, statuses };
  // write then rename: a crash mid-write never leaves a torn file behind
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
  await fs.rename(temporary, file);
}

export async function loadRegistry(dataDir: string): Promise<SavedRegistry | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(registryFilePath(dataDir), 'utf8')) as Partial<RegistryFile>;
    if (!Array.isArray(parsed.members)) return undefined;
    const members = parsed.members.filter((m) => typeof m?.hospitalId === 'string' && typeof m?.url === 'string' && typeof m?.name === 'string');
    const statuses = Object.create(null) as MembershipStatuses;
    for (const [id, status] of Object.entries(parsed.statuses ?? {})) if (status === 'ACTIVE' || status === 'SUSPENDED' || status === 'LEFT') statuses[id] = status;
    for (const member of members) statuses[member.hospitalId] ??= 'ACTIVE';
    return { members, statuses };
  } catch {
    return undefined;
  }
}
