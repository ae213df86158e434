package kr.vcp.scanner.marketdata;

import java.time.LocalDate;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.PriceSeries;

/**
 * One listing as a scanner replica holds it: every non-halted bar and every investor-flow day, in columns.
 *
 * @param bars  oldest first; its dates are shared instances, one per trading day of the market
 * @param flows oldest first; empty arrays where none were imported
 */
public record HeldStock(String ticker, String name, Market market, PriceSeries bars, Flows flows) {

    static final PriceSeries NO_BARS = new PriceSeries(new LocalDate[0], new int[0], new int[0], new int[0],
            new int[0], new long[0]);

    /** Net buying in KRW of foreigners and institutions by day. */
    public record Flows(LocalDate[] dates, long[] foreigners, long[] institutions) {

        static final Flows NONE = new Flows(new LocalDate[0], new long[0], new long[0]);
    }

    /** Bytes of the columns, for the operator: references counted at 4 bytes (compressed oops), headers at 16. */
    long bytes() {
        return 4L * 16 + bars.size() * (4L + 4 * 4 + 8) + flows.dates().length * (4L + 8 + 8) + 16 * 9;
    }
}
