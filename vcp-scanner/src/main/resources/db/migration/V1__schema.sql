-- Stock master: one row per listed ticker.
CREATE TABLE stocks (
    ticker  varchar(6)  PRIMARY KEY CHECK (ticker ~ '^[0-9A-Z]{6}$'),
    name    text        NOT NULL,
    market  varchar(6)  NOT NULL CHECK (market IN ('KOSPI', 'KOSDAQ'))
);

-- Daily bars in KRW. A trading halt is kept as a row (halted, no prices) so the analysis can see the gap.
CREATE TABLE daily_bars (
    ticker      varchar(6) NOT NULL,
    trade_date  date       NOT NULL,
    open        integer,
    high        integer,
    low         integer,
    close       integer    NOT NULL CHECK (close > 0),
    volume      bigint     NOT NULL CHECK (volume >= 0),
    halted      boolean    NOT NULL DEFAULT false,
    PRIMARY KEY (ticker, trade_date),
    CHECK (halted OR (open > 0 AND high >= low AND low > 0))
);

-- One row per scan, whatever triggered it and however it ended.
CREATE TABLE scans (
    id              uuid         PRIMARY KEY,
    trigger         varchar(16)  NOT NULL,
    market          varchar(6)   NOT NULL,
    top_n           integer      NOT NULL,
    min_score       integer      NOT NULL,
    as_of           date,
    signal_date     date,
    status          varchar(16)  NOT NULL,
    started_at      timestamptz  NOT NULL,
    finished_at     timestamptz,
    universe_count  integer,
    analysed_count  integer,
    signal_count    integer,
    error           text
);

-- The current signals: one per trading day and ticker. A re-scan of a day replaces that day's rows.
CREATE TABLE signals (
    id             bigserial    PRIMARY KEY,
    scan_id        uuid         NOT NULL REFERENCES scans (id),
    signal_date    date         NOT NULL,
    ticker         varchar(6)   NOT NULL,
    market         varchar(6)   NOT NULL,
    name           text         NOT NULL,
    signal_type    varchar(8)   NOT NULL,
    score          integer      NOT NULL CHECK (score BETWEEN 0 AND 10),
    grade          varchar(1)   NOT NULL CHECK (grade IN ('S', 'A', 'B', 'C')),
    entry_price    bigint       NOT NULL,
    target_price   bigint       NOT NULL,
    stop_loss      bigint       NOT NULL,
    position_size  bigint       NOT NULL,
    reasons        text[]       NOT NULL,
    created_at     timestamp    NOT NULL,
    CONSTRAINT signals_date_ticker UNIQUE (signal_date, ticker)
);
CREATE INDEX signals_scan ON signals (scan_id);
