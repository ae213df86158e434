-- Transactional outbox: an event is written in the same transaction as the signals it announces, and a relay
-- publishes it to Kafka after commit. Ids are taken under a lock (see OutboxRepository), so id order is commit order.
CREATE TABLE outbox (
    id            bigserial    PRIMARY KEY,
    event_id      uuid         NOT NULL UNIQUE,
    topic         text         NOT NULL,
    record_key    text         NOT NULL,
    payload       text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    published_at  timestamptz,
    attempts      integer      NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- One row per scheduled run: the first replica to claim a slot runs it, every other one skips it.
CREATE TABLE scheduled_runs (
    slot        timestamptz  PRIMARY KEY,
    claimed_by  text         NOT NULL,
    claimed_at  timestamptz  NOT NULL DEFAULT now(),
    scan_ids    uuid[]
);

ALTER TABLE scans ADD COLUMN event_id uuid;
