/**
 * Critical ("panic") limits by LOINC code: values that must be phoned to the clinician at
 * once. Common Chinese laboratory practice; items without a row have no critical limit,
 * only the reference range.
 */
export interface CriticalLimits {
  low?: number;
  high?: number;
}

export const CRITICAL_LIMITS: Readonly<Record<string, CriticalLimits>> = {
  '6690-2': { low: 1.0, high: 30 }, // WBC 10*9/L
  '718-7': { low: 60, high: 200 }, // Hemoglobin g/L
  '777-3': { low: 20, high: 1000 }, // Platelets 10*9/L
  '2823-3': { low: 2.8, high: 6.2 }, // Potassium mmol/L
  '2951-2': { low: 120, high: 160 }, // Sodium mmol/L
  '14749-6': { low: 2.8, high: 22.2 }, // Glucose mmol/L
  '2345-7': { low: 50, high: 400 }, // Glucose mg/dL (mass unit: its own limits, never converted)
  '14682-9': { high: 707 }, // Creatinine umol/L
};
