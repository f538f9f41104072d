/**
 * The demo alliance's hospitals (DESIGN 2), and the scaled roster used by benchmarks.
 * Both subgraphs derive their seed data from this list, so ids, levels and ports agree.
 */
export type HospitalLevelCode = 'TERTIARY' | 'SECONDARY' | 'PRIMARY';

export interface RosterHospital {
  id: string;
  name: string;
  level: HospitalLevelCode;
  role: 'LEAD' | 'MEMBER';
  region: string;
  /** Default port of its hospital subgraph: 4101 + index. */
  port: number;
  /** Provincial recognition mark printed on recognised results. */
  recognitionMark: string;
}

export const ALLIANCE_PORT = 4001;
export const GATEWAY_PORT = 4000;
export const FIRST_HOSPITAL_PORT = 4101;

const DEMO: Omit<RosterHospital, 'port'>[] = [
  { id: 'dh-lead', name: '东湖大学附属医院', level: 'TERTIARY', role: 'LEAD', region: '湖北省武汉市东湖区', recognitionMark: '鄂HR' },
  { id: 'dh-district', name: '东湖区人民医院', level: 'SECONDARY', role: 'MEMBER', region: '湖北省武汉市东湖区', recognitionMark: '鄂HR' },
  { id: 'dh-chc-lakeside', name: '湖滨街道社区卫生服务中心', level: 'PRIMARY', role: 'MEMBER', region: '湖北省武汉市东湖区湖滨街道', recognitionMark: '鄂HR' },
  { id: 'dh-chc-hill', name: '青山镇卫生院', level: 'PRIMARY', role: 'MEMBER', region: '湖北省武汉市东湖区青山镇', recognitionMark: '鄂HR' },
];

const EXTRA_LEVELS: HospitalLevelCode[] = ['PRIMARY', 'PRIMARY', 'SECONDARY'];

/**
 * The first `count` hospitals: the four demo hospitals, then generated members
 * `dh-member-05` … so that benchmarks can seed 30 hospitals.
 */
export function allianceRoster(count = DEMO.length): RosterHospital[] {
  if (!Number.isInteger(count) || count < 1 || count > 200) throw new Error('hospital count must be between 1 and 200');
  const list: RosterHospital[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = DEMO[i] ?? {
      id: `dh-member-${String(i + 1).padStart(2, '0')}`,
      name: `东湖医联体成员单位${i + 1}号`,
      level: EXTRA_LEVELS[i % EXTRA_LEVELS.length],
      role: 'MEMBER' as const,
      region: '湖北省武汉市东湖区',
      recognitionMark: '鄂HR',
    };
    list.push({ ...base, port: FIRST_HOSPITAL_PORT + i });
  }
  return list;
}

export function findRosterHospital(id: string, count?: number): RosterHospital | undefined {
  return allianceRoster(count ?? 200).find((h) => h.id === id);
}
