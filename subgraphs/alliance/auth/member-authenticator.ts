import type { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import { ALLIANCE_AUDIENCE } from '../../../common/auth/gateway-token';
import { MEMBER_ISSUER, memberJwksUrl, memberSubject } from '../../../common/auth/member-token';
import { UnauthenticatedError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';
import type { Authenticate } from '../../runtime/auth/verify-gateway-token';
import { HospitalEntity } from '../registry/hospital.entity';
import { MembershipStatus } from '../registry/registry-enums';

const REFUSED = 'The member token is missing, expired or not valid for this alliance.';

function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(headers.authorization?.trim() ?? '');
  return match?.[1];
}

function issuerOf(token: string): unknown {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/**
 * The alliance accepts two kinds of token: the gateway's (every caller, as today) and a
 * member hospital's own (the identity feed). A member token names its hospital; the
 * alliance looks that hospital up in its own registry (ACTIVE, with a URL) and verifies
 * the signature against the keys published beside that registered URL. The resulting
 * caller has role `member` for that hospital only; the access rules let it link that
 * hospital's charts and nothing else.
 */
export function createAllianceAuthenticator(dataSource: DataSource, gatewayAuthenticate: Authenticate): Authenticate {
  const keySets = new Map<string, JWTVerifyGetKey>();
  const keysAt = (url: string) => {
    let keys = keySets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(memberJwksUrl(url), { cooldownDuration: 5_000, cacheMaxAge: 60_000, timeoutDuration: 2_000 });
      keySets.set(url, keys);
    }
    return keys;
  };
  return async (call) => {
    const token = bearerToken(call.headers);
    if (!token || issuerOf(token) !== MEMBER_ISSUER) return gatewayAuthenticate(call);
    const claimed = decodeJwt(token).hospitalId;
    if (typeof claimed !== 'string') throw new UnauthenticatedError(REFUSED);
    const hospital = dataSource.isInitialized ? await dataSource.manager.findOneBy(HospitalEntity, { id: claimed }) : null;
    if (!hospital || hospital.status !== MembershipStatus.ACTIVE || !hospital.subgraphUrl) throw new UnauthenticatedError(REFUSED);
    try {
      const { payload } = await jwtVerify(token, keysAt(hospital.subgraphUrl), {
        issuer: MEMBER_ISSUER,
        audience: ALLIANCE_AUDIENCE,
        subject: memberSubject(claimed),
        algorithms: ['ES256'],
        maxTokenAge: '5m',
      });
      const caller: Caller = { subject: payload.sub!, role: 'member', hospitalId: claimed };
      return caller;
    } catch {
      throw new UnauthenticatedError(REFUSED);
    }
  };
}
