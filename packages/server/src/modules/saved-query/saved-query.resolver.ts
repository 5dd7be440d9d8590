import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { SavedQueryService } from './saved-query.service.js';
import { SavedQueryInput, SavedQueryNode } from './saved-query.types.js';

@Resolver(() => SavedQueryNode)
export class SavedQueryResolver {
  @Query(() => [SavedQueryNode], { description: 'Signed in: your saved explorer queries, last saved first.' })
  savedQueries(@Ctx() ctx: Context) {
    return new SavedQueryService(ctx).list();
  }

  @Query(() => SavedQueryNode, {
    description:
      'Signed in: one saved query by id — yours, or one shared by a user whose scope overlaps yours (NOT_FOUND, FORBIDDEN otherwise).',
  })
  savedQuery(@Ctx() ctx: Context, @Arg('id', () => String, { description: 'The id from its link.' }) id: string) {
    return new SavedQueryService(ctx).get(id);
  }

  @Mutation(() => SavedQueryNode, { description: 'Signed in: saves a new query, or overwrites one of yours (with `id`).' })
  saveQuery(
    @Ctx() ctx: Context,
    @Arg('input', () => SavedQueryInput, { description: 'What to do; each field is described on the input type.' }) input: SavedQueryInput,
  ) {
    return new SavedQueryService(ctx).save(input);
  }

  @Mutation(() => Boolean, { description: 'Signed in: deletes one of your saved queries; false when there was none with that id.' })
  deleteQuery(@Ctx() ctx: Context, @Arg('id', () => String, { description: 'The id, as the link or the list gives it.' }) id: string) {
    return new SavedQueryService(ctx).delete(id);
  }
}
