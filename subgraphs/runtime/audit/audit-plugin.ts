import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../../common/log';
import type { Caller } from '../auth/caller';
import { appendAudit } from './audit-chain';
import type { AuditRecorder } from './audit-recorder';

export interface AuditableContext extends BaseContext {
  requestId: string;
  caller: Caller | null;
  audit: AuditRecorder;
  logger: Logger;
}

/**
 * DESIGN 5: every PHI read or write a subgraph serves is recorded where it was served.
 * One row per request that touched a patient, wrote, or was denied PHI; never variables
 * or result values. A failure to write the audit row is logged (without PHI) and the
 * response fails closed: PHI is not released unaudited.
 */
export function auditPlugin<C extends AuditableContext>(dataSource: DataSource, servedBy: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operationName, response }) {
          const audit = contextValue.audit;
          if (!audit || audit.isEmpty) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errors = body?.errors ?? [];
          const outcome = audit.wasDenied ? 'DENIED' : errors.some((e) => e.extensions?.code !== 'FORBIDDEN') && !body?.data ? 'ERROR' : 'OK';
          const caller = contextValue.caller;
          try {
            await appendAudit(dataSource, {
              at: new Date(),
              requestId: contextValue.requestId,
              subject: caller?.subject ?? 'anonymous',
              role: caller?.role ?? 'none',
              callerHospitalId: caller?.hospitalId ?? null,
              servedBy,
              purpose: caller?.purpose ?? null,
              action: audit.action,
              operationName: operationName ?? null,
              operationHash: createHash('sha256').update(request.query ?? '').digest('hex'),
              patientRefs: JSON.stringify(audit.patientReferences()),
              outcome,
            });
          } catch (error) {
            contextValue.logger.error({ code: 'AUDIT_WRITE_FAILED', err: { message: (error as Error).message } }, 'audit row could not be written');
            if (body && audit.patientReferences().length > 0) {
              body.data = null;
              body.errors = [{ message: `Internal error (request ${contextValue.requestId}).`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId } }];
            }
          }
        },
      };
    },
  };
}
