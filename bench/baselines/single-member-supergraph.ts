import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { hospitalAudience, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../gateway/compose/schema-files';
import { ANALYST, gatewayAuthorization } from '../harness/tokens';

export interface BaselineSetup {
  supergraphSdl: string;
  /** A gateway-signed token for one call to the member (accepted once, for that body). */
  authorization: (request: SubgraphRequestBody) => string;
  port: number;
}

/**
 * What a third-party gateway in front of ONE member needs: a supergraph of the hospital
 * contract as one subgraph `hospital` at the member's URL, and the token that member
 * accepts. In: BENCH_MEMBER_URL, BENCH_MEMBER_ID, MEDALLIANCE_DATA_DIR (the gateway key).
 */
export async function baselineSetup(): Promise<BaselineSetup> {
  const url = process.env.BENCH_MEMBER_URL!;
  const hospitalId = process.env.BENCH_MEMBER_ID!;
  const result = composeServices([{ name: 'hospital', url, typeDefs: parse(readSchemaFile(HOSPITAL_CONTRACT_FILE)) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const authorization = await gatewayAuthorization(process.env.MEDALLIANCE_DATA_DIR!, ANALYST, hospitalAudience(hospitalId));
  return { supergraphSdl: result.supergraphSdl, authorization, port: Number(process.env.PORT ?? '0') };
}

export function announce(port: number, name: string): void {
  process.stdout.write(`${JSON.stringify({ port, url: `http://127.0.0.1:${port}/graphql`, msg: `${name} listening` })}\n`);
}

export function exitOnSignal(close: () => Promise<unknown> | void): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
