import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../../common/log';
import type { Caller } from '../../../common/auth/caller';
import { appendAudit } from './audit-chain';
import { auditRowOf } from './audited-write';
import { operationHashOf } from './operation-facts-plugin';
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
 * response fails closed: PHI is not released unaudited. A write's own row is committed
 * with the write (`auditedWrite`); this row then covers only what the request did after.
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
          try {
            const facts = {
              requestId: contextValue.requestId,
              caller: contextValue.caller,
              audit,
              operationName: operationName ?? null,
              operationHash: operationHashOf(request.query),
            };
            await appendAudit(dataSource, auditRowOf(facts, servedBy, outcome));
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
