-- Notice tracking (issue 13): what happened to a sent notice — delivery,
-- receipt, the platform's reply (store.NoticeTrack) — the deadline
-- reminders sent about it, and the notices drafted from it when its
-- listings stayed online (second notices, referrals to the police).
--
-- Never edit a migration that has shipped: add the next file.

-- +goose Up

-- Follow-ups recorded on a notice (store.TrackEvent), in order.
CREATE TABLE notice_track_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id bigint NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    kind      text NOT NULL CHECK (kind IN ('delivery', 'receipt', 'reply')),
    at        timestamptz NOT NULL,
    channel   text NOT NULL DEFAULT '',
    text      text NOT NULL DEFAULT '',
    actor     text NOT NULL,
    recorded  timestamptz NOT NULL
);
CREATE INDEX notice_track_events_notice ON notice_track_events (notice_id, id);

-- Deadline reminders, one per notice, kind and deadline: the primary key
-- is what keeps a reminder from being sent twice by two processes (the
-- second insert finds the row and queues nothing).
CREATE TABLE notice_reminders (
    notice_id  bigint NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
    deadline   timestamptz NOT NULL,
    at         timestamptz NOT NULL,
    message_id bigint REFERENCES outbox (id),
    PRIMARY KEY (notice_id, kind, deadline)
);

-- Escalations: notice to_notice drafted from from_notice, at most one of
-- each kind per notice.
CREATE TABLE notice_escalations (
    from_notice bigint NOT NULL REFERENCES notices (id),
    to_notice   bigint NOT NULL UNIQUE REFERENCES notices (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('second_notice', 'referral')),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    PRIMARY KEY (from_notice, kind)
);

-- +goose Down
DROP TABLE notice_escalations, notice_reminders, notice_track_events;
