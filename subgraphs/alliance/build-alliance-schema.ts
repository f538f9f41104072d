import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../runtime/schema/build-subgraph-schema';
import { allianceGuard, allianceGuardPasses, guardAllianceReference } from './access/alliance-guard';
import { AuditResolver } from './audit/audit.resolver';
import type { AllianceContext } from './context';
import { DispatchResolver } from './dispatch/dispatch.resolver';
import { PatientLinkResolver } from './mpi/patient-link.resolver';
import { PatientResolver, resolvePatientReference } from './mpi/patient.resolver';
import { LabResultResolver, recognitionDirect, resolveLabResultReference } from './recognition/lab-result.resolver';
import { RecognitionResolver } from './recognition/recognition.resolver';
import { ReferralResolver, resolveReferralReference } from './referral/referral.resolver';
import { AllianceResolver, HospitalResolver, resolveHospitalReference } from './registry/hospital.resolver';
import { RegistryMutationsResolver } from './registry/registry-mutations.resolver';
import { HospitalStatsResolver, StatsResolver } from './stats/stats.resolver';
import { TrainingResolver } from './training/training.resolver';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The alliance subgraph schema (DESIGN 3.2). Built once per process: type-graphql's
 * metadata is global, and the gateway-facing SDL must not change between calls.
 */
export function buildAllianceSchema(): Promise<GraphQLSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        HospitalResolver,
        AllianceResolver,
        RegistryMutationsResolver,
        PatientResolver,
        PatientLinkResolver,
        RecognitionResolver,
        LabResultResolver,
        ReferralResolver,
        DispatchResolver,
        TrainingResolver,
        StatsResolver,
        HospitalStatsResolver,
        AuditResolver,
      ],
      // DESIGN 5: one default-deny table for every field (access/alliance-rules.ts)
      globalMiddlewares: [allianceGuard],
    },
    {
      Hospital: { __resolveReference: guardAllianceReference('Hospital', (ref: { id: string }, ctx: AllianceContext) => resolveHospitalReference(ref, ctx)) },
      Patient: { __resolveReference: guardAllianceReference('Patient', (ref: { mpiId: string }, ctx: AllianceContext) => resolvePatientReference(ref, ctx)) },
      Referral: { __resolveReference: guardAllianceReference('Referral', (ref: { id: string }, ctx: AllianceContext) => resolveReferralReference(ref, ctx)) },
      LabResult: { __resolveReference: guardAllianceReference('LabResult', (ref: { hospitalId: string; id: string }) => resolveLabResultReference(ref)) },
    },
    allianceGuardPasses,
    // asked once per result of every chart in the patient query (DESIGN 3.3)
    { LabResult: { recognition: recognitionDirect } },
  );
  return built;
}
