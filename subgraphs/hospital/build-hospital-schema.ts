import type { GraphQLSchema } from 'graphql';
import { CONTRACT_DIRECTIVES } from '../../common/contract/contract-directives';
import { buildFederatedSchema } from '../runtime/schema/build-subgraph-schema';
import { accessGuard, accessGuardPasses, guardReference } from './access/access-guard';
import { BookingResolver } from './booking/booking.resolver';
import { resolveBookingReference } from './booking/booking.reference';
import { DepartmentResolver } from './department/department.resolver';
import { resolveDepartmentReference } from './department/department.reference';
import { HospitalResolver } from './hospital/hospital.resolver';
import { resolveHospitalReference } from './hospital/hospital.reference';
import { Hospital } from './hospital/hospital.type';
import { LabResultResolver } from './lab-result/lab-result.resolver';
import { resolveLabResultReference } from './lab-result/lab-result.reference';
import { PatientRecordResolver } from './patient-record/patient-record.resolver';
import { RegisterPatientResolver } from './patient-record/register-patient.resolver';
import { resolvePatientRecordReference } from './patient-record/patient-record.reference';
import { SharedResourceResolver } from './shared-resource/shared-resource.resolver';
import { resolveSharedResourceReference } from './shared-resource/shared-resource.reference';
import { StaffResolver } from './staff/staff.resolver';
import { resolveStaffReference } from './staff/staff.reference';

/**
 * The hospital subgraph contract (DESIGN 3.1), the same for every member. type-graphql
 * metadata is global: build it once per process.
 */
export async function buildHospitalSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      // Hospital is reached only through `_entities`, never from a root field
      orphanedTypes: [Hospital],
      // the contract's own directives (@since, @listOrder, @hospitalFrom), so that its SDL carries them
      directives: [...CONTRACT_DIRECTIVES],
      resolvers: [DepartmentResolver, StaffResolver, PatientRecordResolver, LabResultResolver, SharedResourceResolver, BookingResolver, RegisterPatientResolver, HospitalResolver],
      // DESIGN 5: every field is checked by the type it returns, in one place
      globalMiddlewares: [accessGuard],
    },
    {
      Hospital: { __resolveReference: guardReference('Hospital', resolveHospitalReference) },
      Department: { __resolveReference: guardReference('Department', resolveDepartmentReference) },
      Staff: { __resolveReference: guardReference('Staff', resolveStaffReference) },
      PatientRecord: { __resolveReference: guardReference('PatientRecord', resolvePatientRecordReference) },
      LabResult: { __resolveReference: guardReference('LabResult', resolveLabResultReference) },
      SharedResource: { __resolveReference: guardReference('SharedResource', resolveSharedResourceReference) },
      ResourceBooking: { __resolveReference: guardReference('ResourceBooking', resolveBookingReference) },
    },
    accessGuardPasses,
  );
}
