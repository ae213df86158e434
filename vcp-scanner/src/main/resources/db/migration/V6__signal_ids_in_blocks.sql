-- Signal ids are taken 100 at a time (SignalEntity), so a scan's signals are inserted in one batch.
ALTER SEQUENCE signals_id_seq INCREMENT BY 100;
