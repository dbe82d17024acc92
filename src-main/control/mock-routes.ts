import type { IncomingMessage } from 'node:http';
import type { MockRule, MockRuleProblem, MockRuleRecord } from '../contract/mocks';
import type { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';
import { describeMatch } from '../core/mocks/definitions/describe-rule';
import { checkRule, parseRule, parseRuleFile } from '../core/mocks/definitions/parse-rules';
import { RULE_EXAMPLES } from '../core/mocks/definitions/rule-examples';
import { coversMatch } from '../core/mocks/definitions/shadowed-rules';
import { ruleFromExchange } from '../core/mocks/definitions/rule-from-exchange';

/** Returned by `routeMocks` when the path is not a mock rule route. */
export const NOT_A_MOCKS_ROUTE = Symbol('not a mocks route');

/** Largest request body the mock routes read; a rule file with full assistants can be large. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The mock rule routes under `/api/mocks`:
 * GET list, POST create `{rule, position?}`, PUT `/:id` `{rule}`, PATCH `/:id` `{enabled?, position?}`,
 * DELETE `/:id`, POST `/validate` `{rule, id?}` (id: the stored rule being edited), POST `/import` `{file, replace?}`, GET `/export`,
 * GET `/examples`, POST `/draft-from-exchange/:id?tool=NAME`.
 */
export async function routeMocks(request: IncomingMessage, url: URL, engine: Engine): Promise<unknown> {
  const method = request.method ?? 'GET';
  const path = url.pathname;

  if (path !== '/api/mocks' && !path.startsWith('/api/mocks/')) {
    return NOT_A_MOCKS_ROUTE;
  }

  const store = engine.mockRules;
  const idMatch = /^\/api\/mocks\/(\d+)$/.exec(path);
  const draftMatch = /^\/api\/mocks\/draft-from-exchange\/(\d+)$/.exec(path);

  if (path === '/api/mocks' && method === 'GET') {
    return store.list();
  }

  if (path === '/api/mocks' && method === 'POST') {
    const body = await readObject(request);
    return store.create(parseRule(body.rule), optionalPosition(body.position));
  }

  if (path === '/api/mocks/validate' && method === 'POST') {
    const body = await readObject(request);
    const checked = checkRule(body.rule, null);
    const problems: MockRuleProblem[] = checked.problems;

    if (checked.rule === null) {
      return { problems, description: null, shadowedBy: null };
    }

    return { problems, description: describeMatch(checked.rule), shadowedBy: shadowingRuleFor(checked.rule, body.id, store.list()) };
  }

  if (path === '/api/mocks/import' && method === 'POST') {
    const body = await readObject(request);
    const rules = parseRuleFile(JSON.stringify(body.file ?? null), 'the imported file');
    return store.importRules(rules, { replace: body.replace === true });
  }

  if (path === '/api/mocks/export' && method === 'GET') {
    return { rules: store.list().map((record) => record.rule) };
  }

  if (path === '/api/mocks/examples' && method === 'GET') {
    return RULE_EXAMPLES;
  }

  if (draftMatch !== null && method === 'POST') {
    const id = Number(draftMatch[1]);
    const exchange = engine.store.detail(id);

    if (exchange === undefined) {
      throw new SwitchboardError('exchange_not_found', `No exchange has id ${id}.`);
    }

    const taken = new Set(store.list().map((record) => record.rule.name));
    return ruleFromExchange(exchange, taken, url.searchParams.get('tool') ?? undefined);
  }

  if (idMatch !== null) {
    return routeOneRule(request, engine, Number(idMatch[1]), method);
  }

  throw new SwitchboardError('not_found', `No API route ${method} ${path}.`);
}

async function routeOneRule(request: IncomingMessage, engine: Engine, id: number, method: string): Promise<unknown> {
  const store = engine.mockRules;

  if (method === 'GET') {
    return store.get(id);
  }

  if (method === 'PUT') {
    return store.update(id, parseRule((await readObject(request)).rule));
  }

  if (method === 'PATCH') {
    const body = await readObject(request);
    let record = store.get(id);

    if (body.enabled !== undefined) {
      if (typeof body.enabled !== 'boolean') {
        throw new SwitchboardError('invalid_request', `"enabled" must be true or false, not ${JSON.stringify(body.enabled)}.`);
      }

      record = store.setEnabled(id, body.enabled);
    }

    const position = optionalPosition(body.position);
    return position === undefined ? record : store.move(id, position);
  }

  if (method === 'DELETE') {
    store.remove(id);
    return { deleted: id };
  }

  throw new SwitchboardError('not_found', `No API route ${method} /api/mocks/${id}.`);
}

/**
 * The 1-based number of the stored rule that would match before `rule`: a rule being edited keeps
 * its place, and a new rule goes last. Null when none covers it.
 */
function shadowingRuleFor(rule: MockRule, id: unknown, records: MockRuleRecord[]): number | null {
  const place = records.findIndex((record) => record.id === id);
  const before = place === -1 ? records : records.slice(0, place);
  const index = before.findIndex((record) => record.rule.mode !== 'off' && coversMatch(record.rule.match, rule.match));
  return index === -1 ? null : index + 1;
}

function optionalPosition(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }

  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SwitchboardError('invalid_request', `"position" must be a whole number from 0, not ${JSON.stringify(value)}.`);
  }

  return value;
}

async function readObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    size += (chunk as Buffer).length;

    if (size > MAX_BODY_BYTES) {
      throw new SwitchboardError('invalid_request', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB. Split the rule file into smaller imports.`);
    }

    chunks.push(chunk as Buffer);
  }

  let parsed: unknown;

  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new SwitchboardError('invalid_request', 'The request body is not valid JSON.');
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SwitchboardError('invalid_request', 'The request body must be a JSON object, such as {"rule": {...}}.');
  }

  return parsed as Record<string, unknown>;
}
