import { Field, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '../../auth/viewer.js';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a user may do in their region and everything below it.',
  valuesConfig: {
    ADMIN: { description: 'Manages users and may do everything below.' },
    APPROVER: { description: 'Approves, returns and unapproves submitted reports.' },
    REPORTER: { description: 'Enters values and submits reports.' },
    ANALYST: { description: 'Reads everything, pending values and history included.' },
    VIEWER: { description: 'Reads approved data only, like an anonymous visitor.' },
  },
});

@ObjectType('User', { description: 'An account with one role in one region (and every region below it).' })
export class UserNode {
  @Field(() => Int, { description: 'Stable numeric id.' })
  id!: number;

  @Field(() => String, { description: 'Sign-in email, lower case.' })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => RoleEnum, { description: 'What the account may do (see Role).' })
  role!: Role;

  regionCode!: string;

  @Field(() => Boolean, { description: 'False once deactivated: the account can no longer sign in.' })
  active!: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When the account was created.' })
  createdAt!: Date;
}

@ObjectType('Session', {
  description: 'A sign-in: send the token as "Authorization: Bearer <token>"; the dashboard uses a cookie instead.',
})
export class SessionNode {
  @Field(() => String, {
    description: 'Bearer token for `Authorization: Bearer …` (the browser also gets it as an HttpOnly cookie). Keep it secret.',
  })
  token!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the session ends.' })
  expiresAt!: Date;

  @Field(() => UserNode, { description: 'The signed-in account.' })
  user!: UserNode;
}

@InputType({ description: 'A new account.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Sign-in email (stored in lower case; unique).' })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  password!: string;

  @Field(() => RoleEnum, { description: 'What the account may do.' })
  role!: Role;

  @Field(() => String, { description: 'The region (six-digit code) whose subtree the user works in; within your own scope.' })
  region!: string;
}
