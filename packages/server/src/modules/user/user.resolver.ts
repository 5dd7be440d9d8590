import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { RegionNode } from '../region/region.types.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';
import { CreateUserInput, UserNode } from './user.types.js';

@Resolver(() => UserNode)
export class UserResolver {
  @Query(() => UserNode, { nullable: true, description: 'The signed-in user; null for anonymous callers.' })
  me(@Ctx() { viewer, em }: Context) {
    return viewer.user ? em.findOne(User, { id: viewer.user.id }) : null;
  }

  @Query(() => [UserNode], { description: 'ADMIN: the users in your scope, or in the subtree of `region` inside it.' })
  users(
    @Ctx() { em, regions, viewer }: Context,
    @Arg('region', () => String, {
      nullable: true,
      description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.',
    })
    region?: string | null,
  ) {
    return new UserService(em, regions).list(viewer, region);
  }

  @Mutation(() => UserNode, { description: 'ADMIN: creates a user in a region of your scope.' })
  createUser(
    @Ctx() { em, regions, viewer }: Context,
    @Arg('input', () => CreateUserInput, { description: 'What to do; each field is described on the input type.' }) input: CreateUserInput,
  ) {
    return new UserService(em, regions).create(input, viewer);
  }

  @Mutation(() => UserNode, { description: 'ADMIN: deactivates a user of your scope; their sessions end at once.' })
  deactivateUser(
    @Ctx() { em, regions, viewer }: Context,
    @Arg('email', () => String, { description: 'The account’s email (compared in lower case).' }) email: string,
  ) {
    return new UserService(em, regions).deactivate(email, viewer);
  }

  @FieldResolver(() => RegionNode, { description: 'The root of the user’s scope.' })
  region(@Root() user: UserNode, @Ctx() { regions }: Context) {
    return regions.get(user.regionCode) ?? null;
  }
}
