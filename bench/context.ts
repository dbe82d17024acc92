/** Options and helpers every part of the benchmark gets from the runner. */
export interface BenchContext {
  /** Smaller counts and shorter runs, for a check that the benchmark works rather than for numbers. */
  quick: boolean;
  /** A temp folder for databases and logs, removed after the run unless kept. */
  workDir: string;
  /** Length of the recording throughput run, in seconds, per path. */
  throughputSeconds: number;
  /** Prints one progress line to stderr. */
  progress(line: string): void;
}
