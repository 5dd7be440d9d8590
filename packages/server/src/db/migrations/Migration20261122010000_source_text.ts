import { Migration } from '@mikro-orm/migrations';

/**
 * Report ingestion (issue 13): a source document keeps its text, the text's SHA-256 (one row per
 * text), publisher and URL; figures may be approximate (约, 近).
 */
export class Migration20261122010000_source_text extends Migration {
  override up(): void {
    this.addSql(
      'alter table source_document add column sha256 char(64), add column publisher varchar(256), add column url text, add column text text',
    );
    this.addSql('alter table source_document add column created_at timestamptz not null default now()');
    this.addSql('create unique index source_document_sha256_unique on source_document (sha256)');
    for (const table of ['published_figure', 'target']) {
      this.addSql(`alter table ${table} drop constraint ${table}_qualifier_check`);
      this.addSql(`alter table ${table} add constraint ${table}_qualifier_check check (qualifier in ('exact', 'at_least', 'approximate'))`);
    }
  }

  override down(): void {
    for (const table of ['published_figure', 'target']) {
      this.addSql(`alter table ${table} drop constraint ${table}_qualifier_check`);
      this.addSql(`alter table ${table} add constraint ${table}_qualifier_check check (qualifier in ('exact', 'at_least'))`);
    }
    this.addSql('drop index source_document_sha256_unique');
    this.addSql(
      'alter table source_document drop column sha256, drop column publisher, drop column url, drop column text, drop column created_at',
    );
  }
}
