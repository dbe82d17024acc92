import { EventEmitter } from 'node:events';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from 'better-sqlite3';
import type { CallSummary, ExchangeDetail, ExchangeQuery, ExchangeSummary } from '../contract/exchange';
import type { CallReplayProgress, CallReplayRequest, CallReplayStarted, ReplayDraft } from '../contract/replay';
import type { Settings } from '../contract/settings';
import { AuthCheckStore } from '../recorder/auth-check-store';
import { ExchangeStore } from '../recorder/exchange-store';
import { ExchangeWriter } from '../recorder/exchange-writer';
import { MockRuleStore } from '../recorder/mock-rule-store';
import { nativeBindingOf } from '../recorder/open-database';
import { Recorder } from '../recorder/thread/recorder';
import { RequestAuth, type RequestAuthOptions } from './auth/request-auth';
import { listenError, SwitchboardError } from './errors';
import { handleExchange } from './exchange-handler';
import { OpenForwards } from './open-forwards';
import { MockRuntime } from './mocks/runtime/mock-runtime';
import { CallReplayRuns } from './replay/call-replay-runs';
import { replayDraftFor } from './replay/replay-draft';
import { replayExchange, type ReplayContext, type ReplayOptions } from './replay/replay-exchange';
import { replaySigningFor } from './replay/replay-signing';
import type { PruneReport } from '../contract/history';
import { HistoryMaintenance } from './history-maintenance';
import { createTargetAgents, type TargetAgents } from './send-to-target';
import { DEFAULT_SETTINGS, mergeSettings } from './settings';
import { parseTarget, type Target } from './target';

/**
 * How long a write on the caller's connection (mock rules, auth settings) waits for a lock
 * held by the recording thread or another process, in ms. The same thread forwards live calls.
 */
const MAIN_THREAD_BUSY_TIMEOUT_MS = 250;

/** How long requests interrupted by a stop get to send their 502 before connections are closed, in ms. */
const INTERRUPT_REPLY_MS = 500;

export interface EngineEvents {
  'exchange-started': [exchange: ExchangeSummary];
  'exchange-finished': [exchange: ExchangeSummary];
  'call-updated': [call: CallSummary];
  'settings-changed': [settings: Settings];
  /** The database rejected a write, or the recording thread stopped; requests are still forwarded. */
  'record-error': [error: unknown];
  /** A request failed in a way the handler did not expect; the caller got a 500. */
  'internal-error': [error: unknown];
  'call-replay-progress': [progress: CallReplayProgress];
  /** Exchanges were deleted by a retention limit or by `clearHistory`. */
  'history-pruned': [report: PruneReport];
  /** Background pruning or checkpointing failed; recording goes on and the next check retries. */
  'history-error': [error: unknown];
}

export interface EngineOptions {
  db: Database;
  databasePath: string;
  settings?: Partial<Settings>;
  /** Expected authentication of received requests; none by default. */
  auth?: RequestAuthOptions;
}

/**
 * The receiver, forwarder and recorder as one object. The CLI, the desktop shell and the tests
 * all construct it the same way; it never touches Electron.
 */
export class Engine extends EventEmitter<EngineEvents> {
  /** Reads the recorded history on the caller's connection. */
  readonly store: ExchangeStore;
  readonly databasePath: string;
  readonly auth: RequestAuth;
  /** Stored mock rules; the receiver reads changes made here or by another process on the next request. */
  readonly mockRules: MockRuleStore;
  private readonly mocks: MockRuntime;
  private settingsValue: Settings;
  private target: Target | null;
  private server: Server | null = null;
  private readonly agents: TargetAgents = createTargetAgents();
  private readonly inFlight = new Set<Promise<void>>();
  /** Forwards waiting for a target, cancelled by `stop` once the grace period is over. */
  private readonly forwards = new OpenForwards();
  /** Whole-call replays started by `replayCall`, for status queries and cancelling. */
  readonly callReplays = new CallReplayRuns();
  private readonly history: HistoryMaintenance;
  private readonly recorder: Recorder;
  private readonly db: Database;

  constructor(options: EngineOptions) {
    super();
    this.databasePath = options.databasePath;
    this.settingsValue = mergeSettings(DEFAULT_SETTINGS, options.settings ?? {});
    this.target = this.settingsValue.targetUrl === null ? null : parseTarget(this.settingsValue.targetUrl);
    this.db = options.db;
    options.db.pragma(`busy_timeout = ${MAIN_THREAD_BUSY_TIMEOUT_MS}`);
    this.store = new ExchangeStore(options.db);
    this.recorder = new Recorder(options.databasePath, { nativeBinding: nativeBindingOf(options.db) });
    this.recorder.on('exchange-started', (exchange) => this.emit('exchange-started', exchange));
    this.recorder.on('exchange-finished', (exchange) => this.emit('exchange-finished', exchange));
    this.recorder.on('call-updated', (call) => this.emit('call-updated', call));
    this.recorder.on('record-error', (error) => this.emit('record-error', error));
    this.recorder.on('history-pruned', (report) => this.emit('history-pruned', report));
    this.recorder.on('history-error', (error) => this.emit('history-error', error));
    this.mockRules = new MockRuleStore(options.db);
    this.mocks = new MockRuntime(this.mockRules);
    this.auth = new RequestAuth(new AuthCheckStore(options.db), options.auth);
    this.history = new HistoryMaintenance(options.db, this.recorder, (error) => this.emit('history-error', error));
  }

  get settings(): Settings {
    return this.settingsValue;
  }

  /** The receive URL with the port actually bound, such as `http://127.0.0.1:4242`. */
  get receiveUrl(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    const host = this.settingsValue.host;
    const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return `http://${shownHost}:${address?.port ?? this.settingsValue.port}`;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null | undefined)?.port ?? this.settingsValue.port;
  }

  /** Starts receiving. Rejects with a `SwitchboardError` when the port cannot be bound. */
  async start(): Promise<void> {
    new ExchangeWriter(this.db).interruptAbandoned();
    this.server = await this.listen(this.settingsValue.host, this.settingsValue.port);
    this.history.start(this.settingsValue);
  }

  /**
   * Deletes every finished exchange and the calls left without exchanges, in small batches while
   * recording goes on. Exchanges still in flight stay.
   */
  clearHistory(): Promise<PruneReport> {
    return this.history.clear();
  }

  /**
   * Applies a settings change. A new port or host rebinds the receiver; target, timeouts and
   * body limit apply to the next request.
   */
  async updateSettings(change: Partial<Settings>): Promise<Settings> {
    const next = mergeSettings(this.settingsValue, change);
    const nextTarget = next.targetUrl === null ? null : parseTarget(next.targetUrl);
    const rebind = this.server !== null && (next.port !== this.settingsValue.port || next.host !== this.settingsValue.host);

    if (rebind) {
      const server = await this.listen(next.host, next.port);
      const previous = this.server;
      this.server = server;
      previous?.close();
    }

    this.history.settingsChanged(this.settingsValue, next);
    this.settingsValue = next;
    this.target = nextTarget;
    this.emit('settings-changed', next);
    return next;
  }

  /**
   * Stops receiving, waits up to `graceMs` for requests in flight, then interrupts the rest; they
   * are recorded as `interrupted`.
   */
  async stop(graceMs = 5_000): Promise<void> {
    const server = this.server;
    this.server = null;

    if (server !== null) {
      server.close();
      server.closeIdleConnections();
      const pending = Promise.allSettled([...this.inFlight]);
      await Promise.race([pending, delay(graceMs)]);

      // Forwards still waiting reply 502 `interrupted` first. Connections still open after that
      // (a reply being streamed, a caller that never sent its body) are closed.
      const interrupted = new SwitchboardError('interrupted', 'Switchboard stopped before the target answered.');
      this.forwards.cancelAll(interrupted);

      await Promise.race([Promise.allSettled([...this.inFlight]), delay(INTERRUPT_REPLY_MS)]);
      server.closeAllConnections();
      await Promise.allSettled([...this.inFlight]);
      this.forwards.reopen();
    }

    await this.callReplays.cancelAll();
    this.agents.http.destroy();
    this.agents.https.destroy();
    await this.history.stop();
    await this.recorder.close();
  }

  /** Resolves once every exchange received so far is committed and in the search index. */
  recorded(): Promise<void> {
    return this.recorder.synced();
  }

  /** Recorded exchanges matching `query`, newest first; a text search first waits for the search index. */
  async listExchanges(query: ExchangeQuery = {}): Promise<ExchangeSummary[]> {
    if (query.text !== undefined && query.text.trim() !== '') {
      await this.recorder.synced();
    }

    return this.store.list(query);
  }

  /** Replays one recorded exchange, as recorded or edited; see `replayExchange`. Needs no `start()`. */
  replay(exchangeId: number, options: ReplayOptions = {}): Promise<ExchangeDetail> {
    return replayExchange(this.replayContext(), exchangeId, options);
  }

  /** Starts replaying every recorded event of a call in the background; progress comes as `call-replay-progress`. */
  replayCall(callId: string, request: CallReplayRequest = {}): CallReplayStarted & { done: Promise<CallReplayProgress> } {
    return this.callReplays.start(this.replayContext(), callId, request, (progress) => this.emit('call-replay-progress', progress));
  }

  /** Builds the edit form's starting point for replaying one exchange. */
  replayDraft(exchangeId: number): Promise<ReplayDraft> {
    return replayDraftFor(this.replayContext(), exchangeId);
  }

  private replayContext(): ReplayContext {
    return {
      store: this.store,
      recorder: this.recorder,
      agents: this.agents,
      settings: this.settingsValue,
      target: this.target,
      signing: replaySigningFor(this.auth),
    };
  }

  private listen(host: string, port: number): Promise<Server> {
    const server = http.createServer({ requestTimeout: 0, keepAliveTimeout: 65_000 }, (request, response) => {
      const work = handleExchange(request, response, {
        settings: this.settingsValue,
        target: this.target,
        recorder: this.recorder,
        agents: this.agents,
        auth: this.auth,
        mocks: this.mocks,
        forwards: this.forwards,
      }).catch((error: unknown) => this.onHandlerFailure(error, response));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });

    return new Promise((resolve, reject) => {
      server.once('error', (error) => reject(listenError(error, 'receiver', host, port, '--port')));
      server.listen({ host, port }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        resolve(server);
      });
    });
  }

  private onHandlerFailure(error: unknown, response: http.ServerResponse): void {
    this.emit('internal-error', error);

    if (response.headersSent) {
      response.destroy();
      return;
    }

    const body = JSON.stringify({ error: { code: 'internal_error', message: 'Switchboard failed while handling this request. See its log.' } });
    response.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
