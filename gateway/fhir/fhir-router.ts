import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../common/log';
import { observationSearchBundle, patientResource } from './fhir-answers';
import type { Bundle, Resource } from './fhir-r4';
import { OBSERVATIONS_QUERY, PATIENT_QUERY, RESULTS_PER_CHART } from './graphql-shapes';
import { loopbackGraphQL } from './loopback-graphql';
import { FhirError, fhirError } from './operation-outcome';
import { parseObservationSearch, parsePatientReference } from './search-params';

export const FHIR_BASE_PATH = '/fhir/r4';
const FHIR_JSON = 'application/fhir+json';

function send(res: Response, status: number, resource: Resource | Bundle): void {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(resource));
}


/** No token → 401 at once: an anonymous read would only come back FORBIDDEN field by field. */
function requireAuthorization(req: Request): void {
  if (!req.headers.authorization) throw fhirError(401, 'login', 'Authentication required: send "Authorization: Bearer <token>".');
}

/**
 * FHIR R4 read API over the gateway (docs/FHIR.md): `GET Observation?patient=<mpiId>[&code=<loinc>]`
 * and `GET Patient/<mpiId>`, answered by GraphQL through this gateway as the caller.
 * Links in answers start with `publicBase()` (configured), never with the Host header.
 */
export function fhirRouter(logger: Logger, publicBase: () => string): Router {
  const router = Router();
  const baseUrl = () => `${publicBase()}${FHIR_BASE_PATH}`;
  const handle = (work: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof FhirError) return send(res, error.status, error.outcome);
      logger.error({ err: { name: (error as Error)?.name }, requestId: res.locals.requestId }, 'FHIR request failed');
      send(res, 500, fhirError(500, 'exception', `Internal error (request ${String(res.locals.requestId ?? '')}).`).outcome);
    }
  };

  router.get(
    '/Observation',
    handle(async (req, res) => {
      const search = parseObservationSearch(req.query as Record<string, unknown>);
      requireAuthorization(req);
      const answer = await loopbackGraphQL(req, res, OBSERVATIONS_QUERY, { mpiId: search.mpiId, loinc: search.loinc ?? null, perChart: RESULTS_PER_CHART });
      send(res, 200, observationSearchBundle(answer, search.mpiId, baseUrl(), `${baseUrl()}${req.url}`, RESULTS_PER_CHART));
    }),
  );
  router.get(
    '/Patient/:id',
    handle(async (req, res) => {
      const mpiId = parsePatientReference(String(req.params.id));
      requireAuthorization(req);
      const answer = await loopbackGraphQL(req, res, PATIENT_QUERY, { mpiId });
      send(res, 200, patientResource(answer, mpiId));
    }),
  );
  router.use(
    handle(async () => {
      throw fhirError(404, 'not-supported', 'This FHIR API serves GET Observation?patient=… and GET Patient/<id>.');
    }),
  );
  return router;
}
