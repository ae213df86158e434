-- Walk-forward backtests (POST /backtest): each stored with its request, and its report once done.
CREATE TABLE backtests (
    id           uuid         PRIMARY KEY,
    status       varchar(9)   NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    request      text         NOT NULL,
    days         integer      NOT NULL,
    report       text,
    error        text,
    started_at   timestamptz  NOT NULL,
    finished_at  timestamptz
);
