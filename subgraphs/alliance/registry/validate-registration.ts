import { BadUserInputError } from '../../../common/errors';

export const HOSPITAL_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;

export interface RegistrationFields {
  id: string;
  name: string;
  region: string;
  recognitionMark?: string | null;
  subgraphUrl: string;
}

/** Checks what only the alliance can check; the gateway has already checked the member's SDL against the contract. */
export function validateRegistration(fields: RegistrationFields): void {
  if (!HOSPITAL_ID_PATTERN.test(fields.id)) {
    throw new BadUserInputError('id must be 3–64 lower-case letters, digits and hyphens, starting with a letter (e.g. dh-member-05).', { argument: 'id' });
  }
  for (const [argument, value, max] of [
    ['name', fields.name, 200],
    ['region', fields.region, 200],
  ] as const) {
    if (!value.trim() || value.length > max) throw new BadUserInputError(`${argument} must be 1 to ${max} characters.`, { argument });
  }
  if (fields.recognitionMark != null && (!fields.recognitionMark.trim() || fields.recognitionMark.length > 32)) {
    throw new BadUserInputError('recognitionMark must be 1 to 32 characters.', { argument: 'recognitionMark' });
  }
  validateSubgraphUrl(fields.subgraphUrl);
}

export function validateSubgraphUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BadUserInputError('subgraphUrl must be an absolute http(s) URL.', { argument: 'subgraphUrl' });
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || url.length > 500 || parsed.username || parsed.password) {
    throw new BadUserInputError('subgraphUrl must be an http(s) URL without credentials, at most 500 characters.', { argument: 'subgraphUrl' });
  }
}

export function validateReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed || trimmed.length > 500) throw new BadUserInputError('reason must be 1 to 500 characters.', { argument: 'reason' });
  return trimmed;
}
