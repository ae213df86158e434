package kr.vcp.scanner.marketdata;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import kr.vcp.model.Krx;
import kr.vcp.model.Market;
import kr.vcp.scanner.errors.RefusedException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/** Reads the files Korean quants already have: pykrx's daily bars and a {@code ticker,name,market} stock master. */
public final class MarketDataFiles {

    /** pykrx {@code get_market_ohlcv(...).to_csv()}: date, open, high, low, close, volume, change %. */
    public static final List<String> BAR_HEADER = List.of("날짜", "시가", "고가", "저가", "종가", "거래량", "등락률");
    public static final List<String> STOCK_HEADER = List.of("ticker", "name", "market");
    /** pykrx {@code get_market_trading_value_by_date(...).to_csv()}: date, institutions, other corporations,
     *  individuals, foreigners, total; net buying in KRW. */
    public static final List<String> FLOW_HEADER = List.of("날짜", "기관합계", "기타법인", "개인", "외국인합계", "전체");

    /** What a file holds, told by its header. */
    public enum Kind { STOCKS, BARS, FLOWS, UNKNOWN }

    /**
     * Commas, optional double quotes, unquoted fields trimmed, each record as an array of its fields; blank lines come
     * through as one empty field, so that a record's number is its line's. Jackson's CSV reader, not Commons CSV:
     * it reads a million bars in half the time (225 against 495 ms on one core, warm), the larger part of an import.
     */
    private static final ObjectReader RECORDS = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).readerFor(String[].class);
    private static final char BOM = '\uFEFF';

    /** The kind of a file from its first line. */
    public static Kind kind(String content) {
        List<String> header = header(content);
        return header.equals(STOCK_HEADER) ? Kind.STOCKS : header.equals(BAR_HEADER) ? Kind.BARS
                : header.equals(FLOW_HEADER) ? Kind.FLOWS : Kind.UNKNOWN;
    }

    /** A file posted to the endpoint of {@code kind}: refused whole when its header is another's. */
    public static void requireKind(MarketDataService.NamedFile file, Kind kind) {
        List<String> expected = kind == Kind.STOCKS ? STOCK_HEADER : kind == Kind.BARS ? BAR_HEADER : FLOW_HEADER;
        List<String> header = header(file.content());
        if (!header.equals(expected)) {
            throw new MalformedFileException(file.name() + ": the first line must be the header "
                    + String.join(",", expected) + (header.isEmpty() ? " (the file is empty)"
                    : ", was " + String.join(",", header)));
        }
    }

    /** How far open or close may lie outside high..low and still be a rounding artefact (then the range widens). */
    private static final double ROUNDING_TOLERANCE = 0.005;

    private MarketDataFiles() {
    }

    public static Parsed<StockListing> parseStocks(String source, String content) {
        return parse(source, content, STOCK_HEADER, f -> {
            if (f.get(1).isEmpty()) {
                throw new IllegalArgumentException("name is empty");
            }
            return new StockListing(Krx.ticker(f.get(0)), f.get(1), market(f.get(2)));
        }, StockListing::ticker);
    }

    /**
     * Daily bars of one ticker. A row with open, high and low 0 and no volume is a trading halt, kept as such; a row
     * that cannot be read, repeats a date or has impossible prices is skipped with its line number.
     */
    public static Parsed<DailyBar> parseBars(String source, String content) {
        return parse(source, content, BAR_HEADER, MarketDataFiles::bar, DailyBar::date);
    }

    /**
     * Daily levels of a KRX index, as pykrx's {@code get_index_ohlcv(...).to_csv()} writes them with the bars' header:
     * the levels have decimals. A line that cannot be read or repeats a date is skipped with its number.
     */
    public static Parsed<IndexBar> parseIndexBars(String source, String content) {
        return parse(source, content, BAR_HEADER, f -> {
            IndexBar bar = new IndexBar(date(f.get(0)), level(f.get(1), "시가"), level(f.get(2), "고가"),
                    level(f.get(3), "저가"), level(f.get(4), "종가"), volume(f.get(5)));
            if (bar.low() > bar.high() || bar.close() > bar.high() * (1 + ROUNDING_TOLERANCE)
                    || bar.close() < bar.low() * (1 - ROUNDING_TOLERANCE)) {
                throw new IllegalArgumentException("levels out of order: high " + bar.high() + ", low " + bar.low()
                        + ", close " + bar.close());
            }
            return bar;
        }, IndexBar::date);
    }

    /** Investor flows of one ticker; a line that cannot be read or repeats a date is skipped with its number. */
    public static Parsed<InvestorFlow> parseFlows(String source, String content) {
        return parse(source, content, FLOW_HEADER, f -> new InvestorFlow(date(f.get(0)),
                won(f.get(1), "기관합계"), won(f.get(2), "기타법인"), won(f.get(3), "개인"), won(f.get(4), "외국인합계"),
                won(f.get(5), "전체")), InvestorFlow::date);
    }

    /**
     * The one reading loop of every format: the header must match, blank lines are ignored, and a line that has the
     * wrong number of fields, cannot be read by {@code row} or repeats a {@code key} is skipped with its number.
     */
    private static <T> Parsed<T> parse(String source, String content, List<String> header,
            Function<List<String>, T> row, Function<T, Object> key) {
        List<T> rows = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        long line = 1;
        try (MappingIterator<String[]> records = RECORDS.readValues(withoutBom(content))) {
            List<String> first = records.hasNext() ? List.of(records.next()) : List.of();
            if (!first.equals(header)) {
                throw new MalformedFileException(source + ": the first line must be the header "
                        + String.join(",", header) + (first.isEmpty() ? " (the file is empty)"
                        : ", was " + String.join(",", first)));
            }
            while (records.hasNext()) {
                String[] record = records.next();
                line++;
                if (record.length == 1 && record[0].isEmpty()) {
                    continue;
                }
                try {
                    if (record.length != header.size()) {
                        throw new IllegalArgumentException("expected " + header.size() + " fields, found "
                                + record.length);
                    }
                    T value = row.apply(Arrays.asList(record));
                    if (!seen.add(key.apply(value))) {
                        throw new IllegalArgumentException(key.apply(value) + " appears twice");
                    }
                    rows.add(value);
                } catch (IllegalArgumentException | DateTimeException e) {
                    skipped.add(new SkippedLine(source, (int) line, e.getMessage()));
                }
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            // A broken quote: what came before it is kept, the rest cannot be told apart.
            skipped.add(new SkippedLine(source, (int) line + 1, "unreadable CSV, the rest of the file is not read: "
                    + firstLine(e.getMessage())));
        }
        return new Parsed<>(rows, skipped);
    }

    private static List<String> header(String content) {
        try (MappingIterator<String[]> records = RECORDS.readValues(withoutBom(content))) {
            return records.hasNext() ? List.of(records.next()) : List.of();
        } catch (IOException | RuntimeJsonMappingException e) {
            return List.of();
        }
    }

    /** Jackson's messages go on with the source and location on lines of their own. */
    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return end < 0 ? String.valueOf(message) : message.substring(0, end);
    }

    private static String withoutBom(String content) {
        return !content.isEmpty() && content.charAt(0) == BOM ? content.substring(1) : content;
    }

    /** Days from {@link #FIRST_SHARED_DAY} on for which every file's bars share one {@link LocalDate}. */
    private static final LocalDate FIRST_SHARED_DAY = LocalDate.of(1980, 1, 1);
    private static final LocalDate[] SHARED_DAYS = new LocalDate[366 * 80];

    /**
     * A {@code yyyy-MM-dd} date. Read by hand where it has that exact shape: {@code LocalDate.parse} and its formatter
     * took about a third of parsing a million bars. Anything else goes to {@code LocalDate.parse} and its message.
     * The same day is the same object in every file (an import holds its bars until written).
     */
    static LocalDate date(String value) {
        if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 7);
            int day = digits(value, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return shared(LocalDate.of(year, month, day));
                } catch (DateTimeException e) {
                    // not a day of the calendar: LocalDate.parse names what is wrong
                }
            }
        }
        return LocalDate.parse(value);
    }

    /** Racy but safe: a LocalDate is immutable, and two threads storing the same day store equal ones. */
    private static LocalDate shared(LocalDate date) {
        long i = date.toEpochDay() - FIRST_SHARED_DAY.toEpochDay();
        if (i < 0 || i >= SHARED_DAYS.length) {
            return date;
        }
        LocalDate held = SHARED_DAYS[(int) i];
        if (held == null) {
            SHARED_DAYS[(int) i] = date;
            return date;
        }
        return held;
    }

    /** The number of {@code value}'s decimal digits from {@code from} to {@code to}; -1 if one is no digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static long won(String value, String column) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a whole number of won: '" + value + "'");
        }
    }

    private static DailyBar bar(List<String> f) {
        LocalDate date = date(f.get(0));
        int open = price(f.get(1), "시가");
        int high = price(f.get(2), "고가");
        int low = price(f.get(3), "저가");
        int close = price(f.get(4), "종가");
        long volume = volume(f.get(5));
        if (close <= 0) {
            throw new IllegalArgumentException("종가 must be positive, was " + close);
        }
        if (open == 0 && high == 0 && low == 0 && volume == 0) {
            return DailyBar.halt(date, close);
        }
        if (open <= 0 || low <= 0 || high < low) {
            throw new IllegalArgumentException("prices out of order: open " + open + ", high " + high + ", low " + low);
        }
        // Adjusted histories round each price on its own, so close or open can stray a won past the day's range.
        int top = Math.max(high, Math.max(open, close));
        int bottom = Math.min(low, Math.min(open, close));
        if (top > high * (1 + ROUNDING_TOLERANCE) || bottom < low * (1 - ROUNDING_TOLERANCE)) {
            throw new IllegalArgumentException("open " + open + " or close " + close + " outside the day's range "
                    + low + ".." + high);
        }
        return new DailyBar(date, open, top, bottom, close, volume, false);
    }

    private static double level(String value, String column) {
        try {
            double v = Double.parseDouble(value);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(column + " must be a positive index level, was " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not an index level: '" + value + "'");
        }
    }

    private static int price(String value, String column) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a whole number of won: '" + value + "'");
        }
    }

    private static long volume(String value) {
        try {
            long v = Long.parseLong(value);
            if (v < 0) {
                throw new IllegalArgumentException("거래량 is negative: " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("거래량 is not a whole number: '" + value + "'");
        }
    }

    private static Market market(String value) {
        try {
            return Market.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("market must be KOSPI or KOSDAQ, was '" + value + "'");
        }
    }

    /** The file as a whole cannot be read (wrong header, empty): nothing of it is imported. */
    public static final class MalformedFileException extends RefusedException {
        public MalformedFileException(String message) {
            super(400, "malformed_file", message);
        }
    }
}
