export { buildHospitalSeed, isHospitalDatabaseEmpty, seedHospitalDatabase, type HospitalSeed, type HospitalSeedOptions } from './seed-hospital-database';
export { seedDirectory } from './seed-directory';
export { DEPARTMENT_CATALOGUE, departmentId } from './department-catalogue';
