-- Full-text search and pivots (issue 13): the terms of store.SearchTerms,
-- one row per term and case, with the fields (title 1, URL 2, text 4) the
-- term occurred in; and the listing id of listing cases, for the listing
-- pivot. Hosts, contacts and body hashes are indexed already
-- (cases_host, case_contacts, snapshots_body).

-- +goose Up
CREATE TABLE search_terms (
    term    text NOT NULL,
    case_id bigint NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
    fields  smallint NOT NULL,
    PRIMARY KEY (term, case_id)
);
CREATE INDEX cases_listing_id ON cases ((substring(case_key from '^listing:[^:]*:(.*)$')))
    WHERE case_key LIKE 'listing:%';

-- +goose Down
DROP INDEX cases_listing_id;
DROP TABLE search_terms;
