import { LAB_CATALOGUE, NON_CATALOGUE_ITEMS, type LabItem } from '../../runtime/seed/lab-catalogue';

/** Tests ordered together, as requested on one lab form. */
export const LAB_PANELS: Record<string, string[]> = {
  cbc: ['WBC', 'HGB', 'PLT'],
  liver: ['ALT', 'TP', 'ALB', 'TBIL'],
  renal: ['CREA', 'K', 'NA'],
  glucose: ['GLU', 'HBA1C'],
  lipids: ['TC', 'TG', 'LDL'],
  thyroid: ['TSH'],
  inflammation: ['CRP'],
  // a lab that still reports glucose in mg/dL: a different LOINC code, never converted
  glucoseMass: ['GLU-MASS'],
};

const ITEMS = new Map([...LAB_CATALOGUE, ...NON_CATALOGUE_ITEMS].map((item) => [item.key, item]));

export function panelItems(panel: string): LabItem[] {
  return (LAB_PANELS[panel] ?? []).map((key) => {
    const item = ITEMS.get(key);
    if (!item) throw new Error(`lab panel ${panel} names unknown item ${key}`);
    return item;
  });
}
