import { defineHospitalSuite } from './define-hospital-suite';

defineHospitalSuite('embedded', async () => true);
