import type { ExchangeSummary } from '../contract/exchange';
import type { TargetHealth } from '../contract/inspector';
import type { RuntimeInfo } from '../contract/settings';
import type { Engine } from '../core/engine';
import { probeTarget } from '../core/target-probe';
import type { PushHub } from './push-hub';

/** How often the target is probed and the runtime facts are refreshed while an inspector is open. */
export const STATUS_INTERVAL_MS = 5_000;

/**
 * Pushes to open inspectors whether the target accepts connections and how large the database is. It probes
 * only while at least one inspector is connected, and also learns from every forwarded exchange,
 * so a stopped target shows at once when an event fails to reach it.
 */
export class StatusTicker {
  private timer: NodeJS.Timeout | null = null;
  private latest: TargetHealth | null = null;
  private probing = false;
  private readonly onFinished = (exchange: ExchangeSummary): void => this.learnFrom(exchange);
  private readonly onSettings = (): void => void this.probe();

  constructor(
    private readonly engine: Engine,
    private readonly hub: PushHub,
    private readonly runtime: () => RuntimeInfo,
  ) {}

  /** Returns the latest known target health, probing first when there is none yet. */
  async health(): Promise<TargetHealth> {
    return this.latest ?? (await this.probe());
  }

  start(): void {
    this.engine.on('exchange-finished', this.onFinished);
    this.engine.on('settings-changed', this.onSettings);
    this.timer = setInterval(() => this.tick(), STATUS_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    this.engine.off('exchange-finished', this.onFinished);
    this.engine.off('settings-changed', this.onSettings);

    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Probes the target now and pushes the result. */
  async probe(): Promise<TargetHealth> {
    const health = await probeTarget(this.engine.settings.targetUrl);
    this.publish(health);
    return health;
  }

  private tick(): void {
    if (this.hub.clientCount === 0 || this.probing) {
      return;
    }

    this.probing = true;
    this.hub.push({ kind: 'runtime', runtime: this.runtime() });
    void this.probe().finally(() => (this.probing = false));
  }

  private learnFrom(exchange: ExchangeSummary): void {
    const targetUrl = this.engine.settings.targetUrl;

    if (targetUrl === null || exchange.source !== 'received') {
      return;
    }

    if (exchange.outcome === 'target_unreachable') {
      this.publish({ targetUrl, reachable: false, error: exchange.errorMessage, checkedAt: Date.now() });
    } else if ((exchange.outcome === 'forwarded' || exchange.outcome === 'target_error') && this.latest?.reachable !== true) {
      this.publish({ targetUrl, reachable: true, error: null, checkedAt: Date.now() });
    }
  }

  private publish(health: TargetHealth): void {
    const changed = this.latest?.reachable !== health.reachable || this.latest?.targetUrl !== health.targetUrl || this.latest?.error !== health.error;
    this.latest = health;

    if (changed) {
      this.hub.push({ kind: 'target-health', health });
    }
  }
}
