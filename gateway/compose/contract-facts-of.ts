import { readContractFacts, type ContractFacts } from '../../common/contract/contract-facts';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, readSchemaFile, schemaDir } from './schema-files';

/**
 * The contract facts of a schema folder: the hospital contract first, then the alliance
 * SDL (for the alliance's own lists, e.g. `Patient.records`). The gateway reads them once
 * at start from the same files it composes the supergraph from.
 */
export function contractFactsOf(dir = schemaDir()): ContractFacts {
  return readContractFacts(readSchemaFile(HOSPITAL_CONTRACT_FILE, dir), readSchemaFile(ALLIANCE_SCHEMA_FILE, dir));
}
