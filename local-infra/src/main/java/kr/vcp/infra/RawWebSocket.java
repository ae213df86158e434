package kr.vcp.infra;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WebSocket client on a bare socket, to behave as no library would let us: never read, never answer a ping, send
 * an oversized frame, or see exactly how an upgrade was refused.
 */
public final class RawWebSocket implements AutoCloseable {

    /** The server's answer to the upgrade: status and headers, as read. */
    public record Handshake(int status, String head) {
    }

    private final Socket socket;
    private final Handshake handshake;

    /** Opens a connection with a small receive window, so that not reading soon stops the server's writes. */
    public RawWebSocket(int port, Map<String, String> headers) throws IOException {
        this(port, "/ws", headers);
    }

    public RawWebSocket(int port, String path, Map<String, String> headers) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        String[] headerLines = headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
                .toArray(String[]::new);
        socket.getOutputStream().write(WebSocketWire.upgradeRequest("127.0.0.1", port, path, headerLines)
                .getBytes(StandardCharsets.US_ASCII));
        String head = WebSocketWire.readHead(socket.getInputStream());
        handshake = new Handshake(Integer.parseInt(head.split(" ")[1]), head);
    }

    public Handshake handshake() {
        return handshake;
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked client frame of {@code opcode} carrying {@code payload}. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(WebSocketWire.maskedFrame(opcode, payload));
        out.flush();
    }

    /** A fragment of a message: {@code opcode} 0 continues it, and the last fragment is {@code fin}. */
    public void sendFragment(boolean fin, int opcode, byte[] payload) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(WebSocketWire.maskedFrame(fin, opcode, payload));
        out.flush();
    }

    /**
     * Reads frames until the server's close frame or the end of the stream; returns the close code, or -1 when the
     * stream ended without one, or throws on timeout.
     */
    public int awaitClose(int timeoutMillis) throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = readFrame(timeoutMillis);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close within " + timeoutMillis + " ms");
            } catch (IOException e) {
                return -1; // reset by the server
            }
            if (frame == null) {
                return -1;
            }
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    /** Reads frames until a ping; returns {@link System#nanoTime()} when it was read, or throws on timeout. */
    public long awaitPing(int timeoutMillis) throws IOException {
        while (true) {
            Frame frame = readFrame(timeoutMillis);
            if (frame == null) {
                throw new AssertionError("the connection ended before a ping");
            }
            if (frame.opcode() == 0x9) {
                return System.nanoTime();
            }
        }
    }

    /** The next text message from the server (pings skipped), or throws on timeout or at the end of the stream. */
    public String readText(int timeoutMillis) throws IOException {
        while (true) {
            Frame frame = readFrame(timeoutMillis);
            if (frame == null) {
                throw new AssertionError("the connection ended before a text message");
            }
            if (frame.opcode() == 0x1) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
            if (frame.opcode() == 0x8) {
                throw new AssertionError("closed by the server instead of a text message");
            }
        }
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** The next frame from the server, or null at the end of the stream. */
    private Frame readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int len = in.readUnsignedByte() & 0x7f;
        long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
