import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { SessionNode } from '../user/user.types.js';
import { SessionService } from './session.service.js';

@Resolver()
export class SessionResolver {
  @Mutation(() => SessionNode, {
    description:
      'Signs in. Returns a bearer token for scripts and sets an HttpOnly cookie for the dashboard. Failed attempts are limited per IP and per email.',
  })
  async login(
    @Ctx() { em, http }: Context,
    @Arg('email', () => String, { description: 'The account’s email (compared in lower case).' }) email: string,
    @Arg('password', () => String, { description: 'The account’s password.' }) password: string,
  ) {
    const attempt = () => new SessionService(em).signIn(email, password, { ip: http?.ip, userAgent: http?.userAgent });
    const session = await (http ? http.limitSignIn(email.trim().toLowerCase(), attempt) : attempt());
    http?.setSessionCookie(session.token, session.expiresAt);
    return session;
  }

  @Mutation(() => Boolean, { description: 'Ends the current session (its token and cookie stop working at once).' })
  async logout(@Ctx() { em, viewer, http }: Context) {
    if (viewer.sessionHash) await new SessionService(em).signOut(viewer.sessionHash);
    http?.clearSessionCookie();
    return viewer.sessionHash !== null;
  }
}
