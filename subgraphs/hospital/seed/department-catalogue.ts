import type { HospitalLevelCode } from '../../runtime/seed/roster';

/**
 * Departments a hospital of each level typically runs (国家卫健委 hospital grading):
 * community centres and township health centres run general practice, rehabilitation,
 * TCM and public-health services; a tertiary hospital the full range.
 */
export interface DepartmentTemplate {
  specialty: string;
  name: string;
  levels: HospitalLevelCode[];
  /** Beds at [TERTIARY, SECONDARY, PRIMARY]; 0 = outpatient or service department. */
  beds: [number, number, number];
}

const ALL: HospitalLevelCode[] = ['TERTIARY', 'SECONDARY', 'PRIMARY'];
const UPPER: HospitalLevelCode[] = ['TERTIARY', 'SECONDARY'];

export const DEPARTMENT_CATALOGUE: DepartmentTemplate[] = [
  { specialty: 'cardiology', name: '心血管内科', levels: UPPER, beds: [60, 30, 0] },
  { specialty: 'respiratory', name: '呼吸与危重症医学科', levels: UPPER, beds: [50, 30, 0] },
  { specialty: 'gastroenterology', name: '消化内科', levels: ['TERTIARY'], beds: [45, 0, 0] },
  { specialty: 'endocrinology', name: '内分泌科', levels: UPPER, beds: [40, 20, 0] },
  { specialty: 'nephrology', name: '肾内科', levels: ['TERTIARY'], beds: [40, 0, 0] },
  { specialty: 'neurology', name: '神经内科', levels: UPPER, beds: [50, 25, 0] },
  { specialty: 'general-surgery', name: '普通外科', levels: UPPER, beds: [60, 35, 0] },
  { specialty: 'orthopedics', name: '骨科', levels: UPPER, beds: [50, 30, 0] },
  { specialty: 'obstetrics-gynecology', name: '妇产科', levels: UPPER, beds: [45, 25, 0] },
  { specialty: 'pediatrics', name: '儿科', levels: UPPER, beds: [40, 20, 0] },
  { specialty: 'emergency', name: '急诊科', levels: UPPER, beds: [20, 10, 0] },
  { specialty: 'critical-care', name: '重症医学科', levels: UPPER, beds: [24, 8, 0] },
  { specialty: 'radiology', name: '医学影像科', levels: ALL, beds: [0, 0, 0] },
  { specialty: 'laboratory', name: '检验科', levels: ALL, beds: [0, 0, 0] },
  { specialty: 'general-practice', name: '全科医学科', levels: ALL, beds: [20, 20, 20] },
  { specialty: 'rehabilitation', name: '康复医学科', levels: ALL, beds: [30, 20, 15] },
  { specialty: 'tcm', name: '中医科', levels: ['SECONDARY', 'PRIMARY'], beds: [0, 15, 10] },
  { specialty: 'preventive-care', name: '预防保健科', levels: ['PRIMARY'], beds: [0, 0, 0] },
];

export const LEVEL_INDEX: Record<HospitalLevelCode, 0 | 1 | 2> = { TERTIARY: 0, SECONDARY: 1, PRIMARY: 2 };

/** Department ids are stable across members: `dep-<specialty>`, so referrals can name them. */
export function departmentId(specialty: string): string {
  return `dep-${specialty}`;
}
