import type { ConnectionType } from '@mikro-orm/core';
import { PostgreSqlDriver, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import { currentRequest } from '../http/request-scope.js';

/** How often each read replica is checked; one that does not answer is left out until it does. */
export const REPLICA_CHECK_MS = 1_000;

/**
 * MikroORM's PostgreSQL driver with one rule for read replicas (DATABASE_READ_URLS): a read goes to
 * a replica only inside a request that asked for it (`readFromReplica`: a GraphQL query by a viewer
 * who has not just written, see read-routing.ts). Everything else — writes, transactions, raw SQL
 * without `type: 'read'`, startup, background work — uses the primary. A request keeps one replica
 * for all its reads, so the data version it reads and the data it answers with come from the same
 * server (the response cache depends on it). Replicas that fail their check are skipped; with none
 * left, reads go to the primary.
 */
export class ReplicaRoutingDriver extends PostgreSqlDriver {
  private healthy = new Set<PostgreSqlConnection>();
  private readonly checking: NodeJS.Timeout;

  override getConnection(type: ConnectionType = 'write'): PostgreSqlConnection {
    const request = currentRequest();
    if (type === 'write' || !request?.readFromReplica) return this.connection;
    if (!request.replica) {
      const live = this.replicas.filter((replica) => this.healthy.has(replica));
      request.replica = live.length ? live[Math.floor(Math.random() * live.length)] : this.connection;
    }
    return request.replica as PostgreSqlConnection;
  }

  constructor(...args: ConstructorParameters<typeof PostgreSqlDriver>) {
    super(...args);
    setTimeout(() => void this.checkReplicas(), 0).unref(); // once constructed: a replica's first statement needs the whole driver
    this.checking = setInterval(() => void this.checkReplicas(), REPLICA_CHECK_MS).unref();
  }

  override async close(force?: boolean): Promise<void> {
    clearInterval(this.checking);
    await super.close(force);
  }

  private async checkReplicas() {
    await Promise.all(
      this.replicas.map(async (replica) => {
        try {
          await replica.execute('select 1');
          this.healthy.add(replica);
        } catch {
          this.healthy.delete(replica);
        }
      }),
    );
  }
}

/** Lets this request's reads go to a read replica (when there are any). */
export function readFromReplica(): void {
  const request = currentRequest();
  if (request) request.readFromReplica = true;
}
