import { LAB_CATALOGUE } from '../../runtime/seed/lab-catalogue';
import { RecognitionCategory, RecognitionScope } from './recognition-enums';
import type { RecognitionItemEntity } from './recognition-item.entity';
import type { CatalogueEntry } from './rules';

export const NATIONAL_MARK = '全国HR';

/** Blood counts are on the national list; the rest of the lab items are provincial (Hubei, 鄂HR). */
const NATIONAL_LAB_CODES = new Set(['6690-2', '718-7', '777-3']);

/** Two imaging items with their LOINC radiology codes, so the catalogue shows both categories. */
const IMAGING_ITEMS: CatalogueEntry[] = [
  { loinc: '24627-2', name: '胸部CT平扫 CT Chest', category: RecognitionCategory.IMAGING, scope: RecognitionScope.PROVINCIAL, mark: '鄂HR', validityDays: 30, priceYuan: 260 },
  { loinc: '24590-2', name: '头颅MRI平扫 MRI Brain', category: RecognitionCategory.IMAGING, scope: RecognitionScope.PROVINCIAL, mark: '鄂HR', validityDays: 90, priceYuan: 520 },
];

/** The demo catalogue (DESIGN 6 table), built from the same lab items the hospitals seed results from. */
export function demoCatalogue(provincialMark = '鄂HR'): CatalogueEntry[] {
  const lab = LAB_CATALOGUE.map((item) => {
    const national = NATIONAL_LAB_CODES.has(item.loinc);
    return {
      loinc: item.loinc,
      name: item.name,
      category: RecognitionCategory.LAB,
      scope: national ? RecognitionScope.NATIONAL : RecognitionScope.PROVINCIAL,
      mark: national ? NATIONAL_MARK : provincialMark,
      validityDays: item.validityDays,
      priceYuan: item.priceYuan,
    };
  });
  return [...lab, ...IMAGING_ITEMS];
}

export function toCatalogueEntry(row: RecognitionItemEntity): CatalogueEntry {
  return {
    loinc: row.loinc,
    name: row.name,
    category: row.category as RecognitionCategory,
    scope: row.scope as RecognitionScope,
    mark: row.mark,
    validityDays: row.validityDays,
    priceYuan: Number(row.priceYuan),
  };
}
