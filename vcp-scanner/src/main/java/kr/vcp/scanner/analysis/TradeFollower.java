package kr.vcp.scanner.analysis;

import java.time.LocalDate;

/**
 * A signal traded as a trader holding its risk plan would: a buy stop at the entry, placed the day after the signal
 * day, then out at the stop, at the target or after a number of days at the close. Worked out from the bars after the
 * signal day alone, so following a signal again on the same bars gives the same trade.
 */
public final class TradeFollower {

    /** Where a followed signal is. */
    public enum State {
        /** Not triggered yet: still within the days its buy stop stays open. */
        PENDING,
        /** Triggered and held. */
        OPEN,
        /** Triggered and sold: at the stop, the target or the time limit. */
        CLOSED,
        /** Never triggered within its days. */
        EXPIRED
    }

    /** Why a trade closed. */
    public enum Exit {
        STOP, TARGET, TIME
    }

    /**
     * @param triggerDays trading days after the signal day the buy stop stays open
     * @param holdDays    trading days a trade is held at most, counting its entry day; sold at that day's close
     * @param sellTax     share of a sale's value paid as KRX's securities transaction tax
     * @param commission  share of each buy and each sale paid to the broker
     * @param slippage    share of the price lost on each fill against the order's price
     */
    public record Rules(int triggerDays, int holdDays, double sellTax, double commission, double slippage) {
    }

    /**
     * A followed signal. Prices are the fills before costs; the returns are after costs, in percent of the money
     * put in and in multiples of the planned risk (entry minus stop).
     */
    public record Trade(State state, Exit exit, LocalDate entryDate, Long entryPrice, LocalDate exitDate,
            Long exitPrice, Double returnPct, Double returnR) {

        public static final Trade PENDING = new Trade(State.PENDING, null, null, null, null, null, null, null);
        public static final Trade EXPIRED = new Trade(State.EXPIRED, null, null, null, null, null, null, null);
    }

    private final Rules rules;

    public TradeFollower(Rules rules) {
        this.rules = rules;
    }

    /** The trade of a signal of {@code signalDay} with its plan, on {@code bars} (halts removed; any range of days). */
    public Trade follow(LocalDate signalDay, long entry, long stop, long target, PriceSeries bars) {
        int first = firstAfter(bars, signalDay);
        int n = bars.size();
        int in = -1;
        long fill = 0;
        for (int i = first; i < n && i < first + rules.triggerDays(); i++) {
            if (bars.high()[i] >= entry) {
                in = i;
                fill = Math.max(bars.open()[i], entry); // a gap above the buy stop fills at the open
                break;
            }
        }
        if (in < 0) {
            return n - first >= rules.triggerDays() ? Trade.EXPIRED : Trade.PENDING;
        }
        for (int i = in; i < n; i++) {
            Exit exit = null;
            long price = 0;
            if (bars.low()[i] <= stop) {
                // A gap below the stop fills at the open; on a day that touched both, the stop is taken to come first.
                exit = Exit.STOP;
                price = i > in ? Math.min(bars.open()[i], stop) : stop;
            } else if (i > in && bars.high()[i] >= target) {
                // On the entry day itself the bars cannot tell whether the target came after the entry.
                exit = Exit.TARGET;
                price = Math.max(bars.open()[i], target);
            } else if (i - in + 1 >= rules.holdDays()) {
                exit = Exit.TIME;
                price = bars.close()[i];
            }
            if (exit != null) {
                return closed(exit, bars.dates()[in], fill, bars.dates()[i], price, entry - stop);
            }
        }
        return new Trade(State.OPEN, null, bars.dates()[in], fill, null, null, null, null);
    }

    private Trade closed(Exit exit, LocalDate entryDate, long entry, LocalDate exitDate, long exitPrice, long risk) {
        double paid = entry * (1 + rules.slippage() + rules.commission());
        double got = exitPrice * (1 - rules.slippage() - rules.commission() - rules.sellTax());
        double pct = Math.round((got - paid) / paid * 10_000) / 100.0;
        double r = Math.round((got - paid) / risk * 100) / 100.0;
        return new Trade(State.CLOSED, exit, entryDate, entry, exitDate, exitPrice, pct, r);
    }

    private static int firstAfter(PriceSeries bars, LocalDate day) {
        int i = java.util.Arrays.binarySearch(bars.dates(), day);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
