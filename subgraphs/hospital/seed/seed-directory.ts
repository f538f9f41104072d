import { chineseName } from '../../runtime/seed/chinese-names';
import { SeededRandom } from '../../runtime/seed/random';
import type { HospitalLevelCode } from '../../runtime/seed/roster';
import type { DepartmentEntity } from '../department/department.entity';
import type { StaffEntity, StaffRoleCode, TitleLevelCode } from '../staff/staff.entity';
import { DEPARTMENT_CATALOGUE, LEVEL_INDEX, departmentId } from './department-catalogue';

export interface SeedDirectory {
  departments: DepartmentEntity[];
  staff: StaffEntity[];
}

const STAFF_PER_DEPARTMENT: Record<HospitalLevelCode, [number, number]> = { TERTIARY: [8, 14], SECONDARY: [5, 9], PRIMARY: [3, 6] };
/** Share of senior physicians an alliance may send to members (DESIGN 1: experts sent down). */
const DISPATCH_CHANCE: Record<HospitalLevelCode, number> = { TERTIARY: 0.6, SECONDARY: 0.25, PRIMARY: 0 };

function physicianTitle(random: SeededRandom): TitleLevelCode {
  const r = random.next();
  return r < 0.15 ? 'SENIOR' : r < 0.4 ? 'ASSOCIATE_SENIOR' : r < 0.75 ? 'INTERMEDIATE' : 'JUNIOR';
}

function roleFor(specialty: string, index: number, random: SeededRandom): StaffRoleCode {
  if (index === 0) return 'PHYSICIAN';
  if ((specialty === 'radiology' || specialty === 'laboratory') && random.chance(0.6)) return 'TECHNICIAN';
  const r = random.next();
  return r < 0.5 ? 'PHYSICIAN' : r < 0.92 ? 'NURSE' : 'PHARMACIST';
}

/**
 * Departments and staff of one hospital, a pure function of its id and level: the
 * alliance can derive the same staff ids (for expert dispatch and training) without
 * asking. Staff ids are `stf-0001` …; each department's head is its first physician,
 * made SENIOR; a few administrators belong to no department.
 */
export function seedDirectory(hospitalId: string, level: HospitalLevelCode): SeedDirectory {
  const random = new SeededRandom(`hospital:${hospitalId}:directory`);
  const departments: DepartmentEntity[] = [];
  const staff: StaffEntity[] = [];
  const nextStaffId = () => `stf-${String(staff.length + 1).padStart(4, '0')}`;
  for (const template of DEPARTMENT_CATALOGUE.filter((t) => t.levels.includes(level))) {
    const id = departmentId(template.specialty);
    const bedsTotal = template.beds[LEVEL_INDEX[level]];
    const bedsOccupied = Math.round(bedsTotal * (0.6 + random.next() * 0.35));
    const [minStaff, maxStaff] = STAFF_PER_DEPARTMENT[level];
    const count = random.int(minStaff, maxStaff);
    let headStaffId: string | null = null;
    for (let i = 0; i < count; i += 1) {
      const role = roleFor(template.specialty, i, random);
      const sex = random.chance(role === 'NURSE' ? 0.9 : 0.45) ? 'FEMALE' : 'MALE';
      const title = i === 0 ? 'SENIOR' : physicianTitle(random);
      const senior = role === 'PHYSICIAN' && (title === 'SENIOR' || title === 'ASSOCIATE_SENIOR');
      const member: StaffEntity = {
        id: nextStaffId(),
        departmentId: id,
        name: chineseName(random, sex),
        role,
        title,
        specialty: template.specialty,
        availableForDispatch: senior && random.chance(DISPATCH_CHANCE[level]),
      };
      if (i === 0) headStaffId = member.id;
      staff.push(member);
    }
    departments.push({ id, name: template.name, specialty: template.specialty, bedsTotal, bedsOccupied, headStaffId });
  }
  for (let i = 0; i < 2; i += 1) {
    staff.push({
      id: nextStaffId(),
      departmentId: null,
      name: chineseName(random, random.chance(0.5) ? 'MALE' : 'FEMALE'),
      role: 'ADMINISTRATOR',
      title: null,
      specialty: null,
      availableForDispatch: false,
    });
  }
  return { departments, staff };
}
