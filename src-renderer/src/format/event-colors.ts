/**
 * Stable colours per `message.type`, used for the badge, the timeline dot and charts. Events that
 * steer the call get strong hues; informational ones are muted. Each entry is a hue in degrees.
 */
const STEERING_HUES: Record<string, number> = {
  'assistant-request': 270,
  'tool-calls': 215,
  'transfer-destination-request': 25,
  'handoff-destination-request': 330,
  'knowledge-base-request': 175,
  'call.endpointing.request': 195,
  'voice-request': 295,
  'campaign.predial': 45,
};

const INFORMATIONAL_HUES: Record<string, number> = {
  'status-update': 145,
  transcript: 205,
  'conversation-update': 235,
  'speech-update': 190,
  'end-of-call-report': 160,
  'model-output': 255,
  'user-interrupted': 10,
  hang: 40,
  'transfer-update': 20,
};

export interface EventColor {
  hue: number;
  /** True for events whose reply steers the call. */
  steering: boolean;
}

/** Returns the colour of an event type. Unknown types get a muted hue derived from their name. */
export function eventColor(type: string | null): EventColor {
  if (type === null) return { hue: 0, steering: false };

  const steering = STEERING_HUES[type];
  if (steering !== undefined) return { hue: steering, steering: true };

  const informational = INFORMATIONAL_HUES[type];
  if (informational !== undefined) return { hue: informational, steering: false };

  let hash = 0;
  for (const char of type) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return { hue: hash, steering: false };
}

/** Vapi's deadline for a reply to one event type, in milliseconds. */
export function deadlineFor(type: string | null): number {
  return type === 'assistant-request' ? 7_500 : 20_000;
}
