import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much nicer than its process the recording thread runs; Linux nice values end at 19. */
const NICE_INCREMENT = 10;
const MAX_NICE = 19;

/**
 * Lowers the calling thread's CPU priority on Linux, where each thread has its own nice value, so
 * under load the forwarding thread and the developer's server get the CPU first and recording
 * catches up when it is free. Elsewhere the priority applies to the whole process, so it is left
 * alone. Returns false when the priority could not be changed.
 */
export function lowerThreadPriority(): boolean {
  if (process.platform !== 'linux') {
    return false;
  }

  try {
    const threadId = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
    setPriority(threadId, Math.min(MAX_NICE, getPriority(threadId) + NICE_INCREMENT));
    return true;
  } catch {
    // A container may forbid the change; recording then runs at normal priority.
    return false;
  }
}
