package kr.vcp.scanner.marketdata;

import java.time.LocalDate;
import kr.vcp.model.Market;
import kr.vcp.model.PriceTicked;
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

        public static final Flows NONE = new Flows(new LocalDate[0], new long[0], new long[0]);
    }

    /** Its latest close as a tick (change against the close before it); empty without bars. */
    public java.util.Optional<PriceTicked> lastClose() {
        int t = bars.last();
        if (t < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ClosingTicks.tick(ticker, bars.dates()[t], bars.close()[t],
                bars.close()[Math.max(0, t - 1)], bars.volume()[t]));
    }

    /** The close of the last trading day before {@code day}; empty when none is held. */
    public java.util.OptionalLong closeBefore(LocalDate day) {
        for (int i = bars.last(); i >= 0; i--) {
            if (bars.dates()[i].isBefore(day)) {
                return java.util.OptionalLong.of(bars.close()[i]);
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** Bytes of the columns, for the operator: references counted at 4 bytes (compressed oops), headers at 16. */
    long bytes() {
        return 4L * 16 + bars.size() * (4L + 4 * 4 + 8) + flows.dates().length * (4L + 8 + 8) + 16 * 9;
    }
}
