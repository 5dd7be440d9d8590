import { Migration } from '@mikro-orm/migrations';

/**
 * Completeness and alerts (issue 12).
 *
 * - `indicator.deadline_days`: a report is due by the end of this many days after its period ends
 *   (China time); null means the hub's default (10: the 10th of the next month), set per indicator in
 *   data/indicators.csv.
 * - `alert_rule`: what an analyst wants to be told about, with an optional webhook.
 * - `alert`: what fired, one per rule × region × period (the unique key makes every check idempotent,
 *   across replicas too); its webhook delivery state is the queue the delivery worker claims from.
 * - `alert_read`: who has read which alert. `webhook_attempt`: the delivery log, one row per attempt.
 */
export class Migration20261124000000_alerts extends Migration {
  override up(): void {
    this.addSql('alter table indicator add column deadline_days smallint null check (deadline_days between 1 and 366)');
    this.addSql(`create table alert_rule (
      id serial primary key,
      kind varchar(16) not null check (kind in ('YOY_CHANGE', 'TARGET_PACE', 'MISSING_REPORT')),
      name varchar(200) not null,
      region_code varchar(6) not null references region (code),
      indicator_id smallint null references indicator (id),
      threshold double precision null,
      webhook_url text null,
      webhook_secret varchar(64) null,
      created_by int not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now())`);
    this.addSql('create index alert_rule_region_code_index on alert_rule (region_code)');
    this.addSql(`create table alert (
      id serial primary key,
      rule_id int not null references alert_rule (id) on delete cascade,
      region_code varchar(6) not null references region (code),
      period varchar(7) not null,
      message text not null,
      message_en text not null,
      details text not null,
      created_at timestamptz not null default now(),
      webhook_state varchar(16) null check (webhook_state in ('PENDING', 'DELIVERED', 'FAILED')),
      webhook_attempts int not null default 0,
      webhook_next_at timestamptz null,
      constraint alert_rule_region_period_unique unique (rule_id, region_code, period))`);
    this.addSql('create index alert_region_code_index on alert (region_code)');
    this.addSql(`create index alert_webhook_due_index on alert (webhook_next_at) where webhook_state = 'PENDING'`);
    this.addSql(`create table alert_read (
      alert_id int not null references alert (id) on delete cascade,
      user_id int not null references app_user (id) on delete cascade,
      read_at timestamptz not null default now(),
      primary key (alert_id, user_id))`);
    this.addSql(`create table webhook_attempt (
      id serial primary key,
      alert_id int not null references alert (id) on delete cascade,
      rule_id int not null references alert_rule (id) on delete cascade,
      attempt int not null,
      url text not null,
      at timestamptz not null,
      http_status int null,
      error text null,
      ok boolean not null,
      duration_ms int not null)`);
    this.addSql('create index webhook_attempt_rule_id_index on webhook_attempt (rule_id, id)');
    // like every other write, rules and alerts bump the data version: cached answers drop
    this.addSql(`create function hexie_alert_version() returns trigger language plpgsql as $$
begin
  update hexie_meta set data_version = data_version + 1;
  return null;
end $$`);
    for (const table of ['alert_rule', 'alert', 'alert_read', 'webhook_attempt']) {
      this.addSql(
        `create trigger ${table}_version after insert or update or delete on ${table} for each statement execute function hexie_alert_version()`,
      );
    }
  }

  override down(): void {
    this.addSql('drop table webhook_attempt');
    this.addSql('drop table alert_read');
    this.addSql('drop table alert');
    this.addSql('drop table alert_rule');
    this.addSql('drop function hexie_alert_version()');
    this.addSql('alter table indicator drop column deadline_days');
  }
}
