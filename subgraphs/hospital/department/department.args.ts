import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class DepartmentsArgs {
  @Field(() => String, { nullable: true })
  specialty?: string | null;

  @Field(() => [ID], { nullable: true })
  hospitalIds?: string[] | null;
}
