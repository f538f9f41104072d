import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { OperationTypeNode, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import type { GatewayContext } from '../gateway-context';
import type { Member, MemberDirectory } from '../registry/member';
import type { MemberFetch, MemberRequest, MemberResponse } from '../transport/member-fetch';
import { broadcastQuery, type FanOutResult, type MemberCall } from './broadcast-query';
import { fetchEntities } from './fetch-entities';
import { askOutdatedMember } from './outdated-member';
import { operationKind, rootFields } from './operation-document';
import { routeMutation } from './route-mutation';

/** Lets a later layer (gateway-signed subgraph tokens) set headers per member. */
export type OnMemberRequest = (request: { member: Member; headers: Record<string, string>; context: GatewayContext }) => void | Promise<void>;

export interface HospitalsDataSourceOptions {
  /** The live registry; read on every request, never captured. */
  directory: MemberDirectory;
  transport: MemberFetch;
  /** What the contract says about lists, routing and versions (read from its SDL). */
  facts: ContractFacts;
  /** The contract's schema, to take the fields a member of an older version lacks out of its requests. */
  contract?: GraphQLSchema;
  /** The `Authorization` value for one call to one member (a token signed for that member and that request), at once. */
  authorize?: (hospitalId: string, context: GatewayContext, request: MemberRequest) => string | undefined;
  onMemberRequest?: OnMemberRequest;
}

const parsedQueries = new Map<string, DocumentNode>();

function documentOf(options: { document?: DocumentNode; request: { query?: string } }): DocumentNode {
  if (options.document) return options.document;
  const query = options.request.query ?? '';
  let document = parsedQueries.get(query);
  if (!document) {
    document = parse(query);
    if (parsedQueries.size < 1000) parsedQueries.set(query, document);
  }
  return document;
}

/**
 * The data source of the one logical `hospitals` subgraph (DESIGN 4). The planner sees
 * one subgraph; this fans each fetch out to the real members: root queries broadcast,
 * `_entities` partitioned by hospital, mutations routed to exactly one member.
 */
export class HospitalsDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly options: HospitalsDataSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // GraphQLDataSourceRequestKind is a type-only export (DESIGN 8): compare the string
    if ((options.kind as string) !== 'incoming operation') return { data: {} };
    const document = documentOf(options);
    return this.runPlanned({ document }, (options.request.variables ?? {}) as Record<string, unknown>, options.context as GatewayContext);
  }

  /** One planned fetch of the `hospitals` subgraph, whether Apollo's executor (`process`) or the fast path (`fast-path/`) asks. */
  async runPlanned({ document }: { document: DocumentNode }, variables: Record<string, unknown>, context: GatewayContext): Promise<GatewayGraphQLResponse> {
    const call: MemberCall = (member, request) => this.callMember(member, request, context);
    const { directory, facts } = this.options;

    let result: FanOutResult;
    if (operationKind(document) === OperationTypeNode.MUTATION) result = await routeMutation(document, variables, directory, call, facts);
    else if (rootFields(document).some((f) => f.name.value === '_entities')) result = await fetchEntities(document, variables, directory, call, facts);
    else result = await broadcastQuery(document, variables, directory, call, facts);
    return result.errors.length > 0 ? { data: result.data, errors: result.errors } : { data: result.data };
  }

  private callMember(member: Member, request: MemberRequest, context: GatewayContext): Promise<MemberResponse> {
    const { contract } = this.options;
    // a member at an older contract version is not asked for the later fields it lacks (MEMBER_OUTDATED)
    if (contract && member.lacks?.size) {
      const asked = { query: request.query, variables: request.variables ?? {} };
      return askOutdatedMember(member, asked, contract, (query, variables) => this.send(member, { query, variables }, context));
    }
    return this.send(member, request, context);
  }

  private send(member: Member, request: MemberRequest, context: GatewayContext): Promise<MemberResponse> {
    // a fresh header object per call: the hook may set member-specific values
    const headers: Record<string, string> = context?.forwardHeaders ? { ...context.forwardHeaders } : {};
    // a token per call, for exactly the body sent: the member accepts it once (DESIGN 5)
    const authorization = this.options.authorize?.(member.hospitalId, context, request);
    if (authorization) headers.authorization = authorization;
    const hook = this.options.onMemberRequest;
    // sent a microtask later, so that a fan-out signs all its tokens in one run and then sends them:
    // about 5 % less CPU per call than signing and sending in turn (ECDSA stays warm in the cache)
    return Promise.resolve(hook?.({ member, headers, context })).then(() => this.options.transport.send(member, request, headers, context?.signal));
  }
}
