import { Router, type Request, type Response } from 'express';
import { MPI_SYSTEM, hospitalOfMrnSystem } from '../../common/fhir/fhir-systems';
import type { Logger } from '../../common/log';
import { capabilityStatement } from './capability-statement';
import { observationResource, observationSearchBundle, patientResource, patientSearchBundle } from './fhir-answers';
import type { Bundle, Resource } from './fhir-r4';
import { OBSERVATIONS_QUERY, PATIENT_BY_CHART_QUERY, PATIENT_QUERY, RESULTS_PER_CHART } from './graphql-shapes';
import { sendConditional } from './http-caching';
import { loopbackGraphQL } from './loopback-graphql';
import { parseObservationId } from './observation-mapping';
import { FhirError, errorsToFhirError, fhirError, type GraphQLErrorLike } from './operation-outcome';
import { checkFormat, parseObservationSearch, parsePatientReference, parsePatientSearch, type ObservationSearch } from './search-params';

export const FHIR_BASE_PATH = '/fhir/r4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The newest moment an answer speaks of (results' issued or collection time). */
function newestOf(resources: readonly Resource[]): Date | undefined {
  let newest = 0;
  for (const r of resources) {
    if (r.resourceType !== 'Observation') continue;
    newest = Math.max(newest, Date.parse(r.issued ?? '') || 0, Date.parse(r.effectiveDateTime ?? '') || 0);
  }
  return newest > 0 ? new Date(newest) : undefined;
}

function send(req: Request, res: Response, status: number, resource: Resource | Bundle, lastModified?: Date): void {
  res.type(FHIR_JSON);
  sendConditional(req, res, status, JSON.stringify(resource), lastModified);
}

/** The same search with `_offset` set: the links a client follows page by page. */
function pageUrls(req: Request, fhirBase: string) {
  const base = `${fhirBase}${req.path}`;
  return (offset: number) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(req.query)) {
      if (name === '_offset') continue;
      // Express's default (simple) query parser gives strings and arrays of them
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') params.append(name, v);
    }
    if (offset > 0) params.set('_offset', String(offset));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
}

/**
 * Authentication first: without a token nothing about the request is judged (a 400 would
 * tell an anonymous caller which parameters exist). 401 names the scheme, as RFC 6750 asks.
 */
function requireAuthorization(req: Request, res: Response): void {
  if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
    res.set('www-authenticate', 'Bearer realm="medalliance"');
    throw fhirError(401, 'login', 'Authentication required: send "Authorization: Bearer <token>".');
  }
}

/** JSON only: a client that asks for XML alone gets 406 instead of JSON it cannot read. */
function requireJson(req: Request): void {
  if (!req.accepts(['application/fhir+json', 'application/json'])) throw fhirError(406, 'not-supported', 'This server answers application/fhir+json only.');
  checkFormat(req.query);
}

/** The GraphQL variables of an Observation search: the narrowest question the members can answer. */
function searchVariables(search: ObservationSearch): Record<string, unknown> {
  const codes = search.codes.reduce<string[] | undefined>((all, anyOf) => (all ? all.filter((c) => anyOf.includes(c)) : anyOf), undefined);
  const lowest = search.dates.filter((d) => d.prefix !== 'le' && d.prefix !== 'lt').map((d) => (d.prefix === 'gt' ? d.end : d.start));
  return {
    mpiId: search.mpiId,
    loinc: codes ?? null,
    since: lowest.length > 0 ? new Date(Math.max(...lowest)).toISOString() : null,
    perChart: RESULTS_PER_CHART,
  };
}

/**
 * FHIR R4 read API over the gateway (docs/FHIR.md): metadata, Patient read and search,
 * Observation read and search, answered by GraphQL through this gateway as the caller.
 */
export function fhirRouter(logger: Logger, publicBase: () => string): Router {
  const router = Router();
  const baseUrl = () => `${publicBase()}${FHIR_BASE_PATH}`;
  const handle =
    (work: (req: Request, res: Response) => Promise<void>, open = false) =>
    async (req: Request, res: Response) => {
      // patient data is never kept by a cache on the way; it may only be revalidated
      res.set('cache-control', open ? 'no-cache' : 'no-store');
      try {
        if (!open) requireAuthorization(req, res);
        requireJson(req);
        await work(req, res);
      } catch (error) {
        if (error instanceof FhirError) {
          res.status(error.status).type(FHIR_JSON).send(JSON.stringify(error.outcome));
          return;
        }
        logger.error({ err: { name: (error as Error)?.name }, requestId: res.locals.requestId }, 'FHIR request failed');
        res
          .status(500)
          .type(FHIR_JSON)
          .send(JSON.stringify(fhirError(500, 'exception', `Internal error (request ${String(res.locals.requestId ?? '')}).`).outcome));
      }
    };

  router.get(
    '/metadata',
    handle(async (req, res) => send(req, res, 200, capabilityStatement(baseUrl())), true),
  );
  router.get(
    '/Observation',
    handle(async (req, res) => {
      const search = parseObservationSearch(req.query);
      const answer = await loopbackGraphQL(req, res, OBSERVATIONS_QUERY, searchVariables(search));
      const bundle = observationSearchBundle(answer, search, baseUrl(), pageUrls(req, baseUrl()), RESULTS_PER_CHART);
      send(req, res, 200, bundle, newestOf((bundle.entry ?? []).map((e) => e.resource!)));
    }),
  );
  router.get(
    '/Observation/:id',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const ref = parseObservationId(id);
      if (!ref) throw fhirError(404, 'not-found', `Observation/${id} is not known.`);
      const answer = await loopbackGraphQL(req, res, OBSERVATIONS_QUERY, { mpiId: ref.mpiId, loinc: [ref.loinc], since: null, perChart: RESULTS_PER_CHART });
      const observation = observationResource(answer, ref, id);
      send(req, res, 200, observation, newestOf([observation]));
    }),
  );
  router.get(
    '/Patient',
    handle(async (req, res) => {
      const search = parsePatientSearch(req.query, { mpi: MPI_SYSTEM, hospitalOfMrnSystem });
      let mpiId: string | undefined;
      if (search.kind === 'mpi') mpiId = search.mpiId;
      else {
        const found = (await loopbackGraphQL(req, res, PATIENT_BY_CHART_QUERY, { hospitalId: search.hospitalId, mrn: search.mrn })) as {
          data?: { patientByIdentifier?: { mpiId: string } | null } | null;
          errors?: GraphQLErrorLike[];
        };
        if (found.errors?.length && !found.data?.patientByIdentifier) throw errorsToFhirError(found.errors);
        mpiId = found.data?.patientByIdentifier?.mpiId;
      }
      let patient;
      if (mpiId) {
        try {
          patient = patientResource(await loopbackGraphQL(req, res, PATIENT_QUERY, { mpiId }), mpiId);
        } catch (error) {
          if (!(error instanceof FhirError && error.status === 404)) throw error;
        }
      }
      send(req, res, 200, patientSearchBundle(patient, baseUrl(), `${baseUrl()}${req.url}`));
    }),
  );
  router.get(
    '/Patient/:id',
    handle(async (req, res) => {
      const mpiId = parsePatientReference(String(req.params.id));
      const answer = await loopbackGraphQL(req, res, PATIENT_QUERY, { mpiId });
      send(req, res, 200, patientResource(answer, mpiId));
    }),
  );
  router.use(
    handle(async () => {
      throw fhirError(404, 'not-supported', 'This FHIR API serves metadata, Patient (read, search by identifier) and Observation (read, search by patient).');
    }, true),
  );
  return router;
}
