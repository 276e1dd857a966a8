-- Per-source page caps of a sweep, shared by every worker: cap is the
-- source's max_pages (the most frontier URLs its pages may add in one
-- sweep), added how many they added so far. The transaction that adds a
-- page's links locks the row of the links' source, adds at most
-- cap - added new URLs and raises added by what it really inserted, so the
-- cap holds across all workers together (pgstore/sourcecaps_pg.go). A
-- source without a row is not capped. Rows go with their sweep.
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up
CREATE TABLE source_caps (
    sweep_id  bigint NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    source_id text NOT NULL,
    cap       integer NOT NULL CHECK (cap >= 0),
    added     integer NOT NULL DEFAULT 0 CHECK (added >= 0),
    PRIMARY KEY (sweep_id, source_id)
);

-- +goose Down
DROP TABLE source_caps;
