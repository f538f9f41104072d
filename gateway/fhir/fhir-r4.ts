/**
 * FHIR R4 (4.0.1) resource types from `@types/fhir` (its `r4` module), for the read API
 * and the import. Bundles here hold only the resources this API produces.
 */
import type * as R4 from 'fhir/r4';

export type Observation = R4.Observation;
export type Patient = R4.Patient;
export type Organization = R4.Organization;
export type OperationOutcome = R4.OperationOutcome;
export type CapabilityStatement = R4.CapabilityStatement;
export type Resource = Observation | Patient | Organization | OperationOutcome | CapabilityStatement;
export type BundleEntry<T extends Resource = Resource> = R4.BundleEntry<T>;
export type Bundle<T extends Resource = Resource> = R4.Bundle<T>;
export type ObservationStatus = R4.Observation['status'];
/** R4 IssueType codes this API uses (`@types/fhir` types the field as any string). */
export type IssueType =
  'invalid' | 'required' | 'value' | 'code-invalid' | 'login' | 'forbidden' | 'not-found' | 'not-supported' | 'duplicate' | 'incomplete' | 'throttled' | 'too-costly' | 'exception';
export type Quantity = R4.Quantity;
export type CodeableConcept = R4.CodeableConcept;
