import { Field, Float, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ALERT_KINDS, type AlertKind, type WebhookState } from './alert.entity.js';

export const AlertKindEnum = Object.fromEntries(ALERT_KINDS.map((k) => [k, k])) as { [K in AlertKind]: K };
registerEnumType(AlertKindEnum, {
  name: 'AlertKind',
  description: 'What an alert rule watches.',
  valuesConfig: {
    YOY_CHANGE: {
      description: 'An approved value of a reporting region in the subtree changes year on year by more than ±threshold %.',
    },
    TARGET_PACE: {
      description:
        'A target in the subtree is behind its pace (the share of its period elapsed) by more than threshold percentage points (default 0), judged once a period’s reports are all approved or due.',
    },
    MISSING_REPORT: { description: 'Reports of the subtree are missing after their deadline (one alert per period, listing them).' },
  },
});

export const WebhookStateEnum = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const satisfies Record<
  WebhookState,
  WebhookState
>;
registerEnumType(WebhookStateEnum, {
  name: 'WebhookState',
  description: 'Where an alert’s webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet (retried with backoff).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up after the last retry.' },
  },
});

@ObjectType('AlertRule', { description: 'What an analyst wants to be told about in a region’s subtree.' })
export class AlertRuleNode {
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Field(() => AlertKindEnum, { description: 'What the rule watches.' })
  kind!: AlertKind;

  @Field(() => String, { description: 'A name for people.' })
  name!: string;

  regionCode!: string;
  indicatorId!: number | null;
  createdBy!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'YOY_CHANGE: the change in % (either way) beyond which it fires; TARGET_PACE: percentage points behind the pace.',
  })
  threshold!: number | null;

  @Field(() => String, { nullable: true, description: 'Where alerts are POSTed, signed (X-Hexie-Signature); null: no webhook.' })
  webhookUrl!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was made.' })
  createdAt!: Date;
}

@ObjectType('CreatedAlertRule', { description: 'A new rule, with its webhook secret: shown this once.' })
export class CreatedAlertRuleNode {
  @Field(() => AlertRuleNode, { description: 'The rule.' })
  rule!: AlertRuleNode;

  @Field(() => String, {
    nullable: true,
    description:
      'Signs the webhook bodies: X-Hexie-Signature is "sha256=" + hex HMAC-SHA256(secret, X-Hexie-Timestamp + "." + body). Shown only now; null without a webhook.',
  })
  webhookSecret!: string | null;
}

@InputType('AlertRuleInput', { description: 'A new alert rule.' })
export class AlertRuleInput {
  @Field(() => AlertKindEnum, { description: 'What the rule watches.' })
  kind!: AlertKind;

  @Field(() => String, { description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { description: 'The subtree watched: a six-digit GB/T 2260 region code inside your scope.' })
  region!: string;

  @Field(() => String, { nullable: true, description: 'Indicator code (YOY_CHANGE and TARGET_PACE; not for MISSING_REPORT).' })
  indicator?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'YOY_CHANGE (required): more than 0 and at most 10000 %. TARGET_PACE: 0 to 100 points behind the pace (default 0).',
  })
  threshold?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'http(s) URL to POST alerts to; loopback and private addresses are refused unless the server allows them.',
  })
  webhookUrl?: string | null;
}

@ObjectType('Alert', { description: 'A rule that fired for a region and period.' })
export class AlertNode {
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  ruleId!: number;
  regionCode!: string;

  @Field(() => AlertKindEnum, { description: 'What its rule watches.' })
  kind!: AlertKind;

  @Field(() => String, { description: 'Its rule’s name.' })
  ruleName!: string;

  @Field(() => String, { description: 'The period it is about.' })
  period!: string;

  @Field(() => String, { description: 'What happened, in Chinese.' })
  message!: string;

  @Field(() => String, { description: 'What happened, in English.' })
  messageEn!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was raised.' })
  createdAt!: Date;

  @Field(() => Boolean, { description: 'Whether you have marked it read.' })
  read!: boolean;

  @Field(() => WebhookStateEnum, { nullable: true, description: 'Its webhook delivery (null: its rule has no webhook).' })
  webhookState!: WebhookState | null;
}

@ObjectType('WebhookAttempt', { description: 'One attempt to deliver an alert to its rule’s webhook.' })
export class WebhookAttemptNode {
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;

  @Field(() => Int, { description: 'The alert delivered.' })
  alertId!: number;

  @Field(() => Int, { description: '1 for the first try, then each retry.' })
  attempt!: number;

  @Field(() => String, { description: 'The URL posted to.' })
  url!: string;

  @Field(() => GraphQLISODateTime, { description: 'When.' })
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status (null: no answer).' })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  error!: string | null;

  @Field(() => Boolean, { description: 'Delivered (2xx).' })
  ok!: boolean;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs!: number;
}
