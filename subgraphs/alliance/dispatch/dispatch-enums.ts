import { registerEnumType } from 'type-graphql';

export enum DispatchPurpose {
  CLINIC = 'CLINIC',
  SURGERY = 'SURGERY',
  WARD_ROUND = 'WARD_ROUND',
  TEACHING = 'TEACHING',
  MANAGEMENT = 'MANAGEMENT',
}
export enum DispatchStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(DispatchPurpose, { name: 'DispatchPurpose' });
registerEnumType(DispatchStatus, { name: 'DispatchStatus' });
