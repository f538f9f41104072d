// The alliance's calendar dates come from the shared helper; the hospitals use it too.
export { localDate } from '../../runtime/time/local-day';
