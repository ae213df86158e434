package kr.vcp.scanner.analysis;

import java.time.LocalDate;

/**
 * Recent daily net buying (KRW) of foreigners and institutions in one stock, oldest first, where imported.
 */
public record InvestorFlows(LocalDate[] dates, long[] foreigners, long[] institutions) {

    /** Net buying of foreigners and of institutions summed over the days from {@code first} on. */
    public record Net(long foreigners, long institutions) {
    }

    /** The net buying from {@code first} on; null when no day of flows is that recent. */
    public Net since(LocalDate first) {
        long f = 0;
        long i = 0;
        boolean any = false;
        for (int d = dates.length - 1; d >= 0 && !dates[d].isBefore(first); d--) {
            f += foreigners[d];
            i += institutions[d];
            any = true;
        }
        return any ? new Net(f, i) : null;
    }

    /** How a turn to buying is recognised: net buying over the recent days after none over the days before. */
    public record Rules(int recentDays, int priorDays) {
    }

    public boolean foreignersTurnedBuyers(Rules rules) {
        return turned(foreigners, rules);
    }

    public boolean institutionsTurnedBuyers(Rules rules) {
        return turned(institutions, rules);
    }

    private static boolean turned(long[] net, Rules rules) {
        int n = net.length;
        if (n < rules.recentDays() + 1) {
            return false;
        }
        long recent = 0;
        for (int i = n - rules.recentDays(); i < n; i++) {
            recent += net[i];
        }
        long before = 0;
        for (int i = Math.max(0, n - rules.recentDays() - rules.priorDays()); i < n - rules.recentDays(); i++) {
            before += net[i];
        }
        return recent > 0 && before <= 0;
    }
}
