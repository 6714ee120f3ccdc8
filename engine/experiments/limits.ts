/**
 * Limits of an experiment, shared by the design form (the renderer) and the services that accept
 * a request, so both refuse the same thing.
 */

/** The most runs one experiment may hold, replications included (a typo like "1-100000" or a huge
 * replication count must be refused, not written to the store and queued). */
export const MAX_RUNS_PER_EXPERIMENT = 20_000
