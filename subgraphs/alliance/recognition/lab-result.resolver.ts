import { Arg, Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import type { AllianceContext } from '../context';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { Recognition, LabResult } from './recognition.type';
import { recognise } from './rules';
import { toCatalogueEntry } from './catalogue';
import { requireActiveMember } from '../registry/require-member';

export interface LabResultSource {
  hospitalId: string;
  id: string;
  loinc?: string;
  status?: string;
  collectedAt?: Date | string;
}

@Resolver(() => LabResult)
export class LabResultResolver {
  /** Reads the catalogue, the issuer and its qualifications through loaders, then applies `recognise` (rules.ts). */
  @FieldResolver(() => Recognition, { description: 'Mutual recognition of this result at a hospital, now or at asOf.' })
  @Directive('@requires(fields: "loinc status collectedAt")')
  recognition(
    @Root() result: LabResultSource,
    @Ctx() ctx: AllianceContext,
    @Arg('atHospitalId', () => ID) atHospitalId: string,
    @Arg('asOf', () => DateTimeScalar, { nullable: true }) asOf?: Date | null,
  ): Promise<Recognition> {
    return recognitionOf(result, ctx, atHospitalId, asOf);
  }
}

/**
 * `LabResult.recognition`, once per result of a chart: the @requires fetch of DESIGN 3.3
 * asks it for every result at once. Also called without type-graphql's middleware chain
 * when the access rule lets the caller through (`recognitionDirect`).
 */
export async function recognitionOf(result: LabResultSource, ctx: AllianceContext, atHospitalId: string, asOf?: Date | null): Promise<Recognition> {
  const collectedAt = typeof result.collectedAt === 'string' ? new Date(result.collectedAt) : result.collectedAt;
  if (!result.loinc || !result.status || !collectedAt || Number.isNaN(collectedAt.getTime())) {
    throw new BadUserInputError("recognition needs the result's loinc, status and collectedAt.", { field: 'recognition' });
  }
  // every lookup in one tick: the asking and the issuing hospital are then one statement
  const [, item, issuer, qualifications] = await Promise.all([
    requireActiveMember((id) => ctx.loaders.hospital.load(id), atHospitalId, 'atHospitalId'),
    ctx.loaders.catalogueItem.load(result.loinc),
    ctx.loaders.hospital.load(result.hospitalId),
    ctx.loaders.qualifications.load(result.hospitalId),
  ]);
  return recognise({
    result: { hospitalId: result.hospitalId, loinc: result.loinc, status: result.status, collectedAt },
    atHospitalId,
    asOf: asOf ?? new Date(),
    item: item ? toCatalogueEntry(item) : undefined,
    issuerStatus: issuer?.status,
    qualifications,
    timeZone: ctx.settings.timeZone,
  });
}

/** The field's arguments as graphql-js hands them over: the ID as given, `asOf` already a Date. */
export const recognitionDirect = (result: LabResultSource, args: { atHospitalId: string; asOf?: Date | null }, ctx: AllianceContext): Promise<Recognition> =>
  recognitionOf(result, ctx, args.atHospitalId, args.asOf);

/** The gateway sends `loinc status collectedAt` with the key (@requires); dates arrive as strings. */
export function resolveLabResultReference(reference: LabResultSource): LabResultSource {
  return { ...reference, collectedAt: typeof reference.collectedAt === 'string' ? new Date(reference.collectedAt) : reference.collectedAt };
}
