/**
 * HTTP spans must not carry PHI. GraphQL GET requests put the query and its variables in
 * the query string, and FHIR reads put a patient id in the path or query, so server
 * spans keep the path only, with patient ids replaced by a template.
 */
const PATIENT_PATH = /^(\/fhir\/r4\/Patient\/)[^/?]+/;

export function redactedTarget(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path.replace(PATIENT_PATH, '$1{id}');
}

/** Query parameters the HTTP instrumentation replaces with REDACTED. */
export const REDACTED_QUERY_PARAMS = ['query', 'variables', 'extensions', 'operationName', 'patient', 'code', 'subject', 'identifier'];
