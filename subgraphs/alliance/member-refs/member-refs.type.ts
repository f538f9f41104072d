import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** References to objects the members own; the alliance stores only their keys. */
@Directive('@key(fields: "hospitalId id", resolvable: false)')
@ObjectType()
export class Department {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "hospitalId id", resolvable: false)')
@ObjectType()
export class Staff {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;
}

export function departmentRef(hospitalId: string, id: string | null): Department | null {
  return id ? { hospitalId, id } : null;
}
