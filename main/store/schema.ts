/**
 * The run store's schema and its migrations. Each migration moves `PRAGMA user_version` from its
 * index to index + 1; all pending ones run in one transaction (see `open-database.ts`).
 */

/** `PRAGMA application_id` of every run store and archive: ASCII 'LROL'. */
export const APPLICATION_ID = 0x4c524f4c

/** One schema step: SQL run with `db.exec` inside the migration transaction. */
export interface Migration {
  /** What the step adds, for the backup log and error messages. */
  description: string
  sql: string
}

const RUN_STATUS_CHECK = `status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')`

/**
 * Version 1. STRICT tables so a crafted archive cannot smuggle a text into a numeric column.
 * Tags are normalised tables (filterable by an indexed equality in SQL); the time series is one
 * Float64 blob per series (docs/BENCHMARKS.md, "Store", has the measurement behind that choice).
 */
const VERSION_1 = `
CREATE TABLE experiments (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  preset TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX experiments_by_created ON experiments (created_ms);

CREATE TABLE experiment_tags (
  experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, tag)
) STRICT;
CREATE INDEX experiment_tags_by_tag ON experiment_tags (tag);

CREATE TABLE runs (
  id TEXT PRIMARY KEY NOT NULL,
  experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  spec_json TEXT NOT NULL CHECK (json_valid(spec_json)),
  config TEXT NOT NULL,
  env TEXT NOT NULL,
  mtu INTEGER NOT NULL,
  message_size INTEGER NOT NULL,
  jbb TEXT NOT NULL,
  seed INTEGER NOT NULL,
  param_set_name TEXT NOT NULL,
  param_set_hash TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (${RUN_STATUS_CHECK}),
  progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  error TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  started_ms INTEGER,
  finished_ms INTEGER,
  wall_ms REAL
) STRICT;
-- Each list index ends with the list's tie-break (created_ms, experiment_id, ordinal), so a
-- filtered or sorted first page is read straight off the index without sorting every run.
CREATE INDEX runs_by_experiment ON runs (experiment_id, ordinal);
CREATE INDEX runs_by_created ON runs (created_ms, experiment_id, ordinal);
CREATE INDEX runs_by_config ON runs (config, created_ms, experiment_id, ordinal);
CREATE INDEX runs_by_mtu ON runs (mtu, created_ms, experiment_id, ordinal);
CREATE INDEX runs_by_message_size ON runs (message_size, created_ms, experiment_id, ordinal);
CREATE INDEX runs_by_status ON runs (status, created_ms, experiment_id, ordinal);
-- Covers the common filter combinations, so counting a filtered list never reads run rows.
CREATE INDEX runs_by_point ON runs (config, mtu, message_size, status);
-- Few runs carry notes: text search reads only those instead of every (wide) run row.
CREATE INDEX runs_with_notes ON runs (id, notes) WHERE notes <> '';

CREATE TABLE run_tags (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, tag)
) STRICT;
CREATE INDEX run_tags_by_tag ON run_tags (tag);

CREATE TABLE results (
  run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  throughput_mbps REAL NOT NULL,
  throughput_ci95 REAL,
  lro_rate REAL,
  lro_rates_json TEXT NOT NULL CHECK (json_valid(lro_rates_json)),
  clk REAL NOT NULL,
  inst REAL NOT NULL,
  specjbb_score REAL,
  cpu_json TEXT NOT NULL CHECK (json_valid(cpu_json)),
  stages_json TEXT NOT NULL CHECK (json_valid(stages_json)),
  counters_json TEXT NOT NULL CHECK (json_valid(counters_json)),
  events INTEGER NOT NULL,
  sim_seconds REAL NOT NULL,
  stopped_early INTEGER NOT NULL CHECK (stopped_early IN (0, 1)),
  series_interval_s REAL NOT NULL,
  sample_count INTEGER NOT NULL
) STRICT;
CREATE INDEX results_by_throughput ON results (throughput_mbps);
CREATE INDEX results_by_lro_rate ON results (lro_rate);
CREATE INDEX results_by_clk ON results (clk);

CREATE TABLE run_series (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  samples BLOB NOT NULL,
  PRIMARY KEY (run_id, name)
) STRICT;

CREATE TABLE parameter_sets (
  name TEXT PRIMARY KEY NOT NULL,
  values_json TEXT NOT NULL CHECK (json_valid(values_json)),
  provenance_json TEXT NOT NULL CHECK (json_valid(provenance_json)),
  created_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE comparison_views (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  run_ids_json TEXT NOT NULL CHECK (json_valid(run_ids_json)),
  baseline_run_id TEXT,
  options_json TEXT NOT NULL CHECK (json_valid(options_json)),
  created_ms INTEGER NOT NULL
) STRICT;
`

/** What bound each run (engine/results/run-bounds.ts); NULL for runs stored before it existed. */
const VERSION_2 = `
ALTER TABLE results ADD COLUMN bounds_json TEXT CHECK (bounds_json IS NULL OR json_valid(bounds_json));
`

/**
 * The analysis an experiment's runs were planned for (a sensitivity request), so its indices can be
 * computed again from the stored runs; NULL for a plain grid.
 */
const VERSION_3 = `
ALTER TABLE experiments ADD COLUMN analysis_json TEXT CHECK (analysis_json IS NULL OR json_valid(analysis_json));
`

/** Every migration, in order; `MIGRATIONS[n]` takes user_version n to n + 1. */
export const MIGRATIONS: readonly Migration[] = [
  { description: 'initial schema', sql: VERSION_1 },
  { description: 'what bound each run', sql: VERSION_2 },
  { description: 'the analysis of an experiment', sql: VERSION_3 },
]

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Tables an archive carries, parents before children (the order rows are merged in). */
export const ARCHIVED_TABLES = [
  'experiments',
  'experiment_tags',
  'runs',
  'run_tags',
  'results',
  'run_series',
  'parameter_sets',
  'comparison_views',
] as const
