/** The alliance's writes and reads share the runtime's operation facts (name and document hash). */
export { operationFactsPlugin, type OperationFactsContext } from '../../runtime/audit/operation-facts-plugin';
