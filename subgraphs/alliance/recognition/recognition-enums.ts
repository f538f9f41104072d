import { registerEnumType } from 'type-graphql';

export enum RecognitionCategory {
  LAB = 'LAB',
  IMAGING = 'IMAGING',
}
export enum RecognitionScope {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  ALLIANCE = 'ALLIANCE',
}
export enum RecognitionStatus {
  RECOGNIZED = 'RECOGNIZED',
  EXPIRED = 'EXPIRED',
  NOT_IN_CATALOG = 'NOT_IN_CATALOG',
  LAB_NOT_QUALIFIED = 'LAB_NOT_QUALIFIED',
  NOT_FINAL = 'NOT_FINAL',
  ISSUER_NOT_ACTIVE = 'ISSUER_NOT_ACTIVE',
  OWN_RESULT = 'OWN_RESULT',
}
/** The member's result states (DESIGN 3.1); only FINAL and AMENDED can be recognised. */
export enum ResultStatus {
  REGISTERED = 'REGISTERED',
  PRELIMINARY = 'PRELIMINARY',
  FINAL = 'FINAL',
  AMENDED = 'AMENDED',
  CANCELLED = 'CANCELLED',
}
export enum RecognitionDecisionKind {
  ACCEPTED = 'ACCEPTED',
  RETESTED = 'RETESTED',
}
/** The six grounds for a retest of a recognisable result (2022 NHC measures, the exceptions to recognition). */
export enum RetestReason {
  CONDITION_CHANGED = 'CONDITION_CHANGED',
  RAPIDLY_CHANGING_VALUE = 'RAPIDLY_CHANGING_VALUE',
  DECISIVE_FOR_MAJOR_PROCEDURE = 'DECISIVE_FOR_MAJOR_PROCEDURE',
  EMERGENCY = 'EMERGENCY',
  FORENSIC_OR_DISABILITY = 'FORENSIC_OR_DISABILITY',
  OTHER = 'OTHER',
}

registerEnumType(RecognitionCategory, { name: 'RecognitionCategory' });
registerEnumType(RecognitionScope, { name: 'RecognitionScope' });
registerEnumType(RecognitionStatus, { name: 'RecognitionStatus' });
registerEnumType(ResultStatus, { name: 'ResultStatus' });
registerEnumType(RecognitionDecisionKind, { name: 'RecognitionDecisionKind' });
registerEnumType(RetestReason, {
  name: 'RetestReason',
  valuesConfig: {
    CONDITION_CHANGED: { description: "The patient's condition changed since the result was taken." },
    RAPIDLY_CHANGING_VALUE: { description: 'The value changes fast with the course of disease.' },
    DECISIVE_FOR_MAJOR_PROCEDURE: { description: 'Decisive before surgery, transfusion or another major measure.' },
    EMERGENCY: { description: 'Emergency or resuscitation.' },
    FORENSIC_OR_DISABILITY: { description: 'Forensic or disability assessment.' },
    OTHER: { description: 'Another reason, explained in the note.' },
  },
});
