import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../src-main/core/errors';
import { OpenForwards } from '../../src-main/core/open-forwards';

const TIMEOUT = new SwitchboardError('target_timeout', 'The target did not answer in time.');

describe('OpenForwards', () => {
  let server: Server;
  let responses: ServerResponse[];
  let url: string;

  beforeEach(async () => {
    responses = [];
    server = createServer((_request, response) => responses.push(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends a request and returns the server's response to it, still open, and a way to drop the caller. */
  async function openResponse(): Promise<{ response: ServerResponse; leave(): void }> {
    const caller = request(url);
    caller.on('error', () => undefined);
    caller.end();
    await expect.poll(() => responses.length).toBe(1);
    return { response: responses.pop() as ServerResponse, leave: () => caller.destroy() };
  }

  it('cancels open forwards on cancelAll', async () => {
    const forwards = new OpenForwards();
    const { response } = await openResponse();
    const { cancel } = forwards.begin(response, 60_000, () => TIMEOUT);

    forwards.cancelAll('stopping');

    expect(cancel.reason).toBe('stopping');
    expect(forwards.stopping).toBe(true);
  });

  it('cancels forwards begun after cancelAll', async () => {
    const forwards = new OpenForwards();
    const { response } = await openResponse();
    forwards.cancelAll('stopping');

    const late = forwards.begin(response, 60_000, () => TIMEOUT);
    forwards.reopen();
    const next = forwards.begin(response, 60_000, () => TIMEOUT);

    expect(late.cancel.reason).toBe('stopping');
    expect(next.cancel.cancelled).toBe(false);
    late.end();
    next.end();
  });

  it('cancels with the timeout error', async () => {
    const forwards = new OpenForwards();
    const { response } = await openResponse();
    const { cancel, end } = forwards.begin(response, 5, () => TIMEOUT);

    await expect.poll(() => cancel.cancelled).toBe(true);
    expect(cancel.reason).toBe(TIMEOUT);
    end();
  });

  it('cancels when the caller leaves', async () => {
    const forwards = new OpenForwards();
    const { response, leave } = await openResponse();
    const { cancel, end } = forwards.begin(response, 60_000, () => TIMEOUT);

    leave();

    await expect.poll(() => cancel.cancelled).toBe(true);
    expect((cancel.reason as SwitchboardError).code).toBe('interrupted');
    end();
  });

  it('leaves a forward alone once it ended', async () => {
    const forwards = new OpenForwards();
    const { response } = await openResponse();
    const { cancel, end } = forwards.begin(response, 60_000, () => TIMEOUT);

    end();
    forwards.cancelAll('stopping');

    expect(cancel.cancelled).toBe(false);
  });
});
