import { intSetting, timeZoneSetting } from './setting';

/**
 * De-identified aggregates (DESIGN 5), read by the alliance and every hospital subgraph so
 * that both sides withhold the same small groups and cut windows at the same midnights.
 */
export const aggregateSettings = {
  minCell: intSetting(
    'MEDALLIANCE_MIN_CELL',
    'Smallest number of people or results a figure shown to analysts and dashboards may come from; smaller groups are withheld (null, suppressed: true).',
    10,
    1,
    1_000_000,
  ),
  timeZone: timeZoneSetting(
    'MEDALLIANCE_TIME_ZONE',
    'Time zone of the alliance: calendar dates of qualifications and statistics, and the whole days the windows of analysts and dashboards are cut to.',
    'Asia/Shanghai',
  ),
};
