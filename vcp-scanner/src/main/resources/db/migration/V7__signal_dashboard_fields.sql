-- What the dashboard's VCP page reads besides the VCP push's fields (contract.md, "The whole dashboard").
-- Null in signals stored before this migration; foreign_5d and inst_5d also where no investor flows were imported.
ALTER TABLE signals
    ADD COLUMN current_price     bigint,
    ADD COLUMN contraction_ratio double precision,
    ADD COLUMN foreign_5d        bigint,
    ADD COLUMN inst_5d           bigint;
