-- Duplicates merged into a primary case (store.MergedCase): a merged case
-- leaves the queue and is decided through its primary; unmerging deletes
-- its row. One level only: the backend refuses chains (a primary merged,
-- a merged case used as a primary) under the cases' row locks.
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up
CREATE TABLE case_merges (
    case_id    bigint PRIMARY KEY REFERENCES cases (id),
    primary_id bigint NOT NULL REFERENCES cases (id),
    merged_by  text NOT NULL,
    merged_at  timestamptz NOT NULL,
    note       text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    CHECK (primary_id <> case_id)
);
CREATE INDEX case_merges_primary ON case_merges (primary_id, case_id);

-- +goose Down
DROP TABLE case_merges;
