package kr.vcp.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The WebSocket protocol's bytes written by hand (RFC 6455), for clients no library lets us be: one that sends the
 * headers browsers send, never reads, sends an oversized frame, or opens thousands of connections on one thread.
 */
public final class WebSocketWire {

    /** What Chrome and Firefox offer on every connection. */
    public static final String BROWSER_COMPRESSION_OFFER =
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

    /** The per-frame compression old WebKit offered. */
    public static final String PER_FRAME_COMPRESSION_OFFER = "Sec-WebSocket-Extensions: x-webkit-deflate-frame";

    private WebSocketWire() {
    }

    /** The upgrade request for {@code GET path}, with {@code headerLines} ("Name: value") added. */
    public static String upgradeRequest(String host, int port, String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** The status line and headers the server answers to {@code GET path} with {@code headerLines} added. */
    public static String answer(URI base, String path, String... headerLines) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(upgradeRequest(base.getHost(), base.getPort(), path, headerLines)
                    .getBytes(StandardCharsets.US_ASCII));
            return readHead(socket.getInputStream());
        }
    }

    /** A server's answer to a request written byte for byte: its status, its head and its body. */
    public record Answer(int status, String head, String body) {
    }

    /**
     * Writes {@code request} as it is (ISO-8859-1: what no HTTP client would send, a 10 KB path, an upgrade without a
     * key) and reads the answer: the body by its Content-Length, else up to the end of the stream or a 10 s silence.
     */
    public static Answer exchange(String host, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                throw new IOException("the connection was closed without an answer");
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
            byte[] body;
            if (length.find()) {
                body = in.readNBytes(Integer.parseInt(length.group(1)));
            } else {
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                try {
                    in.transferTo(rest);
                } catch (java.net.SocketTimeoutException e) {
                    // what came is all there is
                }
                body = rest.toByteArray();
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, new String(body, StandardCharsets.UTF_8));
        }
    }

    /** An HTTP head read byte by byte up to its blank line (or the end of the stream), so nothing after it is. */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** A final client frame of {@code opcode} carrying {@code payload}, masked as every client frame must be. */
    public static byte[] maskedFrame(int opcode, byte[] payload) {
        return maskedFrame(true, opcode, payload);
    }

    /**
     * A client frame of {@code opcode} (0 for a continuation) carrying {@code payload}, masked; not {@code fin}, a
     * fragment of a message that further frames continue.
     */
    public static byte[] maskedFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }
}
