import type { CapabilityStatement } from './fhir-r4';

/**
 * What this server can do (`GET metadata`), so that FHIR clients (fhirclient,
 * fhir-kit-client, validators) discover the read API instead of guessing it.
 */
export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-07',
    publisher: 'MedAlliance',
    kind: 'instance',
    software: { name: 'MedAlliance gateway' },
    implementation: { description: 'MedAlliance FHIR R4 read API: lab results from every member hospital of the alliance', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Every request needs "Authorization: Bearer <token>"; patient data also "X-Purpose-Of-Use: TREATMENT | EMERGENCY | REFERRAL".',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth', display: 'OAuth' }], text: 'Bearer JWT' }],
          description: 'Bearer JWT (RS256/ES256) with role clinician; purpose of use in X-Purpose-Of-Use.',
        },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            versioning: 'no-version',
            conditionalRead: 'full-support',
            searchParam: [
              { name: '_id', type: 'token', documentation: 'The master patient index id.' },
              { name: 'identifier', type: 'token', documentation: 'system|value: urn:medalliance:mpi|<mpiId> or urn:medalliance:hospital:<hospitalId>:mrn|<chart number>.' },
            ],
          },
          {
            type: 'Observation',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            versioning: 'no-version',
            conditionalRead: 'full-support',
            searchInclude: [],
            searchParam: [
              { name: 'patient', type: 'reference', documentation: 'Required: Patient/<mpiId> or <mpiId>.' },
              { name: 'subject', type: 'reference', documentation: 'Same as patient.' },
              { name: 'code', type: 'token', documentation: 'LOINC codes, comma for any of them, repeated for all of them.' },
              { name: 'category', type: 'token', documentation: 'laboratory (every result here is a lab result).' },
              { name: 'date', type: 'date', documentation: 'Collection time with eq, ge, gt, le or lt; repeat for a range.' },
              { name: '_sort', type: 'special', documentation: '-date (newest first, the default) or date.' },
              { name: '_count', type: 'number', documentation: 'Page size, 0 to 100 (default 50); follow the next link for more.' },
            ],
          },
        ],
      },
    ],
  };
}
