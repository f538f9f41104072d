import { defineHospitalSuite } from './define-hospital-suite';

defineHospitalSuite('embedded');
