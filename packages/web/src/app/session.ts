// Who is signed in. The session itself is an HttpOnly cookie set by `login`; the dashboard only
// asks `me` once at start and keeps the answer here. Anonymous visitors get `null` and the
// dashboard as it always was.
import { computed, inject, shallowRef, type InjectionKey } from 'vue';
import type { Router } from 'vue-router';
import { graphql } from '@/gql';
import type { AccountFragment, Role } from '@/gql/graphql';
import type { Client } from '@/graphql/client';
import { useMutate } from '@/graphql/mutate';
import { restartLive } from '@/graphql/live';

graphql(`
  fragment Account on User {
    id
    email
    name
    role
    active
    region {
      code
      name
      nameEn
      level
    }
  }
`);

const MeQuery = graphql(`
  query Me {
    me {
      ...Account
    }
  }
`);

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
      user {
        ...Account
      }
    }
  }
`);

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/** What each page needs; the server decides for real, this only hides what a role cannot use. */
export type Ability = 'enter' | 'review' | 'approve' | 'history' | 'users' | 'extract';
const ABILITIES: Record<Ability, Role[]> = {
  enter: ['ADMIN', 'REPORTER'],
  review: ['ADMIN', 'APPROVER', 'ANALYST'],
  approve: ['ADMIN', 'APPROVER'],
  history: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'],
  users: ['ADMIN'],
  extract: ['ADMIN', 'ANALYST'],
};
export const ROLES: Role[] = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'];

export function roleCan(role: Role | undefined, ability: Ability): boolean {
  return !!role && ABILITIES[ability].includes(role);
}

export function createSession(client: Client) {
  /** undefined until the first `me` answer, then the user or null */
  const me = shallowRef<AccountFragment | null | undefined>(undefined);
  const mutate = useMutate(client);
  let router: Router | undefined;

  async function load() {
    try {
      const result = await client.query({ query: MeQuery, fetchPolicy: 'network-only' });
      me.value = result.data?.me ?? null;
    } catch {
      me.value = null;
    }
  }
  const ready = load();

  /** Throws a MutationError with the server's message when the credentials are refused. */
  async function login(email: string, password: string) {
    const data = await mutate(LoginMutation, { email, password });
    // whatever was cached was computed for an anonymous caller
    await client.clearStore();
    restartLive(); // live updates too: the socket signs in again with the new cookie
    me.value = data.login.user;
    return data.login.user;
  }

  async function logout() {
    try {
      await mutate(LogoutMutation, {});
    } finally {
      restartLive();
      me.value = null;
      const route = router?.currentRoute.value;
      if (route?.meta.ability) await router!.replace({ name: 'overview' });
      await client.clearStore();
    }
  }

  /** The server said UNAUTHENTICATED: the session expired or was revoked. */
  function expired() {
    if (!me.value) return;
    me.value = null;
    const route = router?.currentRoute.value;
    if (route?.meta.ability) void router!.replace({ name: 'login', query: { redirect: route.fullPath, expired: '1' } });
  }

  /** Pages that need an ability send anonymous visitors to the sign-in page and back. */
  function guard(r: Router) {
    router = r;
    r.beforeEach(async (to) => {
      const ability = to.meta.ability as Ability | undefined;
      if (!ability) return true;
      await ready;
      if (!me.value) return { name: 'login', query: { redirect: to.fullPath } };
      if (!roleCan(me.value.role, ability)) return { name: 'login', query: { redirect: to.fullPath, denied: '1' } };
      return true;
    });
  }

  const can = (ability: Ability) => roleCan(me.value?.role, ability);
  const signedIn = computed(() => !!me.value);
  return { me, ready, signedIn, login, logout, expired, guard, can, reload: load };
}

export type Session = ReturnType<typeof createSession>;
export const SessionKey: InjectionKey<Session> = Symbol('session');

export function useSession(): Session {
  const session = inject(SessionKey);
  if (!session) throw new Error('useSession: no session provided (app.provide(SessionKey, session))');
  return session;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(target: unknown): string {
  const t = Array.isArray(target) ? target[0] : target;
  return typeof t === 'string' && t.startsWith('/') && !t.startsWith('//') && !t.startsWith('/login') ? t : '/';
}
