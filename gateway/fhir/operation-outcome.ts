import type { IssueType, OperationOutcome } from './fhir-r4';

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; hospitalId?: string; [key: string]: unknown };
}

/** DESIGN 5 error codes → HTTP status and R4 IssueType, most decisive first. */
const BY_CODE: [code: string, status: number, issue: IssueType][] = [
  ['UNAUTHENTICATED', 401, 'login'],
  ['FORBIDDEN', 403, 'forbidden'],
  ['BAD_USER_INPUT', 400, 'invalid'],
  ['QUERY_TOO_COMPLEX', 400, 'too-costly'],
  ['NOT_FOUND', 404, 'not-found'],
  ['RATE_LIMITED', 429, 'throttled'],
  ['MEMBER_UNAVAILABLE', 503, 'incomplete'],
  ['MEMBER_UNKNOWN', 503, 'incomplete'],
  ['RESULTS_CUT', 200, 'incomplete'],
  ['INTERNAL_SERVER_ERROR', 500, 'exception'],
];

export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue[0]?.diagnostics ?? 'FHIR error');
  }
}

export function operationOutcome(
  issues: { severity: 'fatal' | 'error' | 'warning' | 'information'; code: IssueType; diagnostics: string; hospitalId?: string }[],
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map(({ severity, code, diagnostics, hospitalId }) => ({
      severity,
      code,
      diagnostics,
      ...(hospitalId ? { details: { coding: [{ system: 'urn:medalliance:hospital', code: hospitalId }], text: hospitalId } } : {}),
    })),
  };
}

export function fhirError(status: number, code: IssueType, diagnostics: string): FhirError {
  return new FhirError(status, operationOutcome([{ severity: 'error', code, diagnostics }]));
}

/** The status and issue of the most decisive error (401 before 403 before 400 …); unknown codes are 500. */
export function classify(errors: readonly GraphQLErrorLike[]): { status: number; issue: IssueType } {
  for (const [code, status, issue] of BY_CODE) {
    if (errors.some((e) => e.extensions?.code === code)) return { status, issue };
  }
  return { status: 500, issue: 'exception' };
}

/** The whole request failed: one OperationOutcome with every error, at the most decisive status. */
export function errorsToFhirError(errors: readonly GraphQLErrorLike[]): FhirError {
  const { status } = classify(errors);
  return new FhirError(
    status,
    operationOutcome(errors.map((e) => ({ severity: 'error', code: classify([e]).issue, diagnostics: e.message, hospitalId: e.extensions?.hospitalId }))),
  );
}

/** Part of the answer is missing (a member down or refused): warnings beside the data. */
export function partialOutcome(errors: readonly GraphQLErrorLike[]): OperationOutcome | undefined {
  if (errors.length === 0) return undefined;
  return operationOutcome(errors.map((e) => ({ severity: 'warning', code: classify([e]).issue, diagnostics: e.message, hospitalId: e.extensions?.hospitalId })));
}
