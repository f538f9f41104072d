import { hospitalAudience } from '../../common/auth/gateway-token';
import { startStack, type Stack } from '../harness/alliance-stack';
import { SQL_HEADER } from '../harness/delay-proxy';
import { ANALYST, callerHeaders, gatewayAuthorization } from '../harness/tokens';
import { BROADCAST_QUERY } from './broadcast';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import { choosePatient, holdsThreeCharts } from './patient-query';
import { DIRECT_QUERY, GATEWAY_QUERY, MEMBER, staffNames } from './single-hospital';

export const SQL_MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside'];

export interface SqlScale {
  seedPatients: number;
  /** SQL statements per request, summed over every subgraph the request reached; one entry per sample. */
  perRequest: Record<'singleHospitalDirect' | 'singleHospitalGateway' | 'broadcast' | 'patientQuery', number[]>;
}

async function post(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (answer.errors?.length || !answer.data) throw new Error(`${query.slice(0, 40)}… answered with errors`);
  return { header: Number(response.headers.get(SQL_HEADER) ?? NaN), data: answer.data };
}

/** One request through the gateway, counted at the proxies in front of every subgraph. */
async function countedThroughGateway(
  stack: Stack,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
  check?: (data: Record<string, unknown>) => boolean,
): Promise<number> {
  for (const proxy of stack.counters.values()) proxy.counters.sqlStatements = 0;
  const { data } = await post(stack.gateway.url, headers, query, variables);
  if (check && !check(data)) throw new Error('unexpected answer while counting SQL statements');
  return [...stack.counters.values()].reduce((sum, p) => sum + p.counters.sqlStatements, 0);
}

/** Workload 4 at one seed size: each workload's request a few times, statements counted. */
async function countAtScale(seedPatients: number): Promise<SqlScale> {
  const stack = await startStack(`sql-${seedPatients}`, {
    members: SQL_MEMBERS,
    seedHospitals: 4,
    seedPatients,
    countSql: true,
    // registry polls would land in the counted window
    gatewayEnv: { MEDALLIANCE_REGISTRY_POLL_MS: '3600000' },
  });
  try {
    const member = stack.members.get(MEMBER)!;
    const memberAuth = await gatewayAuthorization(stack.dataDir, ANALYST, hospitalAudience(MEMBER));
    const names = (await staffNames(member.url, memberAuth)).slice(0, 3);
    const analyst = await callerHeaders(stack.dataDir, 'analyst');
    const clinician = await callerHeaders(stack.dataDir, 'clinician', 'dh-lead');
    const perRequest: SqlScale['perRequest'] = { singleHospitalDirect: [], singleHospitalGateway: [], broadcast: [], patientQuery: [] };
    for (const name of names) {
      // a subgraph counts the statements of the requests that ask (the header, sent)
      const direct = await post(member.url, { authorization: memberAuth({ query: DIRECT_QUERY, variables: { name } }), [SQL_HEADER]: 'count' }, DIRECT_QUERY, { name });
      if (!Number.isInteger(direct.header)) throw new Error(`${MEMBER} did not report the SQL statements of a request that asked`);
      perRequest.singleHospitalDirect.push(direct.header);
      perRequest.singleHospitalGateway.push(await countedThroughGateway(stack, analyst, GATEWAY_QUERY, { name }));
    }
    for (const specialty of ['cardiology', 'radiology', 'laboratory'])
      perRequest.broadcast.push(await countedThroughGateway(stack, analyst, BROADCAST_QUERY, { specialty, ids: SQL_MEMBERS }));
    const { variables: patient } = await choosePatient(stack.gateway.url, clinician);
    for (let i = 0; i < 3; i++) perRequest.patientQuery.push(await countedThroughGateway(stack, clinician, CROSS_HOSPITAL_PATIENT_QUERY, { ...patient }, holdsThreeCharts));
    return { seedPatients, perRequest };
  } finally {
    await stack.stop();
  }
}

export async function runSqlStatements(scales: number[], basePatients: number, log: (line: string) => void): Promise<SqlScale[]> {
  const results: SqlScale[] = [];
  for (const scale of scales) {
    const started = Date.now();
    const result = await countAtScale(basePatients * scale);
    results.push(result);
    log(`  w4 ${scale}× (${basePatients * scale} patients, ${Math.round((Date.now() - started) / 1000)} s): ${JSON.stringify(result.perRequest)}`);
  }
  return results;
}
