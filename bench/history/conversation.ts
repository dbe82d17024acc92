/** Deterministic pseudo-random numbers (mulberry32), so every generated history is the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = (
  'Amara Bruno Celeste Dmitri Esme Farid Greta Hiroshi Ines Jonah Kalani Leonie Mateo Nadia Oskar Priya Quentin Rosa ' +
  'Soren Talia Umar Vera Wendell Ximena Yusuf Zora Anselm Beatrix Cyrus Delphine Emeka Freya Gideon Hana Ivo Juno'
).split(' ');
const LAST_NAMES = (
  'Abernathy Bellweather Castellanos Draxler Eriksen Fontaine Gallagher Hartmann Iwasaki Jablonski Kowalczyk Lindqvist ' +
  'Marchetti Nakamura Okonkwo Petrakis Quintero Rasmussen Szabo Takahashi Underwood Valdivia Whitcombe Xiong Yamamoto Zielinski'
).split(' ');
const DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const TIMES = 'six o\'clock|half past six|seven|seven thirty|a quarter to eight|eight fifteen|nine'.split('|');
const SPOTS = 'window|terrace|fireplace|bar|garden|quiet corner'.split('|');
const OCCASIONS = 'a birthday|an anniversary|a work dinner|a graduation|just a night out'.split('|');
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export interface Conversation {
  customerName: string;
  customerNumber: string;
  /** Lines in speaking order, alternating assistant and customer, the assistant first. */
  lines: string[];
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** Writes a booking call in the style of the Vapi samples, varied enough that phrases rarely repeat across calls. */
export function bookingConversation(random: () => number): Conversation {
  const customerName = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  const partySize = 2 + Math.floor(random() * 7);
  const day = pick(random, DAYS);
  const time = pick(random, TIMES);
  const code = Array.from({ length: 3 }, () => pick(random, [...CODE_LETTERS])).join('') + String(1000 + Math.floor(random() * 9000));

  return {
    customerName,
    customerNumber: `+1555${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
    lines: [
      'Thanks for calling Harbor Bistro, this is the booking assistant. How can I help?',
      `Hi, this is ${customerName}. Do you have a table for ${partySize} on ${day} evening?`,
      `Let me check ${day} for ${partySize} people. Is this for a special occasion?`,
      `Yes, it is ${pick(random, OCCASIONS)}, and we would love to sit by the ${pick(random, SPOTS)} if possible.`,
      `I have ${pick(random, TIMES)}, ${time} or ${pick(random, TIMES)} on ${day}. Which works best?`,
      `${time} works, thank you. Could you note that one guest needs a high chair?`,
      `Done. You are booked for ${partySize} on ${day} at ${time}. Your confirmation code is ${code}.`,
      'Perfect, that is everything. Thanks for your help.',
      `You are welcome, ${customerName.split(' ')[0] as string}. See you on ${day}. Goodbye!`,
    ],
  };
}
