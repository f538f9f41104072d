import fs from 'node:fs';
import path from 'node:path';
import { compareVersions, readContractFacts } from '../../common/contract/contract-facts';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory } from './support/partner-hospital';
import { schemaText, scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import { startTinySubgraph, type TinySubgraph } from './support/tiny-subgraph';

const CONTRACT = schemaText('hospital.graphql');
const CURRENT = readContractFacts(CONTRACT).version;
/** The next minor version, whatever the checked-in contract's version is. */
const NEXT = CURRENT.replace(/\d+$/, (n) => String(Number(n) + 1));

function insertInto(sdl: string, typeHeader: RegExp, lines: string[]): string {
  if (!typeHeader.test(sdl)) throw new Error(`contract lacks ${typeHeader}`);
  return sdl.replace(typeHeader, (header) => `${header}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

/**
 * A copy of the contract that the gateway's code has never seen:
 * - a new root list, `nurseRoster`, cut by an argument named `limit` (default 3), merged by
 *   hospitalId then name descending, sized for the cost estimate by `limit`;
 * - a field and a mutation of the next version (`@since`), which a member may still lack.
 */
const EXTENDED = insertInto(
  insertInto(
    insertInto(CONTRACT, /type Query \{/, [
      'nurseRoster(hospitalIds: [ID!], limit: Int = 3): [Staff!]! @listOrder(by: ["hospitalId", "name DESC"]) @listSize(slicingArguments: ["limit"])',
    ]),
    /type Staff\s+@key\(fields: "hospitalId id"\)[^{]*\{/,
    [`pagerNumber: String @since(version: "${NEXT}")`],
  ),
  /type Mutation \{/,
  [`pageStaff(hospitalId: ID!, staffId: ID!): Staff! @since(version: "${NEXT}") @hospitalFrom(path: "hospitalId")`],
);
/** The same contract as a member that has not upgraded serves it: without the next version's fields. */
const OLDER = EXTENDED.split('\n')
  .filter((line) => !line.includes(`@since(version: "${NEXT}")`))
  .join('\n');

/** A partner's member serving `sdl` with a few staff; the later fields only where its SDL has them. */
function stubMember(hospitalId: string, sdl: string, names: string[], port = 0): Promise<TinySubgraph> {
  const staff = names.map((name, i) => ({ hospitalId, id: `${hospitalId}-s${i}`, name, role: 'PHYSICIAN', availableForDispatch: true, pagerNumber: `${hospitalId}-pager-${i}` }));
  const upgraded = sdl.includes('pageStaff');
  return startTinySubgraph(
    sdl,
    {
      Query: {
        staffDirectory: (_: unknown, args: { first?: number }) => staff.slice(0, args.first ?? 50),
        // in the member's own order: the gateway orders the merged list
        nurseRoster: (_: unknown, args: { limit?: number }) => staff.slice(0, args.limit ?? 3),
        departments: () => [],
        sharedResources: () => [],
        labSummary: () => [],
      },
      ...(upgraded ? { Mutation: { pageStaff: (_: unknown, args: { staffId: string }) => staff.find((s) => s.id === args.staffId) } } : {}),
      Hospital: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), staff: () => staff },
      Staff: { __resolveReference: (ref: { id: string }) => staff.find((s) => s.id === ref.id) ?? null },
    },
    port,
  );
}

/**
 * Rolling contract upgrades and contract facts, end to end: a gateway started on a copy
 * of the contract it was not coded for, two members already at the next version and one
 * still at the current one, an alliance directory, all over real HTTP.
 */
describe('contract versions and contract facts at the gateway', () => {
  const dataDir = scratchDataDir();
  let upToDate: TinySubgraph[];
  let outdated: TinySubgraph;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  const post = async (query: string, variables?: Record<string, unknown>) => postGraphQL(gateway.url, query, variables, await callerHeaders(dataDir));
  const readyz = async () => (await fetch(gateway.url.replace('/graphql', '/readyz'))).json() as Promise<any>;
  const fastPathCount = async () => {
    const text = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
    return Number(
      text
        .split('\n')
        .find((l) => l.startsWith('medalliance_gateway_fast_path_requests_total '))
        ?.split(' ')[1] ?? 0,
    );
  };
  const asked = (member: TinySubgraph, text: string) => member.received.filter((r) => r.query.includes(text)).length;

  beforeAll(async () => {
    upToDate = [await stubMember('p-new1', EXTENDED, ['An', 'Zhou', 'Bo', 'Cai']), await stubMember('p-new2', EXTENDED, ['Li'])];
    outdated = await stubMember('p-old', OLDER, ['Wu', 'Ma']);
    alliance = await startAllianceDirectory([
      { id: 'p-new1', url: upToDate[0].url },
      { id: 'p-new2', url: upToDate[1].url },
      { id: 'p-old', url: outdated.url },
    ]);
    const folder = scratchSchemaFolder();
    fs.writeFileSync(path.join(folder, 'hospital.graphql'), EXTENDED);
    const config = loadGatewayConfig({ PORT: '0', ALLIANCE_URL: alliance.url, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_REGISTRY_POLL_MS: '3600000' });
    gateway = await startGateway(config, { schemaDir: folder, logger: createLogger('gateway', 'silent') });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([...(upToDate ?? []), outdated, alliance].map((s) => s?.close()));
  });

  it("routes to a member that lacks only the next version's fields, and /readyz shows each member's version", async () => {
    const body = await readyz();
    expect(body.contract).toEqual({ version: NEXT });
    expect(body.members.map((m: any) => [m.hospitalId, m.state, m.contractVersion])).toEqual([
      ['p-new1', 'ready', NEXT],
      ['p-new2', 'ready', NEXT],
      ['p-old', 'ready', CURRENT],
    ]);
  });

  it('answers a later field null with MEMBER_OUTDATED for the outdated member only, the rest answered (broadcast)', async () => {
    const { body } = await post('{ staffDirectory { hospitalId name pagerNumber } }');
    expect(body.data!.staffDirectory).toEqual([
      { hospitalId: 'p-new1', name: 'An', pagerNumber: 'p-new1-pager-0' },
      { hospitalId: 'p-new1', name: 'Bo', pagerNumber: 'p-new1-pager-2' },
      { hospitalId: 'p-new1', name: 'Cai', pagerNumber: 'p-new1-pager-3' },
      { hospitalId: 'p-new1', name: 'Zhou', pagerNumber: 'p-new1-pager-1' },
      { hospitalId: 'p-new2', name: 'Li', pagerNumber: 'p-new2-pager-0' },
      { hospitalId: 'p-old', name: 'Ma', pagerNumber: null },
      { hospitalId: 'p-old', name: 'Wu', pagerNumber: null },
    ]);
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.hospitalId, e.extensions!.field, e.path])).toEqual([
      ['MEMBER_OUTDATED', 'p-old', 'Staff.pagerNumber', ['staffDirectory', 6, 'pagerNumber']],
    ]);
    // the same request again takes the fast path (a plan of one fetch, learned above): same answer
    const fastBefore = await fastPathCount();
    expect((await post('{ staffDirectory { hospitalId name pagerNumber } }')).body).toEqual(body);
    expect(await fastPathCount()).toBe(fastBefore + 1);
    // the outdated member was asked, but never for the field it lacks (it would refuse the whole request)
    expect(outdated.received.some((r) => r.query.includes('staffDirectory') && !r.query.includes('pagerNumber'))).toBe(true);
    expect(asked(outdated, 'pagerNumber')).toBe(0);
  });

  it('does the same inside entities fetched from each member', async () => {
    const { body } = await post('{ hospitals { id staff { name pagerNumber } } }');
    const byId = Object.fromEntries(body.data!.hospitals.map((h: any) => [h.id, h.staff]));
    expect(byId['p-new2']).toEqual([{ name: 'Li', pagerNumber: 'p-new2-pager-0' }]);
    expect(byId['p-old']).toEqual([
      { name: 'Wu', pagerNumber: null },
      { name: 'Ma', pagerNumber: null },
    ]);
    const index = body.data!.hospitals.findIndex((h: any) => h.id === 'p-old');
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.hospitalId, e.extensions!.field, e.path])).toEqual([
      ['MEMBER_OUTDATED', 'p-old', 'Staff.pagerNumber', ['hospitals', index, 'staff', 0, 'pagerNumber']],
    ]);
  });

  it('refuses a later mutation at the outdated member without calling it, and routes it to an upgraded one', async () => {
    const before = outdated.received.length;
    const refused = await post('mutation { pageStaff(hospitalId: "p-old", staffId: "p-old-s0") { name } }');
    expect(refused.body.errors!.map((e) => [e.extensions!.code, e.extensions!.hospitalId, e.extensions!.field])).toEqual([['MEMBER_OUTDATED', 'p-old', 'Mutation.pageStaff']]);
    expect(outdated.received.length).toBe(before);
    const routed = await post('mutation { pageStaff(hospitalId: "p-new2", staffId: "p-new2-s0") { name pagerNumber } }');
    expect(routed.body).toEqual({ data: { pageStaff: { name: 'Li', pagerNumber: 'p-new2-pager-0' } } });
  });

  it('follows a new list field it was not coded for: merge order, default cut and argument from the contract', async () => {
    const cut = await post('{ nurseRoster { hospitalId name } }');
    expect(cut.body).toEqual({
      data: {
        nurseRoster: [
          { hospitalId: 'p-new1', name: 'Zhou' },
          { hospitalId: 'p-new1', name: 'Bo' },
          { hospitalId: 'p-new1', name: 'An' },
        ],
      },
    });
    const more = await post('{ nurseRoster(limit: 6) { hospitalId name } }');
    expect(more.body.data!.nurseRoster.map((s: any) => `${s.hospitalId}:${s.name}`)).toEqual(['p-new1:Zhou', 'p-new1:Cai', 'p-new1:Bo', 'p-new1:An', 'p-new2:Li', 'p-old:Wu']);
  });

  it("counts the new list by its slicing argument in the cost estimate: a runaway 'limit' is refused before any member is asked", async () => {
    const before = upToDate[0].received.length;
    const { status, body } = await post('{ nurseRoster(limit: 20000) { name department { name head { name } } } }');
    expect(status).toBe(400);
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.limit])).toEqual([['QUERY_TOO_COMPLEX', 'cost']]);
    expect(upToDate[0].received.length).toBe(before);
  });

  it('serves the later fields of a member that upgrades in place from the next poll on, without any restart', async () => {
    const port = outdated.port;
    await outdated.close();
    outdated = await stubMember('p-old', EXTENDED, ['Wu', 'Ma'], port);
    await gateway.registry.refresh();
    expect((await readyz()).members.find((m: any) => m.hospitalId === 'p-old').contractVersion).toBe(NEXT);
    const { body } = await post('query ($ids: [ID!]) { staffDirectory(hospitalIds: $ids) { name pagerNumber } }', { ids: ['p-old'] });
    expect(body).toEqual({
      data: {
        staffDirectory: [
          { name: 'Ma', pagerNumber: 'p-old-pager-1' },
          { name: 'Wu', pagerNumber: 'p-old-pager-0' },
        ],
      },
    });
  });
});

/**
 * The contract as a member that serves only `version` has it: every field added later
 * (`@since` above `version`) gone with its description. Types only those fields use stay,
 * unused, as they would in a member's own SDL.
 */
function contractAt(version: string): string {
  const lines = CONTRACT.split('\n');
  const drop = new Set<number>();
  lines.forEach((line, at) => {
    const since = /@since\(version: "([\d.]+)"\)/.exec(line)?.[1];
    if (!since || compareVersions(since, version) <= 0) return;
    drop.add(at);
    // its description: one line, or a block between triple quotes
    let from = at - 1;
    while (from >= 0 && lines[from].trim() === '') from -= 1;
    if (/^\s*""".*"""\s*$/.test(lines[from])) drop.add(from);
    else if (lines[from]?.trim() === '"""') {
      drop.add(from);
      for (from -= 1; from >= 0 && lines[from].trim() !== '"""'; from -= 1) drop.add(from);
      drop.add(from);
    }
  });
  return lines.filter((_, at) => !drop.has(at)).join('\n');
}

/**
 * The checked-in contract itself (1.1 added `registerPatient`, 1.2 what a FHIR import
 * keeps): members still serving 1.0 and 1.1 next to members at 1.2, on a gateway that
 * runs the real contract.
 */
describe('1.0 and 1.1 members beside 1.2 members on the checked-in contract', () => {
  const dataDir = scratchDataDir();
  const V1_0 = contractAt('1.0');
  const V1_1 = contractAt('1.1');
  let members: TinySubgraph[];
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  const member = (hospitalId: string, sdl: string) =>
    startTinySubgraph(sdl, {
      Query: { staffDirectory: () => [], departments: () => [], sharedResources: () => [], labSummary: () => [] },
      ...(sdl.includes('registerPatient(')
        ? {
            Mutation: {
              registerPatient: (_: unknown, args: { input: { hospitalId: string; name: string } }) => ({ hospitalId: args.input.hospitalId, mrn: 'R-1', name: args.input.name }),
            },
          }
        : {}),
      Hospital: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    });
  const register = (hospitalId: string) =>
    `mutation { registerPatient(input: { hospitalId: "${hospitalId}", name: "陈静", birthDate: "1977-06-11", sex: FEMALE, idempotencyKey: "k-${hospitalId}" }) { hospitalId mrn name } }`;

  beforeAll(async () => {
    expect(CURRENT).toBe('1.2');
    expect(V1_0).not.toContain('registerPatient(');
    expect(V1_1).toContain('registerPatient(');
    for (const sdl of [V1_0, V1_1]) expect(sdl).not.toMatch(/names: \[HumanName|referenceRanges|@since\(version: "1\.2"\)/);
    members = [await member('p-12a', CONTRACT), await member('p-12b', CONTRACT), await member('p-10', V1_0), await member('p-11', V1_1)];
    alliance = await startAllianceDirectory([
      { id: 'p-12a', url: members[0].url },
      { id: 'p-12b', url: members[1].url },
      { id: 'p-10', url: members[2].url },
      { id: 'p-11', url: members[3].url },
    ]);
    const config = loadGatewayConfig({ PORT: '0', ALLIANCE_URL: alliance.url, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_REGISTRY_POLL_MS: '3600000' });
    gateway = await startGateway(config, { logger: createLogger('gateway', 'silent') });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([...(members ?? []), alliance].map((s) => s?.close()));
  });

  it('serves each member at the version it fully serves, answers the 1.1 mutation MEMBER_OUTDATED at 1.0 without calling it, and routes it to the others', async () => {
    const ready = (await (await fetch(gateway.url.replace('/graphql', '/readyz'))).json()) as { members: { hospitalId: string; state: string; contractVersion: string }[] };
    expect(ready.members.map((m) => [m.hospitalId, m.state, m.contractVersion])).toEqual([
      ['p-10', 'ready', '1.0'],
      ['p-11', 'ready', '1.1'],
      ['p-12a', 'ready', '1.2'],
      ['p-12b', 'ready', '1.2'],
    ]);
    const headers = await callerHeaders(dataDir, 'clinician', 'p-10');
    const refused = (await postGraphQL(gateway.url, register('p-10'), undefined, headers)).body;
    expect(refused.errors!.map((e) => [e.extensions!.code, e.extensions!.hospitalId, e.extensions!.field])).toEqual([['MEMBER_OUTDATED', 'p-10', 'Mutation.registerPatient']]);
    expect(members[2].received.some((r) => typeof r.query === 'string' && r.query.includes('registerPatient'))).toBe(false);
    for (const hospitalId of ['p-11', 'p-12b']) {
      const routed = (await postGraphQL(gateway.url, register(hospitalId), undefined, await callerHeaders(dataDir, 'clinician', hospitalId))).body;
      expect(routed).toEqual({ data: { registerPatient: { hospitalId, mrn: 'R-1', name: '陈静' } } });
    }
    // the rest of the contract is answered by every member alike
    const broadcast = (await postGraphQL(gateway.url, '{ departments { hospitalId } }', undefined, await callerHeaders(dataDir))).body;
    expect(broadcast).toEqual({ data: { departments: [] } });
  });
});
