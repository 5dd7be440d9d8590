import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { UserNode } from '../user/user.types.js';
import { ImportService } from './import.service.js';
import { ImportNode } from './import.types.js';

@Resolver(() => ImportNode)
export class ImportResolver {
  @Query(() => [ImportNode], {
    description: 'Imports (POST /api/imports) by users in your scope, newest first: who, when, which file, what became of it.',
  })
  imports(@Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20, description: '1 to 500.' }) limit: number) {
    return new ImportService(ctx).list(limit);
  }

  @Query(() => ImportNode, { nullable: true, description: 'One import with its problems (null when unknown or outside your scope).' })
  import(@Ctx() ctx: Context, @Arg('id', () => Int, { description: 'The import’s number.' }) id: number) {
    return new ImportService(ctx).get(id);
  }

  @FieldResolver(() => UserNode, { description: 'Who uploaded the file.' })
  user(@Root() entry: ImportNode, @Ctx() { loaders }: Context) {
    return loaders.user.load(entry.userId);
  }
}
