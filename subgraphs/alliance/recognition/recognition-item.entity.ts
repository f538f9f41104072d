import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One item of the mutual-recognition catalogue. */
@Entity({ name: 'recognition_item' })
export class RecognitionItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  loinc: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  category: string;

  @Column({ type: 'varchar', length: 16 })
  scope: string;

  @Column({ type: 'varchar', length: 32 })
  mark: string;

  @Column({ name: 'validity_days', type: 'int' })
  validityDays: number;

  @Column({ name: 'price_yuan', type: 'double' })
  priceYuan: number;
}
