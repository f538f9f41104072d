import { defineHospitalSuite } from './define-hospital-suite';

defineHospitalSuite('sqljs', async () => true);
