import http from 'node:http';
import type { AuthHeaders } from '../contract/auth';
import type { SimulationStarted } from '../contract/inspector';
import { SwitchboardError } from './errors';
import { simulatedCallEvents } from './simulated-call';

/** Path the simulated events are sent to on the receive port. */
export const SIMULATION_PATH = '/';

export interface SimulationOptions {
  /** Divides every delay: 1 plays the call in real time (about 19 s), 1000 sends it at once. */
  speed?: number;
  /** Authenticates each event as Vapi would, for the exact bytes sent; null leaves it unsigned. */
  sign?: (request: { method: string; url: string; body: Uint8Array }) => AuthHeaders | null;
}

function post(url: string, body: Buffer, sign: SimulationOptions['sign']): Promise<void> {
  const auth = sign?.({ method: 'POST', url, body })?.headers ?? [];

  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'User-Agent': 'Switchboard call simulator', ...Object.fromEntries(auth) },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Plays a simulated call into the receive port, so each event travels the same path as Vapi's:
 * recorded, forwarded to the target, and shown live. Returns once the first event is scheduled;
 * the rest follow in the background and stop at the first event the receiver does not accept.
 */
export function simulateCall(receiveUrl: string, options: SimulationOptions = {}): SimulationStarted {
  const speed = options.speed ?? 1;

  if (!Number.isFinite(speed) || speed < 0.1 || speed > 1000) {
    throw new SwitchboardError('invalid_request', `Invalid simulation speed ${String(speed)}. Give a number from 0.1 (slower) to 1000 (all at once); 1 is real time.`);
  }

  const events = simulatedCallEvents();
  const callId = String((events[0]?.body.message.call as { id: string }).id);
  const url = new URL(SIMULATION_PATH, receiveUrl).href;

  const playFrom = async (index: number): Promise<void> => {
    const event = events[index];

    if (event === undefined) {
      return;
    }

    // NOTE: the receiver records these as received events; nothing marks them as simulated.
    await post(url, Buffer.from(JSON.stringify(event.body)), options.sign);
    const next = events[index + 1];

    if (next !== undefined) {
      setTimeout(() => void playFrom(index + 1).catch(() => undefined), (next.delayMs - event.delayMs) / speed).unref();
    }
  };

  void playFrom(0).catch(() => undefined);
  return { callId, eventCount: events.length };
}
