package kr.vcp.scanner.db;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/** Rows sent by one {@code COPY ... FROM STDIN (FORMAT csv)} through a JDBC connection, each field quoted. */
public final class CopyRows {

    private CopyRows() {
    }

    /** Copies {@code rows} with {@code sql} (a {@code COPY ... FROM STDIN (FORMAT csv)}); returns the rows copied. */
    public static long copy(Connection conn, String sql, Stream<List<String>> rows) throws SQLException {
        try {
            return conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv(rows)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows as CSV text, each field quoted (names may hold commas, payloads quotes and new lines). */
    private static String csv(Stream<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(fields -> {
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ",").append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
            }
            text.append('\n');
        });
        return text.toString();
    }
}
