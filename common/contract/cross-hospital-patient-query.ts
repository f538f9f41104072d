/**
 * DESIGN 3.3's worked example, verbatim: one request that reads a patient's charts at
 * every holding member, each result's recognition at the asking hospital, and the
 * patient's referrals (alliance, then the holding members, then the alliance again).
 * The tests that hold the gateway to it and the benchmark's workload 3 share this text,
 * so they cannot drift apart from each other or from the design.
 */
export const CROSS_HOSPITAL_PATIENT_QUERY = `query CrossHospitalPatient($mpiId: ID!, $here: ID!) {
  patient(mpiId: $mpiId) {
    records { hospitalId mrn name
      labResults(since: "2026-01-01T00:00:00Z") { loinc name valueQuantity unit interpretation collectedAt
        recognition(atHospitalId: $here) { status mark validUntil reason } } }
    referrals { direction urgency status fromHospital { name } toHospital { name } }
  }
}`;
