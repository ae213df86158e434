package kr.vcp.scanner.analysis;

/** The KRX price grid (contract.md): every order price is a multiple of the tick for its price band. */
public final class TickGrid {

    private static final long[] BAND_UPPER = {2_000, 5_000, 20_000, 50_000, 200_000, 500_000};
    private static final long[] BAND_TICK = {1, 5, 10, 50, 100, 500};
    private static final long TOP_TICK = 1_000;

    private TickGrid() {
    }

    /** The tick of the band that {@code price} falls in. */
    public static long tick(double price) {
        for (int i = 0; i < BAND_UPPER.length; i++) {
            if (price < BAND_UPPER[i]) {
                return BAND_TICK[i];
            }
        }
        return TOP_TICK;
    }

    /** The highest grid price at or below {@code price}: where a stop is placed. */
    public static long floor(double price) {
        long tick = tick(price);
        return (long) Math.floor(price / tick) * tick;
    }

    /**
     * The lowest grid price at or above {@code price}: where a buy stop is placed. Every band's upper edge is a
     * multiple of the next band's tick, so rounding up to an edge stays on the grid.
     */
    public static long ceil(double price) {
        long tick = tick(price);
        return (long) Math.ceil(price / tick) * tick;
    }

    /** The grid price nearest to {@code price}: where a quote of that value would print. */
    public static long nearest(double price) {
        long tick = tick(price);
        return Math.round(price / tick) * tick;
    }

    public static boolean isOnGrid(long price) {
        return price > 0 && price % tick(price) == 0;
    }
}
