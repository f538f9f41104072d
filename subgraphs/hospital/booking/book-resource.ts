import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../common/errors';
import { inTransaction } from '../../runtime/db/serialized-transaction';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { PatientRecordEntity } from '../patient-record/patient-record.entity';
import { SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { slotStartingAt } from '../shared-resource/slot-schedule';
import { BookingEntity } from './booking.entity';
import { isRetryableLockError, isUniqueViolation } from '../../runtime/db/unique-violation';

/** How far ahead a slot may be booked. */
export const BOOKING_HORIZON_DAYS = 90;

export interface BookResourceRequest {
  hospitalId: string;
  resourceId: string;
  slotStart: Date;
  requestingHospitalId: string;
  patient?: { hospitalId: string; mrn: string } | null;
  idempotencyKey: string;
}

export interface BookingDeps {
  dataSource: DataSource;
  /** This member's id. */
  hospitalId: string;
  now: Date;
  /**
   * Runs the write as one transaction; the resolver passes one that commits the write's
   * audit row with it (`auditedWrite`). Default: a plain transaction.
   */
  transaction?: (work: (manager: EntityManager) => Promise<BookingEntity>) => Promise<BookingEntity>;
}

export function bookingTransaction(deps: BookingDeps): NonNullable<BookingDeps['transaction']> {
  return deps.transaction ?? ((work) => inTransaction(deps.dataSource, work));
}

const slotTaken = () => new ConflictError('This slot is already booked.', { argument: 'input.slotStart' });

/**
 * Books one slot in one transaction, idempotently (DESIGN 5). The unique
 * (resource, active slot) index is the last word under concurrency: of two requests for
 * one slot, exactly one commits and the other gets CONFLICT.
 */
export async function bookResource(deps: BookingDeps, input: BookResourceRequest): Promise<BookingEntity> {
  if (input.hospitalId !== deps.hospitalId) {
    throw new BadUserInputError('input.hospitalId must name the hospital that owns the resource.', { argument: 'input.hospitalId' });
  }
  const { idempotencyKey, ...request } = input;
  // Callers waiting on one idempotency key whose first holder rolled back all hold a share
  // lock on it; MySQL lets one of them on and rolls the others back as deadlock victims.
  // Nothing of theirs was written, so they simply run again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await bookOnce(deps, input, idempotencyKey, request);
    } catch (error) {
      if (attempt >= 5 || !isRetryableLockError(error)) throw error;
    }
  }
}

async function bookOnce(deps: BookingDeps, input: BookResourceRequest, idempotencyKey: string, request: Omit<BookResourceRequest, 'idempotencyKey'>): Promise<BookingEntity> {
  try {
    return await bookingTransaction(deps)((manager) =>
      runIdempotent(
        manager,
        { operation: 'bookResource', key: idempotencyKey, input: request },
        async () => {
          const resource = await manager.findOne(SharedResourceEntity, { where: { id: input.resourceId } });
          if (!resource) throw new NotFoundError('Shared resource', { argument: 'input.resourceId' });
          if (!resource.sharedWithAlliance && input.requestingHospitalId !== deps.hospitalId) {
            throw new ForbiddenError('This resource is not shared with the alliance.', { argument: 'input.resourceId' });
          }
          if (resource.status === 'MAINTENANCE') throw new ConflictError('This resource is under maintenance.', { argument: 'input.resourceId' });
          const slot = slotStartingAt(resource, input.slotStart);
          if (!slot) throw new BadUserInputError("slotStart is not the start of one of this resource's slots.", { argument: 'input.slotStart' });
          if (slot.start.getTime() <= deps.now.getTime()) throw new BadUserInputError('slotStart is in the past.', { argument: 'input.slotStart' });
          if (slot.start.getTime() > deps.now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000) {
            throw new BadUserInputError(`slotStart is more than ${BOOKING_HORIZON_DAYS} days ahead.`, { argument: 'input.slotStart' });
          }
          if (input.patient) {
            // DESIGN 5: a booking names an existing chart at the member that holds the resource;
            // a chart elsewhere cannot be checked here, so it is not taken on trust
            if (input.patient.hospitalId !== deps.hospitalId) {
              throw new BadUserInputError('input.patient must name a chart at the hospital that holds the resource.', { argument: 'input.patient' });
            }
            const chart = await manager.findOne(PatientRecordEntity, { where: { mrn: input.patient.mrn } });
            if (!chart) throw new NotFoundError('Patient record', { argument: 'input.patient' });
          }
          const activeSlotKey = slot.start.toISOString();
          if (await manager.findOne(BookingEntity, { where: { resourceId: resource.id, activeSlotKey } })) throw slotTaken();
          const id = `bk-${randomUUID()}`;
          await manager.insert(BookingEntity, {
            id,
            resourceId: resource.id,
            slotStart: slot.start,
            slotEnd: slot.end,
            requestingHospitalId: input.requestingHospitalId,
            patientHospitalId: input.patient?.hospitalId ?? null,
            patientMrn: input.patient?.mrn ?? null,
            status: 'BOOKED',
            activeSlotKey,
            createdAt: deps.now,
            cancelledAt: null,
          });
          return id;
        },
        async (id) => manager.findOneOrFail(BookingEntity, { where: { id } }),
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw slotTaken();
    throw error;
  }
}
