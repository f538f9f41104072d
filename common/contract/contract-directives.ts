import { DirectiveLocation, GraphQLDirective, GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql';

/**
 * The hospital contract's own directives (DESIGN 4). They are defined by the hospital
 * subgraph, so that its SDL (`schema/hospital.graphql`, `_service { sdl }`) carries them,
 * and read back by `contract-facts.ts`. Federation does not compose them into the
 * supergraph (no `@composeDirective`): the gateway reads them from the contract file.
 * List sizes and weights use federation's own `@listSize` and `@cost` (demand control).
 */
export const SINCE = 'since';
export const LIST_ORDER = 'listOrder';
export const HOSPITAL_FROM = 'hospitalFrom';

/** The first version of the contract; a field without `@since` has been in it from the start. */
export const BASE_CONTRACT_VERSION = '1.0';

const nonNullString = new GraphQLNonNull(GraphQLString);

export const CONTRACT_DIRECTIVES: readonly GraphQLDirective[] = [
  new GraphQLDirective({
    name: SINCE,
    description: 'The contract version that added this field. A member serving an older version is still routed to, without this field.',
    locations: [DirectiveLocation.FIELD_DEFINITION],
    args: { version: { type: nonNullString } },
  }),
  new GraphQLDirective({
    name: LIST_ORDER,
    description: 'The order in which the gateway merges this list across members: fields of the item, each optionally followed by DESC; ties by hospitalId.',
    locations: [DirectiveLocation.FIELD_DEFINITION],
    args: { by: { type: new GraphQLNonNull(new GraphQLList(nonNullString)) } },
  }),
  new GraphQLDirective({
    name: HOSPITAL_FROM,
    description: 'Where the member that owns this is named: on an entity type, its key field; on a mutation, the argument path (e.g. input.hospitalId).',
    locations: [DirectiveLocation.OBJECT, DirectiveLocation.FIELD_DEFINITION],
    args: { path: { type: nonNullString } },
  }),
];
