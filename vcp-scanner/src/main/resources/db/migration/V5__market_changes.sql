-- Every change to the market data: one row per change, with the tickers it touched. Each scanner replica holds the
-- market in memory and, before it reads it, reloads the tickers changed since its copy (marketdata.HeldMarket).
-- PostgreSQL stays the source of truth.
CREATE TABLE market_changes (
    id          bigserial    PRIMARY KEY,
    -- NULL when not known (a write made outside the scanner, in psql): replicas then reload everything.
    tickers     varchar(6)[],
    changed_at  timestamptz  NOT NULL DEFAULT now()
);

-- The scanner's own writes (marketdata.BulkWriter) record the tickers they touch and set vcp.changes_recorded;
-- any other write to the market's tables is recorded here as touching everything. The function keeps the schema it
-- was created in, so writes made with any search_path are recorded too.
CREATE FUNCTION record_market_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF coalesce(current_setting('vcp.changes_recorded', true), '') <> 'on' THEN
        -- Held to commit, so ids follow commit order: a replica that has read up to id N never sees a lower id
        -- commit later. The key is db.AdvisoryLocks.MARKET_CHANGE.
        PERFORM pg_advisory_xact_lock(1447251972);
        INSERT INTO market_changes (tickers) VALUES (NULL);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stocks_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stocks
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER daily_bars_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON daily_bars
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
CREATE TRIGGER investor_flows_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON investor_flows
    FOR EACH STATEMENT EXECUTE FUNCTION record_market_change();
