import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { bearerToken, SESSION_COOKIE } from '../auth/authenticate.js';
import { createContext, type Context, type HttpHooks } from '../context.js';
import type { Orm } from '../db/orm.js';
import type { EventBus } from '../live/events.js';
import { classify } from './errors.js';

/** Failed sign-ins allowed per window, per client IP and per email; a success clears the email's count. */
export const SIGN_IN_LIMITS = { perIp: 20, perEmail: 5, windowMs: 10 * 60_000 };

/**
 * Cookies and sign-in rate limits; returns the function that builds each request's context
 * (credentials from `Authorization: Bearer …` or the session cookie).
 */
export async function registerAuth(app: FastifyInstance, orm: Orm, events: EventBus) {
  await app.register(fastifyCookie);
  // for routes that limit every request (embeds); sign-in counts failures only, which needs a look
  // before the attempt that the plugin's counter cannot give
  await app.register(fastifyRateLimit, { global: false });
  const failures = new LRUCache<string, number>({ max: 100_000, ttl: SIGN_IN_LIMITS.windowMs });

  const hooks = (request: FastifyRequest, reply: FastifyReply): HttpHooks => ({
    ip: request.ip,
    origin: `${request.protocol}://${request.host}`,
    userAgent: request.headers['user-agent'],
    setSessionCookie: (token, expiresAt) =>
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: expiresAt,
      }),
    clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
    limitSignIn: async (email, attempt) => {
      const keys: [string, number][] = [
        [`ip:${request.ip}`, SIGN_IN_LIMITS.perIp],
        [`email:${email}`, SIGN_IN_LIMITS.perEmail],
      ];
      for (const [key, max] of keys) {
        if ((failures.get(key) ?? 0) >= max) {
          throw new GraphQLError(`Too many failed sign-ins: try again in ${Math.ceil(failures.getRemainingTTL(key) / 60_000)} minute(s).`, {
            extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } },
          });
        }
      }
      try {
        const result = await attempt();
        failures.delete(`email:${email}`);
        return result;
      } catch (error) {
        for (const [key] of keys) failures.set(key, (failures.get(key) ?? 0) + 1);
        throw error;
      }
    },
  });

  return async (request: FastifyRequest, reply: FastifyReply): Promise<Context> => {
    try {
      return await createContext(orm.em.fork() as never, {
        events,
        credentials: { bearer: bearerToken(request.headers.authorization), cookie: request.cookies[SESSION_COOKIE] },
        http: hooks(request, reply),
      });
    } catch (error) {
      // reading the session needs the database: its being away is a 503 here as everywhere
      const fault = classify(error);
      if (fault === 'unavailable' || fault === 'timeout') {
        throw new GraphQLError('database', {
          originalError: error as Error,
          extensions: { http: { status: 503, headers: new Map([['retry-after', '5']]) } },
        });
      }
      throw error;
    }
  };
}
