import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { chooseBaselineSetup } from './alliance-and-member-supergraph';
import { announce, exitOnSignal } from './single-member-supergraph';

/**
 * Plain `@apollo/gateway` with default settings (default fetcher, default query planner)
 * in front of one member, or of the alliance and one member (BENCH_ALLIANCE_URL); the only
 * addition is the called subgraph's token on each call.
 */
async function main(): Promise<void> {
  const { supergraphSdl, authorization, port } = await chooseBaselineSetup();
  class AuthorizedDataSource extends RemoteGraphQLDataSource {
    override willSendRequest({ request }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]): void {
      request.http?.headers.set('authorization', authorization({ query: request.query ?? '', variables: request.variables, operationName: request.operationName }, this.url));
    }
  }
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new AuthorizedDataSource({ url }) });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  announce(Number(new URL(url).port), 'apollo gateway');
  exitOnSignal(() => server.stop());
}

void main();
