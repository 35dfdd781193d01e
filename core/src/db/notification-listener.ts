import pg from 'pg';

/**
 * The channel the `jobs` and `data_sources` tables notify after every statement that changes them
 * (statement-level triggers, migration `Migration20261126110000_search_change_notify`). The payload
 * is the table's name. Postgres delivers a notification when the writing transaction commits, so a
 * listener never hears of a change before it is visible.
 */
export const SEARCH_CHANGED_CHANNEL = 'pathfinder_search_changed';

export interface NotificationListenerOptions {
  /** The database to listen on. */
  databaseUrl: string;
  /** The channels to LISTEN to. */
  channels: string[];
  /** Called for each notification. */
  onNotification: (channel: string, payload: string) => void;
  /**
   * Called each time LISTEN is (re)established. Notifications sent while the listener was away are
   * lost, so whatever depends on them should assume everything changed.
   */
  onConnected?: () => void;
  /** Called with a connection error before the listener tries again (default: ignored). */
  onError?: (error: Error) => void;
  /** Wait before reconnecting, doubled on each failure up to 30 s (default 500 ms). */
  retryDelayMs?: number;
}

/**
 * One dedicated connection that LISTENs on a few channels and reconnects on its own. Pooled
 * connections cannot listen (they are handed to others between queries), hence its own client.
 *
 * @example
 * const listener = new NotificationListener({
 *   databaseUrl, channels: [SEARCH_CHANGED_CHANNEL],
 *   onNotification: () => cache.clear(), onConnected: () => cache.clear(),
 * });
 * await listener.start();
 * // … later
 * await listener.close();
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: NotificationListenerOptions) {}

  /** True while LISTEN is in effect. */
  get listening(): boolean {
    // Set only once every LISTEN has succeeded.
    return this.client !== undefined;
  }

  /** Connects and LISTENs; resolves once listening (or once the first attempt failed and a retry is planned). */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'pathfinder-listener' });
    const lost = (error?: Error) => this.lost(client, error);
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => this.options.onNotification(message.channel, message.payload ?? ''));
    try {
      await client.connect();
      // Channel names are identifiers: quote them (pg has no placeholder for LISTEN).
      for (const channel of this.options.channels) await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleRetry(error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.options.onConnected?.();
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (!this.closed) this.scheduleRetry(error ?? new Error('the listening connection ended'));
  }

  private scheduleRetry(error: Error): void {
    if (this.closed) return;
    this.options.onError?.(error);
    const base = this.options.retryDelayMs ?? 500;
    const delay = Math.min(30_000, base * 2 ** this.failures);
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, delay);
    // A retry alone must not keep the process alive.
    this.retryTimer.unref();
  }

  /** Stops listening and closes the connection; no reconnection after this. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
