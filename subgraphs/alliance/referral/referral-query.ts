import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../../../common/errors';
import { ReferralEntity } from './referral.entity';
import type { ReferralFilter } from './referral.type';

/** The referrals a filter selects, as a query builder on alias `r` (paged by the caller). */
export function referralQuery(dataSource: DataSource, filter: ReferralFilter | null | undefined): SelectQueryBuilder<ReferralEntity> {
  const q = dataSource.getRepository(ReferralEntity).createQueryBuilder('r');
  const f = filter ?? {};
  if (f.requestedFrom && f.requestedTo && f.requestedFrom.getTime() >= f.requestedTo.getTime()) {
    throw new BadUserInputError('requestedFrom must be before requestedTo.', { argument: 'filter' });
  }
  if (f.status) q.andWhere('r.status = :status', { status: f.status });
  if (f.urgency) q.andWhere('r.urgency = :urgency', { urgency: f.urgency });
  if (f.direction) q.andWhere('r.direction = :direction', { direction: f.direction });
  if (f.fromHospitalId) q.andWhere('r.fromHospitalId = :fromHospitalId', { fromHospitalId: f.fromHospitalId });
  if (f.toHospitalId) q.andWhere('r.toHospitalId = :toHospitalId', { toHospitalId: f.toHospitalId });
  if (f.hospitalId) q.andWhere('(r.fromHospitalId = :either OR r.toHospitalId = :either)', { either: f.hospitalId });
  if (f.patientMpiId) q.andWhere('r.patientMpiId = :mpiId', { mpiId: f.patientMpiId });
  if (f.requestedFrom) q.andWhere('r.requestedAt >= :requestedFrom', { requestedFrom: f.requestedFrom });
  if (f.requestedTo) q.andWhere('r.requestedAt < :requestedTo', { requestedTo: f.requestedTo });
  return q;
}
