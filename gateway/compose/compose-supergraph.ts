import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/**
 * Placeholder endpoints written into the supergraph. The gateway never calls them:
 * `alliance` goes to the configured alliance URL and `hospitals` is fanned out to the
 * registry's members, so the composed file is the same on every machine (drift test).
 */
export const ALLIANCE_SUBGRAPH = { name: 'alliance', url: 'http://alliance.invalid/graphql' } as const;
export const HOSPITALS_SUBGRAPH = { name: 'hospitals', url: 'http://hospitals.invalid/graphql' } as const;

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** Short content hash, reported by /readyz. */
  version: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the alliance subgraph and the hospital contract as ONE logical subgraph named
 * `hospitals` (DESIGN 2): members join at run time without recomposition.
 */
export function composeSupergraph(sdl: { alliance: string; hospital: string }): ComposedSupergraph {
  const result = composeServices([
    { ...ALLIANCE_SUBGRAPH, typeDefs: parse(sdl.alliance) },
    { ...HOSPITALS_SUBGRAPH, typeDefs: parse(sdl.hospital) },
  ]);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  const supergraphSdl = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
  return { supergraphSdl, version: supergraphVersion(supergraphSdl) };
}

export function supergraphVersion(supergraphSdl: string): string {
  return createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 12);
}
