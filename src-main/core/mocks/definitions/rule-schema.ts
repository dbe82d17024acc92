import { z } from 'zod';

/** Maximum delay of a rule, in milliseconds; Vapi gives up on any request long before this. */
export const MAX_DELAY_MS = 60_000;

const conditionSchema = z
  .strictObject({
    pointer: z.string().regex(/^(\/.*)?$/, 'a JSON pointer starts with "/", such as "/message/call/id" ("" is the whole body)'),
    equals: z.unknown().optional(),
    contains: z.unknown().optional(),
    exists: z.boolean().optional(),
  })
  .refine((condition) => ['equals', 'contains', 'exists'].filter((key) => key in condition).length === 1, {
    message: 'give exactly one of "equals", "contains" or "exists" next to "pointer"',
  });

const matchSchema = z.strictObject({
  type: z.string().min(1, 'set the message.type to answer, such as "tool-calls" or "assistant-request"'),
  tool: z.string().min(1).optional(),
  phoneNumber: z.string().min(1).optional(),
  customerNumber: z.string().min(1).optional(),
  assistant: z.string().min(1).optional(),
  path: z.string().startsWith('/', 'a path starts with "/", such as "/vapi/webhook"').optional(),
  when: z.union([conditionSchema, z.array(conditionSchema).min(1)]).optional(),
});

const responseSchema = z.strictObject({
  status: z.number().int().min(100, 'an HTTP status is from 100 to 599').max(599, 'an HTTP status is from 100 to 599').optional(),
  headers: z.record(z.string().regex(/^[!#$%&'*+.^`|~\w-]+$/, 'a header name has no spaces or separators'), z.string()).optional(),
  body: z.unknown().optional(),
});

const delaySchema = z.number().int().min(0).max(MAX_DELAY_MS, `a delay is at most ${MAX_DELAY_MS} ms`);

const answerFields = {
  result: z.string().optional(),
  error: z.string().optional(),
  message: z.unknown().optional(),
  response: responseSchema.optional(),
  delayMs: delaySchema.optional(),
};

const answerSchema = z.strictObject(answerFields);

export const ruleSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the rule a name; it is recorded with every exchange the rule answers'),
  match: matchSchema,
  mode: z.enum(['always', 'fallback', 'off'], 'use "always", "fallback" or "off"'),
  ...answerFields,
  sequence: z.array(answerSchema).min(1, 'a sequence needs at least one answer').optional(),
  sequenceEnd: z.enum(['repeat-last', 'restart'], 'use "repeat-last" or "restart"').optional(),
});

export const ruleFileSchema = z.strictObject({
  rules: z.array(z.unknown(), 'the file needs a "rules" array, such as {"rules": [ ... ]}'),
});

