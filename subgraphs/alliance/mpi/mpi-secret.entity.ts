import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets of the master patient index, created on first use: today the salt of the
 * national-id hashes. It lives with the index (and its backups), never in a log or a file
 * next to it, and differs per alliance, so hashes cannot be compared across alliances.
 */
@Entity({ name: 'mpi_secret' })
export class MpiSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 128 })
  value: string;
}
