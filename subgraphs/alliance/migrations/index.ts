import { InitialAllianceSchema1764300000000 } from './1764300000000-initial-alliance-schema';

/** MySQL/MariaDB migrations of the alliance database, oldest first (the embedded database is built from the entities). */
export const ALLIANCE_MIGRATIONS = [InitialAllianceSchema1764300000000];
