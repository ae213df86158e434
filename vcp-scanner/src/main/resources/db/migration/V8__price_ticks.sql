-- The latest intraday tick of each stock, from POST /market-data/ticks (a broker feed adapter). A bars import's
-- closes are not stored here: the bars are the source of those, and the newer of the two is a stock's price.
CREATE TABLE price_ticks (
    ticker       text              PRIMARY KEY,
    price        bigint            NOT NULL,
    change       bigint            NOT NULL,
    change_rate  double precision  NOT NULL,
    volume       bigint            NOT NULL,
    traded_at    timestamp         NOT NULL  -- Korean local time
);
