import { mysqlAvailable } from '../support/mysql';
import { defineHospitalSuite } from './define-hospital-suite';

defineHospitalSuite('mysql', mysqlAvailable);
