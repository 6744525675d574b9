/**
 * Hears PostgreSQL notifications on one channel over a connection of its own (a pooled
 * connection cannot LISTEN: it goes back to the pool between queries), and turns them into a
 * number that changes whenever a notice came, for answers kept in memory until the database says
 * they may be stale (ChatlensDialect.keyChangesElsewhere: the api_keys trigger's notices).
 *
 * While the connection is not listening (not yet opened, lost, reconnecting) the number is
 * undefined: nobody can say what changed meanwhile, so nothing may be kept. It takes a fresh
 * value when listening starts again, so an answer kept before the gap never counts as current.
 */
import pg from 'pg';

/** Reconnection waits this long after a loss, doubling to the maximum while the database stays away. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

export class NoticeListener {
  private version = 0;
  private listening = false;
  private started = false;
  private stopped = false;
  private client: pg.Client | null = null;
  private retryMs = RETRY_FIRST_MS;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `config`: the connection (no statement time-out: it waits idle for as long as it is open).
   * `payload`: a query answering one value, run on that connection before it listens: only
   * notices with that payload count (the schema of this process's tables, when several
   * applications or test files share a database).
   * `lost`: told when a connection that was listening is lost (not of each failed reconnection).
   */
  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly payload: string,
    private readonly lost: (err: Error) => void,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  }

  /**
   * A number that changes whenever a notice came and whenever listening stopped or began;
   * undefined while not listening. The first call opens the connection.
   */
  current(): number | undefined {
    if (!this.started) {
      this.started = true;
      this.connect();
    }
    return this.listening ? this.version : undefined;
  }

  /** Closes the connection for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    this.version++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connect(): void {
    if (this.stopped) return;
    const client = new pg.Client(this.config);
    this.client = client;
    let gone = false;
    const lose = (err?: Error) => {
      if (gone) return;
      gone = true;
      const wasListening = this.listening && this.client === client;
      if (this.client === client) this.client = null;
      this.listening = false;
      this.version++;
      client.end().catch(() => {});
      if (this.stopped) return;
      if (wasListening) this.lost(err ?? new Error('Connection terminated'));
      this.retryLater();
    };
    client.on('error', lose);
    client.on('end', () => lose());
    let counts: string | undefined;
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload === counts) this.version++;
    });
    client
      .connect()
      .then(() => client.query<{ payload: string }>(this.payload))
      .then((r) => {
        counts = String(r.rows[0]?.payload);
        return client.query(`LISTEN ${this.channel}`);
      })
      .then(
        () => {
          if (gone || this.stopped) return;
          // Trusted from here on, not from the connection's opening: every commit after the LISTEN
          // is notified, and a read begun after it sees every commit before it. A read begun
          // earlier took `undefined` and keeps nothing.
          this.version++;
          this.listening = true;
          this.retryMs = RETRY_FIRST_MS;
        },
        (err: Error) => lose(err),
      );
  }

  private retryLater(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, this.retryMs);
    // A process with nothing else to do may end while this waits.
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
