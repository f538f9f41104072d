/**
 * The resident identity card number (居民身份证号), GB 11643-1999: 17 digits (6 of
 * region, 8 of birth date YYYYMMDD, 3 of sequence) and a check character computed with
 * ISO 7064 MOD 11-2, `X` standing for 10. Both subgraphs and the FHIR import validate
 * with this one function, so a number refused at a member is refused at the alliance too.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

export type NationalIdVerdict = { valid: true; nationalId: string } | { valid: false; reason: string };

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}

/**
 * Checks a national id and returns it normalised (trimmed, a lower-case `x` upper-cased).
 * The reasons are plain words and never repeat the number itself.
 */
export function checkNationalId(raw: string): NationalIdVerdict {
  const nationalId = raw.trim().toUpperCase();
  if (nationalId.length !== 18) return { valid: false, reason: 'A national id has 18 characters.' };
  if (!SHAPE.test(nationalId)) return { valid: false, reason: 'A national id is 17 digits followed by a digit or X.' };
  if (!isCalendarDate(nationalId.slice(6, 14))) return { valid: false, reason: 'The birth date inside the national id is not a calendar date.' };
  if (nationalIdCheckCharacter(nationalId) !== nationalId[17]) return { valid: false, reason: 'The check character of the national id does not match (GB 11643).' };
  return { valid: true, nationalId };
}
