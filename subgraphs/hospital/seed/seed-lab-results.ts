import { SeededRandom } from '../../runtime/seed/random';
import type { LabItem } from '../../runtime/seed/lab-catalogue';
import type { SeedPerson } from '../../runtime/seed/people';
import { CRITICAL_LIMITS } from '../lab-result/critical-limits';
import { interpret, type ReferenceInterval } from '../lab-result/interpret';
import { NOTHING_FROM_A_SOURCE, type LabResultEntity, type ResultStatusCode } from '../lab-result/lab-result.entity';
import { departmentId } from './department-catalogue';
import { LAB_PANELS, panelItems } from './lab-panels';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Results span the 180 days before the anchor (DESIGN 2). */
export const RESULT_SPAN_DAYS = 180;

export interface SeedChart {
  person: SeedPerson;
  mrn: string;
  /** Position in the people list; 0 is the demo patient MPI-000001. */
  index: number;
}

/**
 * This lab's own reference range for an item. Items without a national interval
 * (`labOwnRange`) get bounds shifted by up to ±5 % per hospital, so two members report
 * the same test against slightly different ranges, as real labs do.
 */
export function labReferenceRange(hospitalId: string, item: LabItem, sex: 'MALE' | 'FEMALE'): ReferenceInterval & { text: string } {
  const base = sex === 'MALE' ? item.male : item.female;
  let low = base.low ?? null;
  let high = base.high ?? null;
  if (item.labOwnRange) {
    const random = new SeededRandom(`hospital:${hospitalId}:range:${item.loinc}`);
    const factor = 10 ** item.decimals;
    if (low !== null) low = Math.round(low * (0.95 + random.next() * 0.1) * factor) / factor;
    if (high !== null) high = Math.round(high * (0.95 + random.next() * 0.1) * factor) / factor;
  }
  const text = low !== null && high !== null ? `${low}-${high}` : high !== null ? `<${high}` : low !== null ? `>${low}` : '';
  return { low, high, text };
}

function pickStatus(random: SeededRandom): ResultStatusCode {
  const r = random.next();
  return r < 0.03 ? 'PRELIMINARY' : r < 0.05 ? 'CANCELLED' : r < 0.08 ? 'AMENDED' : r < 0.09 ? 'REGISTERED' : 'FINAL';
}

function sampleValue(random: SeededRandom, item: LabItem): number {
  // a few outliers so that HIGH/LOW and the odd critical value appear
  const spread = random.chance(0.04) ? item.sd * 3.5 : item.sd;
  const factor = 10 ** item.decimals;
  const value = Math.max(1 / factor, random.normal(item.mean, spread));
  return Math.round(value * factor) / factor;
}

interface Visit {
  at: number;
  panels: string[];
  status?: ResultStatusCode;
}

/** Visits of one chart: 1–4 over the span, and for the demo patient fixed recent ones. */
function visitsFor(chart: SeedChart, hospitalIndex: number, anchor: number, random: SeededRandom): Visit[] {
  const panelNames = Object.keys(LAB_PANELS);
  const visits: Visit[] = [];
  const count = random.int(1, 4);
  for (let i = 0; i < count; i += 1) {
    const day = random.int(1, RESULT_SPAN_DAYS - 1);
    const minutes = random.int(23 * 60, 26 * 60 + 30) % (24 * 60); // 07:00–10:30 local (UTC+8)
    const at = Math.floor((anchor - day * DAY) / DAY) * DAY + minutes * 60_000;
    visits.push({ at: Math.min(at, anchor - DAY), panels: random.sample(panelNames, random.int(1, 3)) });
  }
  if (chart.index === 0) {
    // MPI-000001 is the recognition demo: FINAL results a few days old at each holder, and older ones
    const onTheMinute = (t: number) => Math.floor(t / 60_000) * 60_000;
    visits.push({ at: onTheMinute(anchor - (2 + hospitalIndex) * DAY - 3 * HOUR), panels: ['cbc', 'renal', 'glucose'], status: 'FINAL' });
    visits.push({ at: onTheMinute(anchor - (20 + hospitalIndex * 5) * DAY), panels: ['liver', 'lipids', 'thyroid'], status: 'FINAL' });
    visits.push({ at: onTheMinute(anchor - (100 + hospitalIndex) * DAY), panels: ['cbc', 'inflammation'], status: 'FINAL' });
  }
  return visits.sort((a, b) => a.at - b.at);
}

/**
 * Lab results of one chart, a pure function of its arguments. Each stores the lab's own
 * reference range and the interpretation computed from it; cancelled and registered
 * results carry no value.
 */
export function seedChartResults(hospitalId: string, hospitalIndex: number, chart: SeedChart, anchor: Date, nextId: () => string): LabResultEntity[] {
  const random = new SeededRandom(`hospital:${hospitalId}:labs:${chart.mrn}`);
  const rows: LabResultEntity[] = [];
  for (const visit of visitsFor(chart, hospitalIndex, anchor.getTime(), random)) {
    for (const panel of visit.panels) {
      const status = visit.status ?? pickStatus(random);
      for (const item of panelItems(panel)) {
        const range = labReferenceRange(hospitalId, item, chart.person.sex);
        const hasValue = status !== 'CANCELLED' && status !== 'REGISTERED';
        const value = hasValue ? sampleValue(random, item) : null;
        const collectedAt = new Date(visit.at);
        rows.push({
          id: nextId(),
          ...NOTHING_FROM_A_SOURCE,
          mrn: chart.mrn,
          loinc: item.loinc,
          localCode: item.localCode,
          name: item.name,
          valueQuantity: value,
          valueString: null,
          unit: item.unit,
          refLow: range.low ?? null,
          refHigh: range.high ?? null,
          refText: range.text || null,
          interpretation: interpret(value, range, CRITICAL_LIMITS[item.loinc]),
          status,
          specimen: item.specimen,
          collectedAt,
          reportedAt: hasValue ? new Date(visit.at + random.int(1, 6) * HOUR) : null,
          performingDepartmentId: departmentId('laboratory'),
        });
      }
    }
  }
  return rows;
}
