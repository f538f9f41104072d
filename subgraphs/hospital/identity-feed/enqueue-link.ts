import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SexCode } from '../patient-record/patient-record.entity';
import { LinkOutboxEntity } from './link-outbox.entity';

/** What the alliance needs to link one chart (DESIGN 3.2, LinkPatientRecordInput without the ids). */
export interface ChartToLink {
  mrn: string;
  name: string;
  birthDate: string;
  sex: SexCode | null;
  nationalId: string | null;
}

/** Queues a chart's link in the caller's transaction: it commits (or not) with the chart. */
export async function enqueueLink(manager: EntityManager, chart: ChartToLink, now = new Date()): Promise<void> {
  const { mrn, ...rest } = chart;
  await manager.insert(LinkOutboxEntity, {
    id: `link-${randomUUID()}`,
    mrn,
    payload: JSON.stringify(rest),
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
  });
}
