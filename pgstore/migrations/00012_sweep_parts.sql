-- Each worker's part of the statistics of a sweep many workers share
-- (pgstore/sweepparts_pg.go): a worker saves its cumulative counts every
-- few seconds and at the end (final); the worker that finishes the sweep
-- merges every part into the sweep's stats, and a worker that leaves a
-- finished sweep merges them again. A part not final and not saved for
-- stale_after belongs to a worker that died: its counts since its last
-- save are lost and the merged summary says so (partial). Rows go with
-- their sweep.
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up
CREATE TABLE sweep_parts (
    sweep_id    bigint NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    part        text NOT NULL,
    stats       json NOT NULL,
    final       boolean NOT NULL DEFAULT false,
    saved_at    timestamptz NOT NULL,
    stale_after interval NOT NULL,
    PRIMARY KEY (sweep_id, part)
);

-- +goose Down
DROP TABLE sweep_parts;
