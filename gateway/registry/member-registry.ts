import { EventEmitter } from 'node:events';
import type { GraphQLSchema } from 'graphql';
import type { Agent } from 'undici';
import type { SubgraphRequestBody } from '../../common/auth/request-hash';
import type { Logger } from '../../common/log';
import type { MemberFetch } from '../transport/member-fetch';
import type { MemberHealth } from '../transport/member-health';
import { BASE_CONTRACT_VERSION } from '../../common/contract/contract-directives';
import type { ContractFacts } from '../../common/contract/contract-facts';
import { checkContractVersions, type ContractReport } from '../../common/contract/contract-check';
import { fetchAllianceMembers } from './fetch-alliance-members';
import { compareStrings, type Member, type MemberDirectory } from './member';
import { loadRegistry, saveRegistry, type ListedMember, type MembershipStatus, type MembershipStatuses } from './registry-file';

export interface MemberRegistryOptions {
  allianceUrl: string;
  pollIntervalMs: number;
  /** How often every member is probed (health) and a pending one re-checked, whatever the alliance does. */
  probeIntervalMs: number;
  allianceTimeoutMs: number;
  dataDir: string;
  /** The hospital contract every member must serve. */
  contract: GraphQLSchema;
  /** Its facts: which fields are later versions (`@since`) a member may still lack. */
  facts?: ContractFacts;
  memberFetch: MemberFetch;
  /** Agent for the alliance calls (not a member: no breaker). */
  agent: Agent;
  logger: Logger;
  /** Headers for one registry query (a service token signed for that call). */
  allianceHeaders?: (request: SubgraphRequestBody) => Record<string, string> | Promise<Record<string, string>>;
  /** Headers for one contract check of one member (a service token signed for that call). */
  memberHeaders?: (hospitalId: string, request: SubgraphRequestBody) => Record<string, string> | Promise<Record<string, string>>;
}

export type RegistrySource = 'none' | 'alliance' | 'disk';

export interface RegistrySnapshot {
  source: RegistrySource;
  allianceReachable: boolean;
  lastPollAt?: string;
  members: (Omit<Member, 'url' | 'lacks' | 'reason'> & { breaker: string; health: MemberHealth['status'] } & Omit<MemberHealth, 'status'>)[];
}

/**
 * The live member directory: polls the alliance for ACTIVE members, contract-checks each
 * new endpoint before routing to it, and keeps the last good list on disk. It lives
 * outside the gateway's `buildService`, which runs again on every supergraph update.
 * Emits `updated` after every poll.
 */
export class MemberRegistry extends EventEmitter implements MemberDirectory {
  private members = new Map<string, Member>();
  private statuses: MembershipStatuses = Object.create(null) as MembershipStatuses;
  private sorted: Member[] = [];
  private source: RegistrySource = 'none';
  private allianceReachable = false;
  private lastPollAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private probing: Promise<void> | undefined;
  /**
   * Check reports by SDL text: members running the same subgraph release serve the same
   * SDL, and each check builds a schema from it (a few MB of garbage, many times over at
   * start with hundreds of members). A few releases at a time, not an archive.
   */
  private readonly reports = new Map<string, ContractReport>();

  constructor(private readonly options: MemberRegistryOptions) {
    super();
  }

  /** The contract's current version: a member served at it is not re-checked. */
  private get currentVersion(): string {
    return this.options.facts?.version ?? BASE_CONTRACT_VERSION;
  }

  find(hospitalId: string): Member | undefined {
    return this.members.get(hospitalId);
  }

  list(): readonly Member[] {
    return this.sorted;
  }

  /** The alliance's word on a hospital as of the last poll: ACTIVE, SUSPENDED, LEFT, or UNKNOWN when not listed (or no registry yet). */
  statusOf(hospitalId: string): MembershipStatus {
    return Object.hasOwn(this.statuses, hospitalId) ? this.statuses[hospitalId] : 'UNKNOWN';
  }

  /** First poll (falling back to the disk copy), then polls on a timer. Never throws. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.source === 'none') {
      const saved = await loadRegistry(this.options.dataDir);
      if (saved) {
        this.options.logger.warn({ members: saved.members.length }, 'alliance unreachable at start: using the last good registry from disk');
        this.source = 'disk';
        this.setStatuses(saved.statuses);
        await this.reconcile(saved.members);
      }
    }
    this.timer = setInterval(() => void this.refresh(), this.options.pollIntervalMs);
    this.timer.unref();
    // members on their own schedule: also while the alliance stays unreachable (DESIGN 4)
    this.probeTimer = setInterval(() => void this.probeAll(), this.options.probeIntervalMs);
    this.probeTimer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.timer = undefined;
    this.probeTimer = undefined;
  }

  /**
   * One round over every member, in parallel: a ready member gets a health probe, a
   * pending one another contract check (which also tells whether it is reachable). A
   * round still running when the next is due is not doubled.
   */
  probeAll(): Promise<void> {
    this.probing ??= (async () => {
      const members = [...this.members.values()];
      const changes = await Promise.all(
        members.map(async (member) => {
          if (member.state === 'pending') {
            const before = `${member.state}:${this.options.memberFetch.memberHealth(member.hospitalId).status}`;
            await this.check(member);
            return before !== `${member.state}:${this.options.memberFetch.memberHealth(member.hospitalId).status}`;
          }
          return member.state === 'ready' ? this.options.memberFetch.probe(member) : false;
        }),
      );
      if (changes.some(Boolean)) this.emit('updated', this.snapshot());
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /** One poll; concurrent callers share it. */
  refresh(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  snapshot(): RegistrySnapshot {
    return {
      source: this.source,
      allianceReachable: this.allianceReachable,
      ...(this.lastPollAt ? { lastPollAt: this.lastPollAt.toISOString() } : {}),
      members: this.sorted.map((m) => ({
        hospitalId: m.hospitalId,
        name: m.name,
        state: m.state,
        ...(m.contractVersion ? { contractVersion: m.contractVersion } : {}),
        // a code, never the reason's words: an unauthenticated probe of /readyz must not read what a URL answered
        ...(m.reasonCode ? { reasonCode: m.reasonCode } : {}),
        breaker: this.options.memberFetch.breakerState(m.hospitalId),
        ...healthFields(this.options.memberFetch.memberHealth(m.hospitalId)),
      })),
    };
  }

  private async poll(): Promise<void> {
    try {
      const headers = async (request: SubgraphRequestBody) => (await this.options.allianceHeaders?.(request)) ?? {};
      const listed = await fetchAllianceMembers(this.options.agent, this.options.allianceUrl, headers, this.options.allianceTimeoutMs);
      if (!this.allianceReachable) this.options.logger.info({ members: listed.members.length }, 'alliance registry reachable');
      this.allianceReachable = true;
      this.source = 'alliance';
      this.setStatuses(listed.statuses);
      await this.reconcile(listed.members);
      await saveRegistry(this.options.dataDir, listed).catch((error: Error) => this.options.logger.warn({ cause: error.message }, 'could not save the registry copy'));
    } catch (error) {
      if (this.allianceReachable || this.lastPollAt === undefined)
        this.options.logger.warn({ cause: (error as Error).message }, 'alliance registry poll failed; keeping the last good registry');
      this.allianceReachable = false;
    } finally {
      this.lastPollAt = new Date();
      this.emit('updated', this.snapshot());
    }
  }

  private setStatuses(statuses: MembershipStatuses): void {
    // no prototype: a hospital id such as "constructor" is just not listed
    this.statuses = Object.assign(Object.create(null) as MembershipStatuses, statuses);
  }

  /**
   * Applies a new list: drops members no longer ACTIVE, checks new and not yet accepted
   * ones, and re-checks members served at an older contract version, so that a hospital
   * that upgrades is served the new fields from the next poll on, without any restart.
   */
  private async reconcile(listed: ListedMember[]): Promise<void> {
    const next = new Map<string, Member>();
    const toCheck: Member[] = [];
    for (const entry of listed) {
      const current = this.members.get(entry.hospitalId);
      if (current && current.url === entry.url && current.state === 'ready' && current.contractVersion === this.currentVersion) {
        next.set(entry.hospitalId, { ...current, name: entry.name });
        continue;
      }
      const candidate: Member =
        current && current.url === entry.url
          ? { ...current, name: entry.name }
          : { ...entry, state: 'pending', reason: 'not checked against the contract yet', reasonCode: 'NOT_CHECKED' };
      next.set(entry.hospitalId, candidate);
      toCheck.push(candidate);
    }
    for (const id of this.members.keys()) {
      if (next.has(id)) continue;
      this.options.logger.info({ hospitalId: id }, 'member left the registry (suspended, left or removed)');
      this.options.memberFetch.forgetMember(id);
    }
    // removals and unchanged members apply at once; a slow contract check must not delay them
    this.members = next;
    this.sorted = [...next.values()].sort((a, b) => compareStrings(a.hospitalId, b.hospitalId));
    await Promise.all(toCheck.map((member) => this.check(member)));
  }

  /** The contract check of one SDL text; the contract and its facts are the registry's for its life. */
  private reportOf(sdl: string): ContractReport {
    let report = this.reports.get(sdl);
    if (!report) {
      report = checkContractVersions(this.options.contract, sdl, this.options.facts);
      if (this.reports.size >= 8) this.reports.delete(this.reports.keys().next().value as string);
      this.reports.set(sdl, report);
    }
    return report;
  }

  private async check(member: Member): Promise<void> {
    const before = `${member.state}:${member.reason ?? ''}`;
    const started = Date.now();
    try {
      const headers = async (request: SubgraphRequestBody) => (await this.options.memberHeaders?.(member.hospitalId, request)) ?? {};
      const sdl = await this.options.memberFetch.fetchServiceSdl(member.hospitalId, member.url, headers);
      this.options.memberFetch.noteReachability(member.hospitalId, { up: true, latencyMs: Date.now() - started });
      const report = this.reportOf(sdl);
      if (report.version !== undefined) {
        const changed = member.state !== 'ready' || member.contractVersion !== report.version;
        member.state = 'ready';
        member.contractVersion = report.version;
        member.lacks = report.lacks;
        delete member.reason;
        delete member.reasonCode;
        if (changed && report.lacks.size > 0) {
          this.options.logger.warn(
            { hospitalId: member.hospitalId, contractVersion: report.version, lacks: [...report.lacks] },
            'member serves an older contract version; routing to it without the later fields',
          );
        } else if (changed) this.options.logger.info({ hospitalId: member.hospitalId, contractVersion: report.version }, 'member passed the contract check; routing to it');
        return;
      }
      const problems = report.breaking;
      member.state = 'refused';
      delete member.contractVersion;
      delete member.lacks;
      member.reason = `incompatible with the hospital contract: ${problems.join(' ')}`;
      member.reasonCode = 'INCOMPATIBLE';
      if (before !== `${member.state}:${member.reason}`)
        this.options.logger.warn({ hospitalId: member.hospitalId, problems }, 'member refused: its subgraph does not serve the contract');
    } catch (error) {
      // a member already served keeps its version while it cannot be re-checked: its calls say whether it is down
      if (member.state === 'ready') return;
      member.state = 'pending';
      member.reason = `contract check not possible yet: ${(error as Error).message}`;
      member.reasonCode = 'UNREACHABLE';
      this.options.memberFetch.noteReachability(member.hospitalId, { up: false, latencyMs: Date.now() - started, error: 'not reachable for the contract check' });
      if (before !== `${member.state}:${member.reason}`)
        this.options.logger.warn({ hospitalId: member.hospitalId, reason: member.reason }, 'member not reachable for the contract check');
    }
  }
}

/** A member's health as /readyz shows it: `health` up, down or unknown (not probed yet), with latency and last error. */
function healthFields(health: MemberHealth): { health: MemberHealth['status'] } & Omit<MemberHealth, 'status'> {
  const { status, ...rest } = health;
  return { health: status, ...rest };
}
