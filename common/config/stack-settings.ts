import { intSetting, urlSetting } from './setting';

/** Settings of `medalliance start` (the whole demo alliance in one command). */
export const stackSettings = {
  mysqlUrl: urlSetting(
    'MYSQL_URL',
    'mysql://user:password@host:port: run the demo stack on MySQL/MariaDB, one database per hospital (medalliance_<hospitalId>, "-" → "_") and medalliance_alliance. Unset = embedded SQLite files.',
    ['mysql:'],
  ),
  hospitals: intSetting('MEDALLIANCE_SEED_HOSPITALS', 'Number of member hospitals in the demo alliance (the four East Lake hospitals, then generated members).', 4, 1, 60),
  gatewayPort: intSetting('GATEWAY_PORT', 'Port of the gateway in the demo stack.', 4000, 1, 65535),
  alliancePort: intSetting('ALLIANCE_PORT', 'Port of the alliance subgraph in the demo stack.', 4001, 1, 65535),
  hospitalBasePort: intSetting('HOSPITAL_BASE_PORT', 'Port of the first member hospital in the demo stack; the others follow (4101, 4102, …).', 4101, 1, 65535),
};
