import { InitialAllianceSchema1764300000000 } from './1764300000000-initial-alliance-schema';
import { AllianceChainedAudit1764500000000 } from './1764500000000-alliance-chained-audit';
import { AllianceWitnessedAuditHeads1764900000000 } from './1764900000000-alliance-witnessed-audit-heads';
import { MpiIdentityFeed1765100000000 } from './1765100000000-mpi-identity-feed';

/** MySQL/MariaDB migrations of the alliance database, oldest first (the embedded database is built from the entities). */
export const ALLIANCE_MIGRATIONS = [InitialAllianceSchema1764300000000, AllianceChainedAudit1764500000000, AllianceWitnessedAuditHeads1764900000000, MpiIdentityFeed1765100000000];
