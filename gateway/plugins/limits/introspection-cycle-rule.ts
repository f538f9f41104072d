import { getNamedType, type ASTVisitor, type ValidationContext } from 'graphql';
import { tooComplex } from './too-complex';

/** `__Type` fields that lead back to types: on one path, one of them is all a client needs. */
const TYPE_LINKS = new Set(['fields', 'inputFields', 'interfaces', 'possibleTypes']);

/**
 * Circular introspection (GraphQL Cop): `__schema { types { fields { type { fields { … } } } } }`
 * walks the type graph again at every level, and graphql-armor's depth limit does not count
 * introspection. GraphiQL's own introspection query follows at most one of these links on
 * any path (the rest of its depth is `ofType`), so two on one path are refused.
 */
export function introspectionCycleRule(context: ValidationContext): ASTVisitor {
  let linksOnPath = 0;
  let reported = false;
  return {
    Field: {
      enter(node) {
        const parent = context.getParentType();
        if (parent?.name !== '__Type' || !TYPE_LINKS.has(node.name.value)) return;
        linksOnPath += 1;
        if (linksOnPath > 1 && !reported) {
          reported = true;
          context.reportError(
            tooComplex(
              'introspection',
              1,
              'Introspection may follow one type link (fields, inputFields, interfaces, possibleTypes) per path; this query walks the type graph in a circle.',
              [node],
            ),
          );
        }
      },
      leave(node) {
        const parent = context.getParentType();
        // leave sees the field's own type as current; its parent type is still the enclosing one
        if (parent && getNamedType(parent)?.name === '__Type' && TYPE_LINKS.has(node.name.value)) linksOnPath -= 1;
      },
    },
  };
}
