import { AllianceKind } from './registry-enums';

/** The alliance this subgraph serves (DESIGN 2). One lead hospital runs one alliance. */
export const ALLIANCE_IDENTITY = {
  id: 'east-lake',
  name: '东湖医联体',
  nameEn: 'East Lake Medical Alliance',
  kind: AllianceKind.URBAN_MEDICAL_GROUP,
  region: '湖北省武汉市东湖区',
} as const;
