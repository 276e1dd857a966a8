-- Re-checks of known imitation sites (store.WatchCheck, discover.watch):
-- each sweep that fetches a known imitation case's page again records
-- whether it is still online, changed, gone, or could not be told. At most
-- store.MaxWatchChecks rows are kept per case (the oldest are deleted as
-- new ones are inserted).
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up
CREATE TABLE watch_checks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES cases (id),
    sweep_id    bigint NOT NULL DEFAULT 0,
    at          timestamptz NOT NULL,
    url         text NOT NULL DEFAULT '' CHECK (length(url) <= 4096),
    state       text NOT NULL CHECK (state IN ('online', 'changed', 'gone', 'failed')),
    status      integer NOT NULL DEFAULT 0,
    content_key text NOT NULL DEFAULT '',
    detail      text NOT NULL DEFAULT '' CHECK (length(detail) <= 500)
);
CREATE INDEX watch_checks_case ON watch_checks (case_id, id);

-- +goose Down
DROP TABLE watch_checks;
