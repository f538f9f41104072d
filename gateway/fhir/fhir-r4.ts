/// <reference types="fhir" />
/**
 * FHIR R4 resource types for the read API and the import. The installed `@types/fhir`
 * (3.0.x) declares Release 3 in the global `fhir` namespace; R4 kept these resources'
 * shape except where overlaid here (Observation.interpretation became a list, `context`
 * became `encounter`) and `resourceType` is made a required literal so the compiler
 * checks what each payload is.
 */
export type Observation = Omit<fhir.Observation, 'resourceType' | 'interpretation' | 'context'> & {
  resourceType: 'Observation';
  interpretation?: fhir.CodeableConcept[];
  encounter?: fhir.Reference;
  contained?: Organization[];
};

export type Patient = Omit<fhir.Patient, 'resourceType'> & { resourceType: 'Patient' };

export type Organization = Omit<fhir.Organization, 'resourceType'> & { resourceType: 'Organization' };

export type OperationOutcome = Omit<fhir.OperationOutcome, 'resourceType'> & { resourceType: 'OperationOutcome' };

export type Resource = Observation | Patient | Organization | OperationOutcome;

export type BundleEntry<T extends Resource = Resource> = Omit<fhir.BundleEntry, 'resource'> & { resource?: T };

export type Bundle<T extends Resource = Resource> = Omit<fhir.Bundle, 'resourceType' | 'entry'> & {
  resourceType: 'Bundle';
  entry?: BundleEntry<T>[];
};

export type ObservationStatus = fhir.ObservationStatus;
/** R4 IssueType codes this API uses. */
export type IssueType = 'invalid' | 'required' | 'value' | 'code-invalid' | 'login' | 'forbidden' | 'not-found' | 'not-supported' | 'duplicate' | 'incomplete' | 'throttled' | 'too-costly' | 'exception';
export type Quantity = fhir.Quantity;
export type CodeableConcept = fhir.CodeableConcept;
