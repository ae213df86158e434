-- KOSPI and KOSDAQ index levels by day, where a user imports pykrx's index export (POST /market-data/indices/{market}):
-- index_update on market:kospi / market:kosdaq, and the market gate's index part.
CREATE TABLE index_bars (
    market      varchar(6)        NOT NULL CHECK (market IN ('KOSPI', 'KOSDAQ')),
    trade_date  date              NOT NULL,
    open        double precision  NOT NULL,
    high        double precision  NOT NULL,
    low         double precision  NOT NULL,
    close       double precision  NOT NULL,
    volume      bigint            NOT NULL,
    PRIMARY KEY (market, trade_date)
);
