package kr.vcp.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade written by hand, for what Java's clients will not send: the head of the server's answer to a
 * request with the given extra header lines (e.g. the {@code Sec-WebSocket-Extensions} browsers send).
 */
public final class RawUpgrade {

    /** What Chrome and Firefox offer on every connection. */
    public static final String BROWSER_COMPRESSION_OFFER =
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

    /** The per-frame compression old WebKit offered. */
    public static final String PER_FRAME_COMPRESSION_OFFER = "Sec-WebSocket-Extensions: x-webkit-deflate-frame";

    private RawUpgrade() {
    }

    /** The status line and headers the server answers to {@code GET path} with {@code headerLines} added. */
    public static String answer(URI base, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString();
        }
    }
}
