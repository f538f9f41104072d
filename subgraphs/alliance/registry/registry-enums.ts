import { registerEnumType } from 'type-graphql';

export enum AllianceKind {
  URBAN_MEDICAL_GROUP = 'URBAN_MEDICAL_GROUP',
  COUNTY_MEDICAL_COMMUNITY = 'COUNTY_MEDICAL_COMMUNITY',
  SPECIALTY_ALLIANCE = 'SPECIALTY_ALLIANCE',
  TELEMEDICINE_NETWORK = 'TELEMEDICINE_NETWORK',
}
export enum HospitalLevel {
  TERTIARY = 'TERTIARY',
  SECONDARY = 'SECONDARY',
  PRIMARY = 'PRIMARY',
}
export enum HospitalRole {
  LEAD = 'LEAD',
  MEMBER = 'MEMBER',
}
export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  LEFT = 'LEFT',
  /** Registered, not yet live: its subgraph has not passed the contract check. */
  PENDING = 'PENDING',
}

registerEnumType(AllianceKind, { name: 'AllianceKind' });
registerEnumType(HospitalLevel, { name: 'HospitalLevel' });
registerEnumType(HospitalRole, { name: 'HospitalRole' });
registerEnumType(MembershipStatus, { name: 'MembershipStatus' });
