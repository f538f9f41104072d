import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type GraphQLSchema } from 'graphql';
import { HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../common/contract/schema-files';
import { allianceRoster, type RosterHospital } from '../../subgraphs/runtime/seed/roster';
import { DEPARTMENT_CATALOGUE, LEVEL_INDEX, departmentId } from '../../subgraphs/hospital/seed/department-catalogue';
import { seedDirectory } from '../../subgraphs/hospital/seed/seed-directory';
import { matchesStaffFilter, type StaffCriteria } from '../../subgraphs/hospital/staff/staff-filter';

interface CannedDepartment {
  hospitalId: string;
  id: string;
  name: string;
  specialty: string;
  bedsTotal: number;
  bedsOccupied: number;
}

/** The departments a seeded member of this level runs, so the answers have the real sizes. */
function departmentsOf(hospital: RosterHospital): CannedDepartment[] {
  const level = LEVEL_INDEX[hospital.level];
  return DEPARTMENT_CATALOGUE.filter((d) => d.levels.includes(hospital.level)).map((d) => ({
    hospitalId: hospital.id,
    id: departmentId(d.specialty),
    name: d.name,
    specialty: d.specialty,
    bedsTotal: d.beds[level],
    bedsOccupied: Math.floor(d.beds[level] * 0.7),
  }));
}

interface StaffArgs {
  filter?: StaffCriteria | null;
  hospitalIds?: string[] | null;
  first?: number | null;
}

/**
 * The member's seeded staff directory with the real member's meaning of the arguments (the
 * filter, ordered by name then id, cut to `first`), so a staff lookup gets the answer the
 * seeded member would give.
 */
function staffDirectoryOf(hospital: RosterHospital): (args: StaffArgs) => object[] {
  const staff = seedDirectory(hospital.id, hospital.level)
    .staff.map((s) => ({ ...s, hospitalId: hospital.id }))
    .sort((a, b) => (a.name === b.name ? a.id.localeCompare(b.id) : a.name < b.name ? -1 : 1));
  return ({ filter, hospitalIds, first }) => (hospitalIds && !hospitalIds.includes(hospital.id) ? [] : staff.filter((s) => matchesStaffFilter(s, filter)).slice(0, first ?? 50));
}

/**
 * The hospital contract as an executable subgraph whose only data are `departments` and
 * `staffDirectory`: enough for the gateway's contract check (`_service { sdl }`), the
 * broadcast and the single staff lookup.
 */
function cannedSchema(sdl: string, hospital: RosterHospital): GraphQLSchema {
  const departments = departmentsOf(hospital);
  const staffDirectory = staffDirectoryOf(hospital);
  return buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Query: {
        departments: (_: unknown, args: { specialty?: string | null }) => departments.filter((d) => !args.specialty || d.specialty === args.specialty),
        staffDirectory: (_: unknown, args: StaffArgs) => staffDirectory(args),
      },
    },
  });
}

const MAX_REMEMBERED = 512;

/**
 * One member: the first answer to each distinct body is executed, later ones are replayed,
 * so that the member costs next to no CPU and the gateway's own work is what is measured.
 */
async function startMember(schema: GraphQLSchema): Promise<number> {
  const answers = new Map<string, string>();
  const answer = async (body: string): Promise<string> => {
    const known = answers.get(body);
    if (known) return known;
    let text: string;
    try {
      const { query, variables, operationName } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      const document = parse(query);
      const errors = validate(schema, document);
      const result = errors.length ? { errors } : await execute({ schema, document, variableValues: variables, operationName });
      text = JSON.stringify(result);
    } catch (error) {
      text = JSON.stringify({ errors: [{ message: (error as Error).message }] });
    }
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    answers.set(body, text);
    return text;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void answer(Buffer.concat(chunks).toString('utf8')).then((text) => {
        res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/**
 * All canned members of a run in one process (each its own HTTP server and port).
 * In: BENCH_CANNED_IDS = JSON [hospitalId], BENCH_CANNED_HOSPITALS = the roster size.
 * Out: one JSON line `{ port, urls: { hospitalId: URL }, msg: "canned members listening" }`.
 */
async function main(): Promise<void> {
  const ids = JSON.parse(process.env.BENCH_CANNED_IDS ?? '[]') as string[];
  const roster = new Map(allianceRoster(Number(process.env.BENCH_CANNED_HOSPITALS ?? ids.length)).map((h) => [h.id, h]));
  const sdl = readSchemaFile(HOSPITAL_CONTRACT_FILE);
  const urls: Record<string, string> = {};
  for (const id of ids) {
    const hospital = roster.get(id);
    if (!hospital) throw new Error(`${id} is not in the seeded roster`);
    urls[id] = `http://127.0.0.1:${await startMember(cannedSchema(sdl, hospital))}/graphql`;
  }
  const first = Number(new URL(Object.values(urls)[0] ?? 'http://127.0.0.1:0/').port);
  process.stdout.write(`${JSON.stringify({ port: first, urls, msg: 'canned members listening' })}\n`);
  const stop = () => process.exit(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`canned members failed: ${error.message}\n`);
  process.exit(1);
});
