import { schemaText } from './schema-folder';
import { startTinySubgraph, type TinySubgraph } from './tiny-subgraph';

export interface PartnerData {
  staff: string[];
  departments?: string[];
}

/**
 * A partner hospital's own implementation of the contract (outside our system): serves
 * the contract SDL with a few in-memory rows. `sdl` can be edited to make it incompatible.
 */
export function startPartnerHospital(hospitalId: string, data: PartnerData, editSdl: (sdl: string) => string = (s) => s): Promise<TinySubgraph> {
  const staff = data.staff.map((name, i) => ({ hospitalId, id: `${hospitalId}-s${i}`, name, role: 'PHYSICIAN', availableForDispatch: true }));
  const departments = (data.departments ?? []).map((name, i) => ({ hospitalId, id: `${hospitalId}-d${i}`, name, specialty: 'cardiology', bedsTotal: 10, bedsOccupied: 3 }));
  return startTinySubgraph(editSdl(schemaText('hospital.graphql')), {
    Query: {
      staffDirectory: (_: unknown, args: { first?: number }) => staff.slice(0, args.first ?? 50),
      departments: () => departments,
      sharedResources: () => [],
      labSummary: () => [],
    },
    Mutation: {
      cancelBooking: (_: unknown, args: { hospitalId: string; bookingId: string }) => ({
        hospitalId: args.hospitalId,
        id: args.bookingId,
        status: 'CANCELLED',
        slotStart: '2026-01-01T00:00:00Z',
        slotEnd: '2026-01-01T01:00:00Z',
        requestingHospitalId: hospitalId,
        createdAt: '2026-01-01T00:00:00Z',
      }),
    },
    Staff: { __resolveReference: (ref: { id: string }) => staff.find((s) => s.id === ref.id) ?? null },
    PatientRecord: { __resolveReference: (ref: { hospitalId: string; mrn: string }) => ({ ...ref, name: `${hospitalId}:${ref.mrn}` }) },
  });
}

/** An alliance directory (outside the gateway) whose member list a test can change. */
export async function startAllianceDirectory(
  members: { id: string; url: string; status?: string }[],
  extraQuery: Record<string, unknown> = {},
): Promise<TinySubgraph & { members: typeof members }> {
  const server = await startTinySubgraph(schemaText('alliance.graphql'), {
    Query: {
      ...extraQuery,
      hospitals: () =>
        members.map((m) => ({
          id: m.id,
          name: `Hospital ${m.id}`,
          level: 'PRIMARY',
          role: 'MEMBER',
          region: 'test',
          status: m.status ?? 'ACTIVE',
          joinedAt: '2026-01-01T00:00:00Z',
          subgraphUrl: m.url,
          labQualifications: [],
        })),
    },
  });
  return Object.assign(server, { members });
}
