import { DirectiveLocation, GraphQLDirective, GraphQLNonNull, GraphQLString } from 'graphql';

/**
 * DESIGN 4: a field added to the hospital contract after 1.0 says since which contract
 * version it exists, so that a member that has not upgraded yet can be served at the
 * version it fully serves. Declared here so that `schema/hospital.graphql` carries it.
 */
export const sinceDirective = new GraphQLDirective({
  name: 'since',
  description: 'The hospital contract version that added this field.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { version: { type: new GraphQLNonNull(GraphQLString) } },
});
