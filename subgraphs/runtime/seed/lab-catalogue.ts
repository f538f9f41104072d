/**
 * The lab items of the demo alliance's mutual-recognition catalogue (DESIGN 6): LOINC
 * code, UCUM unit, adult reference intervals (WS/T 404 and 405) and validity in days
 * from a provincial catalogue. Hospitals seed results from it; the alliance seeds its
 * catalogue from it. "Lab's own" intervals are given per lab by `labRange`.
 */
export interface LabItem {
  key: string;
  loinc: string;
  name: string;
  /** The hospital information system's own code for the test. */
  localCode: string;
  unit: string;
  specimen: string;
  male: { low?: number; high?: number };
  female: { low?: number; high?: number };
  /** Typical mean and spread for generated values. */
  mean: number;
  sd: number;
  decimals: number;
  validityDays: number;
  priceYuan: number;
  /** True when each lab sets its own interval (no national one). */
  labOwnRange?: boolean;
}

const both = (low?: number, high?: number) => ({ low, high });

export const LAB_CATALOGUE: LabItem[] = [
  { key: 'WBC', loinc: '6690-2', name: '白细胞计数 WBC', localCode: 'HEM-WBC', unit: '10*9/L', specimen: '全血', male: both(3.5, 9.5), female: both(3.5, 9.5), mean: 6.5, sd: 2.2, decimals: 2, validityDays: 7, priceYuan: 12 },
  { key: 'HGB', loinc: '718-7', name: '血红蛋白 Hemoglobin', localCode: 'HEM-HGB', unit: 'g/L', specimen: '全血', male: both(130, 175), female: both(115, 150), mean: 138, sd: 16, decimals: 0, validityDays: 7, priceYuan: 8 },
  { key: 'PLT', loinc: '777-3', name: '血小板计数 Platelets', localCode: 'HEM-PLT', unit: '10*9/L', specimen: '全血', male: both(125, 350), female: both(125, 350), mean: 230, sd: 60, decimals: 0, validityDays: 7, priceYuan: 8 },
  { key: 'ALT', loinc: '1742-6', name: '丙氨酸氨基转移酶 ALT', localCode: 'BIO-ALT', unit: 'U/L', specimen: '血清', male: both(9, 50), female: both(7, 40), mean: 28, sd: 14, decimals: 0, validityDays: 30, priceYuan: 6 },
  { key: 'TP', loinc: '2885-2', name: '总蛋白 Total protein', localCode: 'BIO-TP', unit: 'g/L', specimen: '血清', male: both(65, 85), female: both(65, 85), mean: 73, sd: 6, decimals: 1, validityDays: 30, priceYuan: 5 },
  { key: 'ALB', loinc: '1751-7', name: '白蛋白 Albumin', localCode: 'BIO-ALB', unit: 'g/L', specimen: '血清', male: both(40, 55), female: both(40, 55), mean: 45, sd: 4.5, decimals: 1, validityDays: 30, priceYuan: 5 },
  { key: 'TBIL', loinc: '14631-6', name: '总胆红素 Total bilirubin', localCode: 'BIO-TBIL', unit: 'umol/L', specimen: '血清', male: both(3.4, 20.5), female: both(3.4, 20.5), mean: 13, sd: 6, decimals: 1, validityDays: 30, priceYuan: 5, labOwnRange: true },
  { key: 'CREA', loinc: '14682-9', name: '肌酐 Creatinine', localCode: 'BIO-CREA', unit: 'umol/L', specimen: '血清', male: both(57, 97), female: both(41, 73), mean: 75, sd: 20, decimals: 0, validityDays: 30, priceYuan: 6 },
  { key: 'K', loinc: '2823-3', name: '钾 Potassium', localCode: 'BIO-K', unit: 'mmol/L', specimen: '血清', male: both(3.5, 5.3), female: both(3.5, 5.3), mean: 4.3, sd: 0.45, decimals: 2, validityDays: 7, priceYuan: 4 },
  { key: 'NA', loinc: '2951-2', name: '钠 Sodium', localCode: 'BIO-NA', unit: 'mmol/L', specimen: '血清', male: both(137, 147), female: both(137, 147), mean: 141, sd: 3, decimals: 1, validityDays: 7, priceYuan: 4 },
  { key: 'GLU', loinc: '14749-6', name: '空腹血糖 Glucose (fasting)', localCode: 'BIO-GLU', unit: 'mmol/L', specimen: '血清', male: both(3.9, 6.1), female: both(3.9, 6.1), mean: 5.6, sd: 1.3, decimals: 2, validityDays: 30, priceYuan: 4 },
  { key: 'HBA1C', loinc: '4548-4', name: '糖化血红蛋白 HbA1c', localCode: 'BIO-HBA1C', unit: '%', specimen: '全血', male: both(4.0, 6.0), female: both(4.0, 6.0), mean: 5.8, sd: 1.0, decimals: 1, validityDays: 60, priceYuan: 45 },
  { key: 'TC', loinc: '14647-2', name: '总胆固醇 Total cholesterol', localCode: 'BIO-TC', unit: 'mmol/L', specimen: '血清', male: both(undefined, 5.2), female: both(undefined, 5.2), mean: 4.8, sd: 0.9, decimals: 2, validityDays: 30, priceYuan: 5 },
  { key: 'TG', loinc: '14927-8', name: '甘油三酯 Triglycerides', localCode: 'BIO-TG', unit: 'mmol/L', specimen: '血清', male: both(undefined, 1.7), female: both(undefined, 1.7), mean: 1.5, sd: 0.7, decimals: 2, validityDays: 30, priceYuan: 5 },
  { key: 'LDL', loinc: '22748-8', name: '低密度脂蛋白胆固醇 LDL-C', localCode: 'BIO-LDL', unit: 'mmol/L', specimen: '血清', male: both(undefined, 3.4), female: both(undefined, 3.4), mean: 2.9, sd: 0.8, decimals: 2, validityDays: 30, priceYuan: 8 },
  { key: 'TSH', loinc: '3016-3', name: '促甲状腺激素 TSH', localCode: 'IMM-TSH', unit: 'm[IU]/L', specimen: '血清', male: both(0.27, 4.2), female: both(0.27, 4.2), mean: 2.1, sd: 1.2, decimals: 2, validityDays: 30, priceYuan: 30, labOwnRange: true },
];

/**
 * Tests outside the recognition catalogue, so that some results are NOT_IN_CATALOG.
 * CRP (1988-5) and a mass-unit glucose (2345-7, mg/dL) — a different LOINC code from the
 * molar one above, never converted.
 */
export const NON_CATALOGUE_ITEMS: LabItem[] = [
  { key: 'CRP', loinc: '1988-5', name: 'C反应蛋白 CRP', localCode: 'IMM-CRP', unit: 'mg/L', specimen: '血清', male: both(0, 10), female: both(0, 10), mean: 6, sd: 8, decimals: 1, validityDays: 0, priceYuan: 0 },
  { key: 'GLU-MASS', loinc: '2345-7', name: '血糖(质量浓度) Glucose', localCode: 'BIO-GLUM', unit: 'mg/dL', specimen: '血清', male: both(70, 110), female: both(70, 110), mean: 100, sd: 22, decimals: 0, validityDays: 0, priceYuan: 0 },
];

export function findLabItem(loinc: string): LabItem | undefined {
  return LAB_CATALOGUE.find((item) => item.loinc === loinc) ?? NON_CATALOGUE_ITEMS.find((item) => item.loinc === loinc);
}
