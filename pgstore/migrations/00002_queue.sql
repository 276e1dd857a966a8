-- The review queue (issue 13): indexes for each order the queue sorts by,
-- within a status tab (the usual view) and over all statuses, for the
-- source filter and its list of values, and the saved filters of each
-- user. The queue reads the compact columns of cases (never finding), so
-- the table itself is the index rows; every writer of a case already sets
-- them (host, department, suggested_route, channel).

-- +goose Up
CREATE INDEX cases_status_score ON cases (status, score DESC, id);
CREATE INDEX cases_status_first_seen ON cases (status, first_seen DESC, id);
CREATE INDEX cases_status_last_seen ON cases (status, last_seen DESC, id);
CREATE INDEX cases_status_host ON cases (status, host COLLATE "C", id);
CREATE INDEX cases_host_c ON cases (host COLLATE "C", id);
CREATE INDEX cases_source ON cases (source_id);

-- A user's named queue query (store.SavedFilter): at most 50 a user,
-- enforced by SaveFilter under a per-user advisory lock.
CREATE TABLE saved_filters (
    username text NOT NULL,
    name     text NOT NULL CHECK (name <> '' AND char_length(name) <= 64),
    query    text NOT NULL CHECK (octet_length(query) <= 2000),
    created  timestamptz NOT NULL,
    PRIMARY KEY (username, name)
);

-- +goose Down
DROP TABLE saved_filters;
DROP INDEX cases_status_score, cases_status_first_seen, cases_status_last_seen, cases_status_host,
    cases_host_c, cases_source;
