-- Every change to the market data, whoever made it (an import, the generator, a fix by hand): one row per
-- statement, with the tickers it touched. Each scanner replica holds the market in memory and, before it reads
-- it, reloads the tickers changed since its copy (marketdata.HeldMarket). PostgreSQL stays the source of truth.
CREATE TABLE market_changes (
    id          bigserial    PRIMARY KEY,
    tickers     varchar(6)[] NOT NULL,
    changed_at  timestamptz  NOT NULL DEFAULT now()
);

-- The function keeps the schema it was created in, so writes made with any search_path (psql) are recorded too.
CREATE FUNCTION record_market_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        -- Held to commit, so ids follow commit order: a replica that has read up to id N never sees a lower id
        -- commit later. The key is db.AdvisoryLocks.MARKET_CHANGE.
        PERFORM pg_advisory_xact_lock(1447251972);
        INSERT INTO market_changes (tickers) SELECT array_agg(ticker) FROM (SELECT DISTINCT ticker FROM changed) t;
        PERFORM pg_notify('vcp_market_changed', currval('market_changes_id_seq')::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stocks_inserted AFTER INSERT ON stocks REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER stocks_updated AFTER UPDATE ON stocks REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER stocks_deleted AFTER DELETE ON stocks REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER daily_bars_inserted AFTER INSERT ON daily_bars REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER daily_bars_updated AFTER UPDATE ON daily_bars REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER daily_bars_deleted AFTER DELETE ON daily_bars REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER investor_flows_inserted AFTER INSERT ON investor_flows REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER investor_flows_updated AFTER UPDATE ON investor_flows REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER investor_flows_deleted AFTER DELETE ON investor_flows REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
