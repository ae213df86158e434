-- A running scan is owned by a live replica: the replica renews the scan's lease while it runs (scan/ScanLeases), and
-- a scan whose lease has run out (its replica died) blocks nothing and is marked FAILED by any replica.
ALTER TABLE scans ADD COLUMN owner text, ADD COLUMN lease_until timestamptz;
UPDATE scans SET status = 'FAILED', finished_at = coalesce(finished_at, now()),
    error = coalesce(error, 'still running when leases were introduced: its replica is gone')
    WHERE status = 'RUNNING';
CREATE INDEX scans_running ON scans (lease_until) WHERE status = 'RUNNING';

-- A scheduled run is claimed with a lease too: when its replica dies before the run is done, another one takes it over.
ALTER TABLE scheduled_runs ADD COLUMN lease_until timestamptz, ADD COLUMN finished_at timestamptz,
    ADD COLUMN attempts integer NOT NULL DEFAULT 1;
UPDATE scheduled_runs SET finished_at = claimed_at;
