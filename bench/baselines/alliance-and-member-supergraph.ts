import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { ALLIANCE_AUDIENCE, hospitalAudience, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../common/contract/schema-files';
import { ALLIANCE_SUBGRAPH, HOSPITALS_SUBGRAPH } from '../../gateway/compose/compose-supergraph';
import { CLINICIAN, gatewayAuthorization } from '../harness/tokens';
import { baselineSetup } from './single-member-supergraph';

export interface SubgraphBaselineSetup {
  supergraphSdl: string;
  /** A gateway-signed token for one call (accepted once, for that body) to the subgraph at `url`. */
  authorization: (request: SubgraphRequestBody, url: string) => string;
  port: number;
}

/**
 * What a third-party gateway in front of a ONE-member alliance needs: the supergraph our
 * gateway composes (the alliance SDL and the hospital contract as the one subgraph
 * `hospitals`), with `alliance` at the alliance's URL and `hospitals` at the one member's,
 * and per call the token our gateway would sign for a treating clinician of the lead
 * hospital: audience `alliance` or `hospital:<member>` by the URL called. In:
 * BENCH_ALLIANCE_URL, BENCH_MEMBER_URL, BENCH_MEMBER_ID, MEDALLIANCE_DATA_DIR (the gateway key).
 */
export async function allianceAndMemberSetup(): Promise<SubgraphBaselineSetup> {
  const allianceUrl = process.env.BENCH_ALLIANCE_URL!;
  const memberUrl = process.env.BENCH_MEMBER_URL!;
  const result = composeServices([
    { name: ALLIANCE_SUBGRAPH.name, url: allianceUrl, typeDefs: parse(readSchemaFile(ALLIANCE_SCHEMA_FILE)) },
    { name: HOSPITALS_SUBGRAPH.name, url: memberUrl, typeDefs: parse(readSchemaFile(HOSPITAL_CONTRACT_FILE)) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const dataDir = process.env.MEDALLIANCE_DATA_DIR!;
  const signers: Record<string, (request: SubgraphRequestBody) => string> = {
    [allianceUrl]: await gatewayAuthorization(dataDir, CLINICIAN, ALLIANCE_AUDIENCE),
    [memberUrl]: await gatewayAuthorization(dataDir, CLINICIAN, hospitalAudience(process.env.BENCH_MEMBER_ID!)),
  };
  return {
    supergraphSdl: result.supergraphSdl,
    authorization(request, url) {
      const sign = signers[url];
      if (!sign) throw new Error('a subgraph call to a URL that is neither the alliance nor the member');
      return sign(request);
    },
    port: Number(process.env.PORT ?? '0'),
  };
}

/**
 * The alliance and one member when BENCH_ALLIANCE_URL is set, else the one member alone
 * (`single-member-supergraph.ts`, whose token does not depend on the URL).
 */
export async function chooseBaselineSetup(): Promise<SubgraphBaselineSetup> {
  return process.env.BENCH_ALLIANCE_URL ? allianceAndMemberSetup() : baselineSetup();
}
