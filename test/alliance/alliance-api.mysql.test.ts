import { describeActivity } from './activity.suite';
import { describeAudit } from './audit.suite';
import { describeCooperation } from './cooperation.suite';
import { describeDirectory } from './directory.suite';
import { useAlliance } from './harness';
import { describeRaces } from './race.suite';
import { describeMysql } from '../support/mysql';

/** The same suite on MariaDB: a scratch database migrated from empty, dropped afterwards. */
describeMysql('alliance subgraph on MySQL/MariaDB', () => {
  const alliance = useAlliance('mysql');
  describeDirectory(alliance);
  describeActivity(alliance);
  describeCooperation(alliance);
  describeAudit(alliance);
  describeRaces(alliance);
});
