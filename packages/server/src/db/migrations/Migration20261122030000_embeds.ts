import { Migration } from '@mikro-orm/migrations';

/**
 * Stored embeds (issue 10): one chart widget bound to fixed parameters and the origins allowed to
 * show it. A signed embed keeps its token's `jti` and expiry (never the token itself).
 */
export class Migration20261122030000_embeds extends Migration {
  override up(): void {
    this.addSql(`create table embed (
      id varchar(32) primary key,
      kind varchar(8) not null check (kind in ('PUBLIC', 'SIGNED')),
      widget varchar(16) not null check (widget in ('kpi', 'trend', 'ranking', 'map', 'table')),
      indicator_code varchar(64) not null,
      region_code varchar(6) not null references region (code),
      period_from varchar(8) not null,
      period_to varchar(8) not null,
      grain varchar(8) not null check (grain in ('MONTH', 'QUARTER', 'YEAR')),
      origins jsonb not null default '[]',
      jti varchar(32) null,
      created_by int not null references app_user (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz null,
      revoked_at timestamptz null
    )`);
    this.addSql('create index embed_created_by_index on embed (created_by)');
  }

  override down(): void {
    this.addSql('drop table embed');
  }
}
