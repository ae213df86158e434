-- Net buying in KRW per investor group and day, as pykrx's get_market_trading_value_by_date writes it.
CREATE TABLE investor_flows (
    ticker       varchar(6) NOT NULL,
    trade_date   date       NOT NULL,
    institution  bigint     NOT NULL,
    other_corp   bigint     NOT NULL,
    individual   bigint     NOT NULL,
    foreign_net  bigint     NOT NULL,
    total        bigint     NOT NULL,
    PRIMARY KEY (ticker, trade_date)
);
