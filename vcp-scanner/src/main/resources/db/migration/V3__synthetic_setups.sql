-- Ground truth of the synthetic market: the VCP setups the generator planted, to measure the engine against.
CREATE TABLE synthetic_setups (
    seed        bigint      NOT NULL,
    ticker      varchar(6)  NOT NULL,
    pivot       integer     NOT NULL,
    last_low    integer     NOT NULL,
    depths      float8[]    NOT NULL,
    PRIMARY KEY (seed, ticker)
);
