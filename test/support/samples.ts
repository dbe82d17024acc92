import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES_DIR = join(__dirname, '..', 'fixtures', 'vapi-samples');

/** Names of the sample request bodies (the files that are Vapi envelopes, not replies). */
export function requestSampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.json') && !name.includes('.response'))
    .sort();
}

/** The exact bytes of one sample file. */
export function sampleBytes(name: string): Buffer {
  return readFileSync(join(SAMPLES_DIR, name));
}
