-- Schedule slots claimed by serve processes: several `certwatch serve`
-- processes over one database each run the schedule, and the first to
-- insert (job, slot) runs that occurrence; the others skip it. Rows older
-- than 90 days are removed as new ones are claimed.
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up
CREATE TABLE schedule_runs (
    job        text NOT NULL,
    slot       timestamptz NOT NULL,
    claimed_by text NOT NULL DEFAULT '',
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, slot)
);

-- +goose Down
DROP TABLE schedule_runs;
