import { randomBytes } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { TOKEN_PARAM } from '../contract/api';
import type { CallSummary, ExchangeSummary } from '../contract/exchange';
import type { PruneReport } from '../contract/history';
import type { CallReplayProgress } from '../contract/replay';
import type { RuntimeInfo } from '../contract/settings';
import type { Engine } from '../core/engine';
import { listenError } from '../core/errors';
import { checkAccess } from './access-guard';
import { routeApi, sendJson } from './api-routes';
import { PushHub } from './push-hub';
import { requestUrl } from './request-url';
import { serveStatic } from './static-files';
import { StatusTicker } from './status-ticker';

export interface ControlServerOptions {
  engine: Engine;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Folder with the built inspector (`index.html` and its assets). */
  staticDir: string;
  version: string;
  /** Fixed token for tests; a random one is made per launch otherwise. */
  token?: string;
}

/**
 * The inspector's HTTP and WebSocket server on its own loopback port, apart from the receive
 * port that a public tunnel exposes. It serves the UI, the JSON API under `/api/` and pushed
 * events on `/api/events`.
 */
export class ControlServer {
  readonly token: string;
  private readonly options: ControlServerOptions;
  private readonly hub = new PushHub();
  private readonly status: StatusTicker;
  private server: Server | null = null;
  private sockets: WebSocketServer | null = null;
  private readonly detach: (() => void)[] = [];

  constructor(options: ControlServerOptions) {
    this.options = options;
    this.token = options.token ?? randomBytes(24).toString('base64url');
    this.status = new StatusTicker(options.engine, this.hub, () => this.runtime());
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null | undefined)?.port ?? this.options.port;
  }

  /** The URL that opens the inspector, token included. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/?${TOKEN_PARAM}=${this.token}`;
  }

  async start(): Promise<void> {
    const { engine } = this.options;
    const server = http.createServer((request, response) => void this.handle(request, response));
    const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

    server.on('upgrade', (request, socket, head) => {
      const url = requestUrl(request);
      const denied = url?.pathname === '/api/events' ? checkAccess(request, this.token, this.port) : { status: 404, message: 'Not found' };

      if (denied !== null) {
        socket.end(`HTTP/1.1 ${denied.status} ${http.STATUS_CODES[denied.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }

      sockets.handleUpgrade(request, socket, head, (ws) => {
        this.hub.add(ws);
        ws.send(JSON.stringify({ events: [{ kind: 'runtime', runtime: this.runtime() }] }));
        // A fresh probe, because a cached result can be seconds old and wrong about a target that just stopped.
        void this.status.probe().then((health) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ events: [{ kind: 'target-health', health }] }));
        });
      });
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(listenError(error, 'inspector', '127.0.0.1', this.options.port, '--inspector-port')));
      server.listen({ host: '127.0.0.1', port: this.options.port }, () => resolve());
    });

    this.server = server;
    this.sockets = sockets;

    const onMockRules = (): void => this.hub.push({ kind: 'mock-rules-changed', rules: engine.mockRules.list() });
    engine.mockRules.on('changed', onMockRules);
    this.detach.push(() => engine.mockRules.off('changed', onMockRules));

    const onCallReplay = (progress: CallReplayProgress): void => this.hub.push({ kind: 'call-replay-progress', progress });
    engine.on('call-replay-progress', onCallReplay);
    this.detach.push(() => engine.off('call-replay-progress', onCallReplay));

    const onPruned = (report: PruneReport): void => this.hub.push({ kind: 'history-pruned', report });
    engine.on('history-pruned', onPruned);
    this.detach.push(() => engine.off('history-pruned', onPruned));

    const onStarted = (exchange: ExchangeSummary): void => this.hub.push({ kind: 'exchange-started', exchange });
    const onFinished = (exchange: ExchangeSummary): void => this.hub.push({ kind: 'exchange-finished', exchange });
    const onCall = (call: CallSummary): void => this.hub.push({ kind: 'call-updated', call });
    const onSettings = (): void => this.hub.push({ kind: 'runtime', runtime: this.runtime() });
    engine.on('exchange-started', onStarted);
    engine.on('exchange-finished', onFinished);
    engine.on('call-updated', onCall);
    engine.on('settings-changed', onSettings);
    this.status.start();
    this.detach.push(
      () => this.status.stop(),
      () => engine.off('exchange-started', onStarted),
      () => engine.off('exchange-finished', onFinished),
      () => engine.off('call-updated', onCall),
      () => engine.off('settings-changed', onSettings),
    );
  }

  async stop(): Promise<void> {
    for (const undo of this.detach.splice(0)) {
      undo();
    }

    this.hub.close();
    this.sockets?.close();
    const server = this.server;
    this.server = null;

    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  runtime(): RuntimeInfo {
    const { engine } = this.options;
    return {
      receiveUrl: engine.receiveUrl,
      targetUrl: engine.settings.targetUrl,
      databasePath: engine.databasePath,
      databaseSizeBytes: engine.store.databaseSizeBytes(),
      exchangeCount: engine.store.count(),
      inspectorUrl: this.server === null ? null : `http://127.0.0.1:${this.port}/`,
      version: this.options.version,
    };
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      await this.route(request, response);
    } catch (error) {
      // A failure here must not stop the process that is forwarding a live call.
      this.options.engine.emit('internal-error', error);

      if (response.headersSent) {
        response.destroy();
      } else {
        sendJson(response, 500, { ok: false, error: { code: 'internal_error', message: 'The inspector API failed on this request.' } });
      }
    }
  }

  private async route(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = requestUrl(request);

    if (url === null) {
      sendJson(response, 400, { ok: false, error: { code: 'invalid_request', message: `"${request.url ?? ''}" is not a path.` } });
      return;
    }
    const isApi = url.pathname.startsWith('/api/');
    const denied = checkAccess(request, this.token, this.port);

    // The page and its assets hold no recorded data, so they load without the token; the page
    // then presents it on every API call. The Host and Origin checks still apply.
    if (denied !== null && (isApi || denied.code !== 'unauthorized')) {
      sendJson(response, denied.status, { ok: false, error: { code: denied.code, message: denied.message } });
      return;
    }

    if (isApi) {
      await routeApi(request, response, url, { engine: this.options.engine, runtime: () => this.runtime(), status: this.status });
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }

    await serveStatic(this.options.staticDir, url.pathname, response);
  }
}
