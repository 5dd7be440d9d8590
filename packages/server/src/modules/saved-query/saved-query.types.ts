import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('SavedQuery', {
  description:
    'A GraphQL query saved from the explorer (/explorer). Its owner edits and deletes it; when `shared`, any signed-in user whose scope overlaps the owner’s (one region inside the other’s subtree) opens it by its link — and runs it with their own permissions.',
})
export class SavedQueryNode {
  @Field(() => ID, { description: 'Random and URL-safe (22 characters); the link is `/explorer?saved=<id>`.' })
  id!: string;

  @Field(() => String, { description: 'A short name, 1 to 128 characters.' })
  name!: string;

  @Field(() => String, { description: 'The GraphQL document, as written (at most 100,000 characters).' })
  query!: string;

  @Field(() => String, { nullable: true, description: 'The variables as a JSON object text, or null.' })
  variables!: string | null;

  @Field(() => Boolean, { description: 'True when others in scope may open it by link.' })
  shared!: boolean;

  @Field(() => Boolean, { description: 'True when you own it (only the owner may change or delete it).' })
  mine!: boolean;

  @Field(() => String, { description: 'The owner’s display name.' })
  ownerName!: string;

  @Field(() => String, { description: 'Where it opens: `/explorer?saved=<id>` (relative to the hub).' })
  link!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was first saved.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it was last saved.' })
  updatedAt!: Date;
}

@InputType('SavedQueryInput', { description: 'A query to save: without `id` a new one, with `id` a change to one of yours.' })
export class SavedQueryInput {
  @Field(() => String, { nullable: true, description: 'The saved query to overwrite (yours); omit to create one.' })
  id?: string | null;

  @Field(() => String, { description: '1 to 128 characters.' })
  name!: string;

  @Field(() => String, { description: 'A GraphQL document that parses; at most 100,000 characters.' })
  query!: string;

  @Field(() => String, { nullable: true, description: 'Variables as a JSON object text.' })
  variables?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Share by link with others in scope.' })
  shared?: boolean | null;
}
