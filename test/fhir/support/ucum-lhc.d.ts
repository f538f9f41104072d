/** The little of the NLM UCUM library the R4 validation uses (it ships no types). */
declare module '@lhncbc/ucum-lhc' {
  export const UcumLhcUtils: { getInstance(): { validateUnitString(unit: string): { status: string } } };
}
