package kr.vcp.scanner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import kr.vcp.model.MarketScope;

/** Everything a scan is tuned by ({@code vcp.*} in application.properties or {@code VCP_*} in the environment). */
@ConfigMapping(prefix = "vcp")
public interface ScannerConfig {

    Scan scan();

    Universe universe();

    Risk risk();

    Track track();

    Outbox outbox();

    Schedule schedule();

    Market market();

    Security security();

    interface Security {
        /**
         * The key every write (scans, imports, the generator) sends in {@code X-API-Key}
         * ({@code VCP_WRITE_API_KEY}); while unset, writes are refused. Reading needs none.
         */
        java.util.Optional<String> writeApiKey();

        /** Wrong write keys one client address may send in a window before all its writes are refused (429). */
        @WithDefault("10")
        int maxFailedAttempts();

        /** The window wrong keys are counted in, and how long a client that sent too many stays refused at most. */
        @WithDefault("1m")
        Duration failedAttemptsWindow();
    }

    /**
     * The dataset this scanner serves, which is also the PostgreSQL schema all its tables live in: {@code krx}, the
     * real listings, or {@code synthetic}, the generator's market for development, demos and benchmarks. A scanner
     * never reads another dataset, so generated listings never join a real universe; the synthetic one is dropped
     * whole with {@code DROP SCHEMA synthetic CASCADE}. Set with {@code VCP_DATASET} (application.properties passes
     * it to Flyway and both connection pools).
     */
    @WithDefault("krx")
    Dataset dataset();

    enum Dataset {
        KRX, SYNTHETIC;

        public String schema() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    interface Market {
        /**
         * When more tickers than this changed since a replica's copy of the market, it reloads the whole market
         * (one pass over the tables) instead of looking each of them up.
         */
        @WithDefault("1000")
        int fullReloadTickers();
    }

    interface Schedule {
        /**
         * When the scheduled scan runs, a Quartz cron in Asia/Seoul time; {@code off} switches it off. Default:
         * weekdays 15:40, ten minutes after the KRX close. Read by {@code @Scheduled}, listed here for the docs.
         */
        @WithDefault("0 40 15 ? * MON-FRI")
        String cron();

        /** The scopes scanned on each run, one scan each, in this order. */
        @WithDefault("ALL")
        List<MarketScope> markets();

        /** top_n of a scheduled scan. */
        @WithDefault("20")
        int topN();

        /** min_score of a scheduled scan. */
        @WithDefault("7")
        int minScore();

        /**
         * How often a replica looks again at a slot another replica has claimed, to take the run over when that
         * replica's lease runs out; a scan refused because another of its markets runs is tried again as often.
         * Either way, until the slot has passed (the next fire time).
         */
        @WithDefault("1s")
        Duration retryEvery();
    }

    interface Outbox {
        /** Events published per relay transaction. */
        @WithDefault("100")
        int batchSize();

        /** The relay runs after every commit; this poll only picks up what a replica that died left behind. */
        @WithDefault("5s")
        Duration pollInterval();

        /** How long one send may wait for the broker's acknowledgement before it counts as failed. */
        @WithDefault("20s")
        Duration sendTimeout();

        /** First retry delay after Kafka failed to acknowledge; doubled on every further failure. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest retry delay while Kafka stays unreachable. */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * How often the compaction of the price and market feeds is tried again until it is in place (FeedTopics):
         * the broker may be down or slow when the scanner starts.
         */
        @WithDefault("30s")
        Duration topicsRetry();

        /**
         * A compacted feed's segment rolls after this long: only closed segments are compacted, so a restarted
         * gateway reads at most about this much of each feed beyond one record per key.
         */
        @WithDefault("1h")
        Duration feedSegment();
    }

    interface Scan {
        /** top_n of a request that omits it: a page of signals a trader reads at a glance. */
        @WithDefault("20")
        int defaultTopN();

        /** min_score of a request that omits it: 7 keeps stocks meeting at least 6 of the 8 trend criteria. */
        @WithDefault("7")
        int defaultMinScore();

        /** Calendar days of bars read per stock: 52 weeks plus a 200-day average a month old need ~330 trading days. */
        @WithDefault("480")
        int lookbackDays();

        /**
         * A running scan's lease: its replica renews it every {@code lease-renewal}; a scan whose lease has run out
         * (its replica died) no longer blocks others and is marked FAILED. Also the lease of a scheduled run's claim.
         */
        @WithDefault("6s")
        Duration lease();

        /** How often a replica renews the leases of what it runs, and marks scans with a lapsed lease FAILED. */
        @WithDefault("2s")
        Duration leaseRenewal();
    }

    interface Universe {
        /** Cheaper stocks are left out: penny stocks move on noise, not on supply and demand (KRW). */
        @WithDefault("1000")
        long minPrice();

        /** Trading days a stock needs: a 200-day average and its value a month earlier. */
        @WithDefault("230")
        int minBars();

        /** A position must be enterable and exitable: 20-day average traded value at least this (KRW, 5억). */
        @WithDefault("500000000")
        long minTradedValue();

        /** Days the traded value is averaged over. */
        @WithDefault("20")
        int liquidityBars();

        /** Minervini's criterion 8: relative strength rating at least this (1..99). */
        @WithDefault("70")
        int minRsRating();

        /** Trend-template criteria of eight a signal needs; Minervini asks for all eight. */
        @WithDefault("8")
        int minTrendCriteria();
    }

    Vcp vcp();

    Flows flows();

    @io.smallrye.config.WithName("import")
    Import importing();

    interface Import {
        /** {@code POST /market-data/import-directory} reads only below this folder of the scanner's machine. */
        @WithDefault(".")
        String directoryRoot();

        /**
         * Largest upload or folder read in one import, uncompressed (bytes), checked while reading; the whole of KRX
         * is ~100 MB. One bulk import runs at a time per replica, so this bounds what an import holds in memory.
         */
        @WithDefault("268435456")
        long maxBytes();

        /** Largest file of an upload or folder (bytes): twenty years of one listing's daily bars are under 1 MB. */
        @WithDefault("16777216")
        long maxFileBytes();
    }

    interface Flows {
        /** Foreigners or institutions "turned buyers": net buying over these last days ... */
        @WithDefault("5")
        int recentDays();

        /** ... after no net buying over these days before them. Each group that turned adds half a point. */
        @WithDefault("15")
        int priorDays();
    }

    interface Vcp {
        /** A swing counts once the price came back this far from it; about 5% filters KRX daily noise. */
        @WithDefault("0.05")
        double swingThreshold();

        /** Shortest base: three weeks of trading. */
        @WithDefault("15")
        int minBaseBars();

        /** Longest base looked at: about six months; older highs belong to an earlier base. */
        @WithDefault("130")
        int maxBaseBars();

        /** Fewest pullbacks of a VCP: one is just a pullback. */
        @WithDefault("2")
        int minContractions();

        /** Most pullbacks: more is a sideways range, not a contraction. */
        @WithDefault("6")
        int maxContractions();

        /** The first pullback no deeper than this: deeper is damage, not a base. */
        @WithDefault("0.40")
        double maxFirstDepth();

        /** The last pullback tight: no deeper than this (KRX moves more than US stocks, hence above 10%). */
        @WithDefault("0.12")
        double maxLastDepth();

        /** A dip after the last swing counts as the final contraction from this depth on. */
        @WithDefault("0.02")
        double minTailDepth();

        /** Actionable when the close is at most this far under the pivot. */
        @WithDefault("0.05")
        double maxPivotDistance();

        /** ... and at most this far above it: further up the breakout is extended, the risk too wide. */
        @WithDefault("0.02")
        double maxExtension();

        /** Volume of the last contraction over its 50-day average at most this: supply has dried up. */
        @WithDefault("0.85")
        double maxDryUp();

        /** Days of the volume average. */
        @WithDefault("50")
        int volumeAverageBars();
    }

    interface Risk {
        /** Bars whose highest high is the pivot (the entry) and whose lowest low supports the stop. */
        @WithDefault("10")
        int pivotLookback();

        /** The stop is never further than this below the entry (Minervini's 7-8% rule). */
        @WithDefault("0.08")
        double maxStopDistance();

        /** Target = entry + this multiple of the risk per share. */
        @WithDefault("2.5")
        double rewardToRisk();

        /** Account the position size is computed for (KRW). */
        @WithDefault("100000000")
        long accountSize();

        /** Share of the account lost when the stop is hit. */
        @WithDefault("0.01")
        double riskPerTrade();

        /** Largest share of the account in one position, whatever the stop distance. */
        @WithDefault("0.20")
        double maxPositionWeight();
    }

    /** How a stored signal is followed to its exit: the dashboard's signal history and KPI, and the backtest. */
    interface Track {
        /** Trading days after the signal day that the buy stop at the entry stays open; untriggered after: expired. */
        @WithDefault("10")
        int triggerDays();

        /** Trading days a trade is held at most, its entry day included; then sold at the close. */
        @WithDefault("40")
        int holdDays();

        /** KRX's securities transaction tax on a sale, as a share of its value (0.20% from 2026; 0.15% in 2025). */
        @WithDefault("0.002")
        double sellTax();

        /** Broker commission on each buy and each sale, as a share of its value. */
        @WithDefault("0.00015")
        double commission();

        /** Price lost on each fill against the order's price, as a share of it. */
        @WithDefault("0.001")
        double slippage();

        /** Closed trades the KPI needs before it calls its figures OK rather than Accumulating. */
        @WithDefault("20")
        int minTradesForKpi();
    }
}
