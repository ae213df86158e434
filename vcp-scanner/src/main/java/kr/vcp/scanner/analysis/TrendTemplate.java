package kr.vcp.scanner.analysis;

import java.util.List;
import java.util.Locale;

/** Minervini's trend template: the eight criteria of a stage-2 uptrend, each with its values. */
public final class TrendTemplate {

    /** Bars of the 52-week window. */
    static final int YEAR = 252;
    /** "The 200-day average rising for at least a month": compared with its value this many bars back. */
    static final int MONTH = 22;
    /** Bars a series needs for every criterion. */
    public static final int MIN_BARS = 200 + MONTH;

    /** One criterion: what it asks, the values it saw, and whether they pass. */
    public record Criterion(String name, String value, boolean passed) {
    }

    private TrendTemplate() {
    }

    public static List<Criterion> check(PriceSeries s, int rsRating, int minRsRating) {
        int t = s.last();
        double close = s.close()[t];
        double sma50 = s.sma(t, 50);
        double sma150 = s.sma(t, 150);
        double sma200 = s.sma(t, 200);
        double sma200MonthAgo = s.sma(t - MONTH, 200);
        int high52 = s.highestHigh(t, YEAR);
        int low52 = s.lowestLow(t, YEAR);
        return List.of(
                new Criterion("주가 > 150일선, 200일선", f("주가 %,.0f / 150일 %,.0f / 200일 %,.0f", close, sma150, sma200),
                        close > sma150 && close > sma200),
                new Criterion("150일선 > 200일선", f("%,.0f / %,.0f", sma150, sma200), sma150 > sma200),
                new Criterion("200일선 1개월 이상 상승", f("%,.0f (22일 전 %,.0f)", sma200, sma200MonthAgo),
                        sma200 > sma200MonthAgo),
                new Criterion("50일선 > 150일선, 200일선", f("50일 %,.0f", sma50), sma50 > sma150 && sma50 > sma200),
                new Criterion("주가 > 50일선", f("%,.0f / %,.0f", close, sma50), close > sma50),
                new Criterion("52주 저가 대비 +30% 이상", f("저가 %,d, %+.0f%%", low52, (close / low52 - 1) * 100),
                        close >= low52 * 1.30),
                new Criterion("52주 고가 대비 -25% 이내", f("고가 %,d, %+.1f%%", high52, (close / high52 - 1) * 100),
                        close >= high52 * 0.75),
                new Criterion("RS " + minRsRating + " 이상", "RS " + rsRating, rsRating >= minRsRating));
    }

    public static int passed(List<Criterion> criteria) {
        return (int) criteria.stream().filter(Criterion::passed).count();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
