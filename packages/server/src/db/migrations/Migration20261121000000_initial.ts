import { Migration } from '@mikro-orm/migrations';
import { addStatements } from './statements.js';

/**
 * The initial schema. Written by hand (not generated) because it also holds the roll-up
 * triggers and functions, which are the heart of aggregation:
 *
 * - `rollup` holds, for every strict ancestor of an observation's region, the sum of the
 *   observations below it per indicator and period (and how many there are).
 * - Statement-level triggers on `observation` apply the delta of every insert, update and delete
 *   to the affected ancestors only, in the same transaction: reads are never stale.
 * - `hexie_rollup_rebuild()` recomputes the whole table level by level (for repair and bulk loads).
 * - `hexie_meta.data_version` is bumped by every write, so response caches know when to drop.
 */
export class Migration20261121000000_initial extends Migration {
  override up(): void {
    addStatements(
      this,
      `
create table region (
  code varchar(6) primary key,
  name varchar(64) not null,
  name_en varchar(128),
  level varchar(8) not null check (level in ('NATION', 'PROVINCE', 'CITY', 'COUNTY')),
  parent_code varchar(6) references region (code),
  position int not null default 0
);
create index region_parent_code_index on region (parent_code);

create table region_ancestor (
  region_code varchar(6) not null references region (code),
  ancestor_code varchar(6) not null references region (code),
  primary key (region_code, ancestor_code)
);

create table indicator (
  id smallint primary key,
  code varchar(64) not null unique,
  category varchar(64) not null,
  name varchar(64) not null,
  name_en varchar(128) not null,
  unit varchar(16) not null,
  unit_en varchar(32) not null,
  frequency varchar(8) not null check (frequency in ('monthly', 'annual')),
  aggregation varchar(8) not null check (aggregation in ('sum', 'last', 'ratio')),
  numerator_id smallint references indicator (id),
  denominator_id smallint references indicator (id),
  factor double precision,
  reporting_level varchar(8) not null check (reporting_level in ('NATION', 'PROVINCE', 'CITY', 'COUNTY')),
  position int not null
);

create table observation (
  indicator_id smallint not null references indicator (id),
  region_code varchar(6) not null references region (code),
  period date not null,
  value double precision not null,
  status varchar(16) not null default 'approved' check (status in ('draft', 'submitted', 'approved')),
  synthetic boolean not null default false,
  updated_by varchar(64),
  updated_at timestamptz not null default now(),
  primary key (indicator_id, region_code, period)
);

create table rollup (
  indicator_id smallint not null,
  region_code varchar(6) not null,
  period date not null,
  value double precision not null,
  n int not null,
  primary key (indicator_id, region_code, period)
);

create table source_document (
  id serial primary key,
  file varchar(128) not null unique,
  title varchar(256) not null,
  date date not null
);

create table published_figure (
  id serial primary key,
  region_code varchar(6) not null references region (code),
  indicator_id smallint not null references indicator (id),
  period_start date not null,
  period_end date not null,
  value double precision not null,
  unit varchar(16) not null,
  qualifier varchar(16) not null check (qualifier in ('exact', 'at_least')),
  scope varchar(16) not null check (scope in ('total', 'partial')),
  source_id int not null references source_document (id),
  quote text not null
);

create table target (
  id serial primary key,
  region_code varchar(6) not null references region (code),
  indicator_id smallint not null references indicator (id),
  period_start date not null,
  period_end date not null,
  value double precision not null,
  unit varchar(16) not null,
  qualifier varchar(16) not null check (qualifier in ('exact', 'at_least')),
  source_id int not null references source_document (id),
  quote text not null
);

create table hexie_meta (
  id boolean primary key default true check (id),
  data_version bigint not null default 0
);
insert into hexie_meta default values;
`,
    );

    addStatements(
      this,
      `
create function hexie_rollup_apply() returns trigger language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into rollup as r (indicator_id, region_code, period, value, n)
    select o.indicator_id, a.ancestor_code, o.period, -sum(o.value), -count(*)
    from old_rows o join region_ancestor a on a.region_code = o.region_code
    group by 1, 2, 3
    on conflict (indicator_id, region_code, period)
      do update set value = r.value + excluded.value, n = r.n + excluded.n;
  end if;
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into rollup as r (indicator_id, region_code, period, value, n)
    select o.indicator_id, a.ancestor_code, o.period, sum(o.value), count(*)
    from new_rows o join region_ancestor a on a.region_code = o.region_code
    group by 1, 2, 3
    on conflict (indicator_id, region_code, period)
      do update set value = r.value + excluded.value, n = r.n + excluded.n;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    delete from rollup r
    using (select distinct o.indicator_id, a.ancestor_code, o.period
           from old_rows o join region_ancestor a on a.region_code = o.region_code) gone
    where r.indicator_id = gone.indicator_id and r.region_code = gone.ancestor_code
      and r.period = gone.period and r.n = 0;
  end if;
  update hexie_meta set data_version = data_version + 1;
  return null;
end $$;

create trigger observation_rollup_insert after insert on observation
  referencing new table as new_rows for each statement execute function hexie_rollup_apply();
create trigger observation_rollup_update after update on observation
  referencing old table as old_rows new table as new_rows for each statement execute function hexie_rollup_apply();
create trigger observation_rollup_delete after delete on observation
  referencing old table as old_rows for each statement execute function hexie_rollup_apply();

create function hexie_rollup_rebuild() returns bigint language plpgsql as $$
declare
  level_name text;
  total bigint := 0;
  added bigint;
begin
  -- room to aggregate in memory (the default spills to disk); for this transaction only
  perform set_config('work_mem', '256MB', true);
  -- without statistics the planner walks the observation index once per region
  analyze region;
  analyze observation;
  delete from rollup;
  -- finest first: each level sums the observations and the roll-ups of the level below it.
  -- Dynamic SQL, so each level is planned with its own literal (a generic plan crawled).
  foreach level_name in array array['CITY', 'PROVINCE', 'NATION'] loop
    execute format($sql$
      insert into rollup (indicator_id, region_code, period, value, n)
      select indicator_id, parent_code, period, sum(value), sum(n)
      from (
        select o.indicator_id, c.parent_code, o.period, o.value, 1 as n
        from observation o join region c on c.code = o.region_code
        join region p on p.code = c.parent_code and p.level = %L
        union all
        select r.indicator_id, c.parent_code, r.period, r.value, r.n
        from rollup r join region c on c.code = r.region_code
        join region p on p.code = c.parent_code and p.level = %L
      ) below
      group by indicator_id, parent_code, period$sql$, level_name, level_name);
    get diagnostics added = row_count;
    total := total + added;
    analyze rollup; -- the next level reads these rows: plan it with their real size
  end loop;
  update hexie_meta set data_version = data_version + 1;
  return total;
end $$;
`,
    );
  }
}
