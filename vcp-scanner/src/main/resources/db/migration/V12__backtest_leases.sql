-- A running backtest is held under a lease as scans are (db/Leases, which also holds V11's scan leases): when its
-- replica dies, the lease runs out and any replica marks it FAILED instead of leaving it RUNNING for ever.
ALTER TABLE backtests ADD COLUMN owner text, ADD COLUMN lease_until timestamptz;
UPDATE backtests SET status = 'FAILED', finished_at = coalesce(finished_at, now()),
    error = coalesce(error, 'still running when leases were introduced: its replica is gone')
    WHERE status = 'RUNNING';
