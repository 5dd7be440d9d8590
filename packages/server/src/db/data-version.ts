import pg from 'pg';

/** The channel on which every bump of `hexie_meta.data_version` is announced (migration 20261124). */
export const DATA_VERSION_CHANNEL = 'hexie_data_version';

/** How long to wait before listening again after the listening connection was lost (doubling up to the max). */
const RECONNECT_MS = { first: 250, max: 5_000 };
/**
 * How often the listening connection reads the version: a connection cut off without being closed
 * (a frozen network) delivers nothing and reports nothing, so one that has not answered the last
 * read by the next counts as lost; a read also catches any notification missed.
 */
export const HEARTBEAT_MS = 5_000;

/**
 * What this process knows of the database's data version, learnt without reading it per request:
 *
 * - Every connection of the process listens on DATA_VERSION_CHANNEL (PGlite has one; on PostgreSQL each
 *   pooled connection LISTENs when it is opened). A session receives its own notification when its
 *   transaction commits, before the COMMIT (or the autocommitted statement) returns: a write made by
 *   this process is known before the code that made it goes on, so the very next read sees it.
 * - Writes by other processes arrive on one dedicated listening connection (PostgreSQL). While it is
 *   down nothing is known (`token` is undefined: nothing may be served from a cache); once it listens
 *   again the version is read afresh (notifications sent while no one listened are lost), so an entry
 *   cached before a write made meanwhile no longer matches.
 */
export class DataVersion {
  #version = 0n;
  #listening = false;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #delay = RECONNECT_MS.first;

  /** Names the data as of now; undefined while the process cannot know of other processes' writes. */
  get token(): string | undefined {
    return this.#listening ? String(this.#version) : undefined; // the database's own number: the same in every process (a shared cache)
  }

  /** A notification's payload: versions only grow (several commits' notifications may arrive in one burst). */
  notified(payload: string | undefined): void {
    if (!payload || !/^\d+$/.test(payload)) return;
    const version = BigInt(payload);
    if (version > this.#version) this.#version = version;
  }

  /** A pooled PostgreSQL connection, just opened: LISTEN before it runs anything else (pg queues in order). */
  attach(client: pg.ClientBase): void {
    client.on('notification', (message) => message.channel === DATA_VERSION_CHANNEL && this.notified(message.payload));
    client.query(`listen ${DATA_VERSION_CHANNEL}`).catch(() => {
      // the connection is broken: the query that checked it out fails and the pool drops it
    });
  }

  /** A single in-process connection (PGlite) that sees every write: known from the start, never lost. */
  async attachSingle(listen: (channel: string, onPayload: (payload: string) => void) => Promise<unknown>, read: () => Promise<string>) {
    await listen(DATA_VERSION_CHANNEL, (payload) => this.notified(payload));
    this.#restart(await read());
  }

  /** Listens on a dedicated PostgreSQL connection for other processes' writes, reconnecting when it is lost. */
  async listen(connectionString: string, onLost: (error: Error) => void = () => {}): Promise<void> {
    this.#closed = false;
    const client = new pg.Client({ connectionString, application_name: 'hexie data version' });
    this.#client = client;
    const lost = (error: Error) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#listening = false;
      clearInterval(this.#heartbeat);
      client.removeAllListeners('end');
      // a frozen connection would never finish ending: drop its socket
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      void client.end().catch(() => {});
      if (this.#closed) return;
      onLost(error);
      this.#retry = setTimeout(() => {
        this.#retry = undefined;
        this.listen(connectionString, onLost).catch(() => {}); // a failure calls lost() again
      }, this.#delay);
      this.#retry.unref();
      this.#delay = Math.min(this.#delay * 2, RECONNECT_MS.max);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('the listening connection ended')));
    client.on('notification', (message) => message.channel === DATA_VERSION_CHANNEL && this.notified(message.payload));
    try {
      await client.connect();
      await client.query(`listen ${DATA_VERSION_CHANNEL}`);
      const read = () => client.query<{ v: string }>('select data_version::text as v from hexie_meta').then(({ rows }) => rows[0].v);
      const version = await read();
      if (this.#client !== client) return;
      this.#restart(version);
      this.#delay = RECONNECT_MS.first;
      let pending = false;
      this.#heartbeat = setInterval(() => {
        if (pending) return lost(new Error(`the listening connection did not answer within ${HEARTBEAT_MS} ms`));
        pending = true;
        read().then(
          (v) => ((pending = false), this.notified(v)),
          (e: Error) => lost(e),
        );
      }, HEARTBEAT_MS);
      this.#heartbeat.unref();
    } catch (error) {
      lost(error as Error);
      throw error;
    }
  }

  /** Listening again: what was known before counts as changed. */
  #restart(version: string): void {
    this.#version = 0n;
    this.notified(version);
    this.#listening = true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    clearTimeout(this.#retry);
    clearInterval(this.#heartbeat);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}
