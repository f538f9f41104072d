import { describeActivity } from './activity.suite';
import { describeAudit } from './audit.suite';
import { describeCooperation } from './cooperation.suite';
import { describeDirectory } from './directory.suite';
import { useAlliance } from './harness';
import { describeRaces } from './race.suite';

/** The alliance subgraph over real HTTP on the embedded database (SQLite). */
describe('alliance subgraph on the embedded database', () => {
  const alliance = useAlliance('embedded');
  describeDirectory(alliance);
  describeActivity(alliance);
  describeCooperation(alliance);
  describeAudit(alliance);
  describeRaces(alliance);
});
