package kr.vcp.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import kr.vcp.infra.WebSocketWire;

/**
 * The fan-out benchmark's subscribers: N WebSocket connections read by a thread or two, each on a selector, with
 * nothing between the socket and the count but a frame parser. The client shares the machine's cores with the gateway it
 * measures, so it does no more per message than a receipt needs: it keeps each message's length and last bytes,
 * answers pings and never decodes the rest.
 */
final class LoadClient implements AutoCloseable {

    /** Bytes kept from the end of every message: the whole of a short reply, the event id of an update. */
    static final int TAIL = 128;

    /** A whole text message: its length, its last {@code tailLength} bytes in {@code tail}, when it was read. */
    interface Receiver {
        void message(long length, byte[] tail, int tailLength, long receivedAtMillis);
    }

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    /**
     * After reading what was ready, a reader pauses this long before it looks again, and reads what became ready
     * meanwhile in one pass. Without it, on this 2-core machine, the gateway's writes woke the reader over and over,
     * and the gateway pays for each wake-up on the cores it sends with. It adds at most this much to a lag.
     */
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private final List<Reader> readers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Receiver receiver;
    private volatile boolean running = true;
    private final AtomicInteger closed = new AtomicInteger();

    private LoadClient(Receiver receiver) {
        this.receiver = receiver;
    }

    /** One reading thread: its selector, the connections registered with it, and the buffer they are read into. */
    private final class Reader {
        final Selector selector = Selector.open();
        final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
        final Thread thread;

        Reader(int index) throws IOException {
            thread = new Thread(this::readLoop, "load-client-" + index);
        }

        private void readLoop() {
            try {
                while (running) {
                    int ready = selector.select(key -> {
                        if (!((Connection) key.attachment()).readAll()) {
                            key.cancel();
                        }
                    }, 200);
                    if (ready > 0) {
                        LockSupport.parkNanos(PAUSE_NANOS);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Opens {@code n} connections to {@code ws://127.0.0.1:port/ws}, upgrading each with {@code headerLines} added
     * and sending it {@code firstMessage}, then reads them on {@code threads} threads, each its share of the
     * connections ({@code receiver} is called from all of them). Throws when the server refuses an upgrade or
     * accepts an extension this client does not speak.
     */
    static LoadClient open(int port, int n, int threads, String firstMessage, Receiver receiver,
            String... headerLines) throws IOException {
        return open(port, n, threads, i -> "/ws", firstMessage, receiver, headerLines);
    }

    /**
     * The same, connection {@code i} upgrading at {@code pathOf(i)} (with its {@code ?subscribe=}, say), and sending
     * {@code firstMessage} unless it is null.
     */
    static LoadClient open(int port, int n, int threads, IntFunction<String> pathOf, String firstMessage,
            Receiver receiver, String... headerLines) throws IOException {
        LoadClient client = new LoadClient(receiver);
        for (int i = 0; i < threads; i++) {
            client.readers.add(client.new Reader(i));
        }
        byte[] first = firstMessage == null ? null
                : WebSocketWire.maskedFrame(OP_TEXT, firstMessage.getBytes(StandardCharsets.UTF_8));
        // Reading from the first connection on, as browsers do: a connection opened early may get updates while the
        // others open, and one not read would be cut off as a slow consumer.
        client.readers.forEach(reader -> reader.thread.start());
        for (int i = 0; i < n; i++) {
            byte[] request = WebSocketWire.upgradeRequest("127.0.0.1", port, pathOf.apply(i), headerLines)
                    .getBytes(StandardCharsets.US_ASCII);
            client.connections.add(client.connect(port, request, first, client.readers.get(i % threads)));
        }
        return client;
    }

    /** One connection, upgraded with blocking calls; what the server sent after its answer is parsed as frames. */
    private Connection connect(int port, byte[] request, byte[] first, Reader reader) throws IOException {
        SocketChannel channel = SocketChannel.open();
        // A fixed receive buffer: the kernel then skips resizing it on every read. An update fits many times over.
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(request));
        ByteBuffer head = ByteBuffer.allocate(4096);
        int end;
        while ((end = headEnd(head)) < 0) {
            if (!head.hasRemaining() || channel.read(head) < 0) {
                throw new IOException("no upgrade answer: " + ascii(head, head.position()));
            }
        }
        String answer = ascii(head, end);
        if (!answer.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + answer);
        }
        if (answer.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions")) {
            throw new IOException("the server accepted an extension this client does not speak: " + answer);
        }
        if (first != null) {
            channel.write(ByteBuffer.wrap(first));
        }
        channel.configureBlocking(false);
        Connection connection = new Connection(channel, reader.in);
        connection.parse(head.flip().position(end));
        channel.register(reader.selector, SelectionKey.OP_READ, connection);
        reader.selector.wakeup();
        return connection;
    }

    /**
     * Closes every connection as a client should: a close frame, then the server's, then the socket. Waits up to
     * {@code timeoutSeconds} for the servers' answers.
     */
    void closeAll(long timeoutSeconds) throws InterruptedException {
        byte[] close = WebSocketWire.maskedFrame(OP_CLOSE, new byte[] {0x03, (byte) 0xE8});
        for (Connection connection : connections) {
            connection.write(close);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (closed.get() < connections.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        for (Reader reader : readers) {
            reader.thread.join(5_000);
            reader.selector.close();
        }
        for (Connection connection : connections) {
            connection.channel.close();
        }
    }

    /** Where the head ends (after its blank line) in what was read so far, or -1. */
    private static int headEnd(ByteBuffer read) {
        for (int i = 3; i < read.position(); i++) {
            if (read.get(i - 3) == '\r' && read.get(i - 2) == '\n' && read.get(i - 1) == '\r' && read.get(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String ascii(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** One connection's place in the stream of frames (RFC 6455 section 5.2), across reads. */
    private final class Connection {
        final SocketChannel channel;
        final ByteBuffer in;
        final byte[] header = new byte[14];
        int headerRead;
        long payloadLeft;
        int opcode;
        boolean fin;
        int messageOpcode;
        long messageLength;
        final byte[] tail = new byte[TAIL];
        int tailLength;
        final byte[] control = new byte[125];
        int controlLength;
        boolean open = true;

        Connection(SocketChannel channel, ByteBuffer in) {
            this.channel = channel;
            this.in = in;
        }

        /** Reads what the socket has; false once the connection is over. */
        boolean readAll() {
            while (true) {
                in.clear();
                int n;
                try {
                    n = channel.read(in);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    ended();
                    return false;
                }
                if (n == 0) {
                    return open;
                }
                parse(in.flip());
                if (in.capacity() > n) {
                    return open;
                }
            }
        }

        void parse(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                if (headerRead >= 0) {
                    header[headerRead++] = bytes.get();
                    if (headerComplete()) {
                        startFrame();
                    }
                    continue;
                }
                int take = (int) Math.min(payloadLeft, bytes.remaining());
                keep(bytes, take);
                payloadLeft -= take;
                if (payloadLeft == 0) {
                    endFrame();
                }
            }
        }

        /** The header is whole once its length fields are (servers send no mask). */
        private boolean headerComplete() {
            if (headerRead < 2) {
                return false;
            }
            int length = header[1] & 0x7f;
            return headerRead == 2 + (length == 126 ? 2 : length == 127 ? 8 : 0);
        }

        private void startFrame() {
            fin = (header[0] & 0x80) != 0;
            opcode = header[0] & 0x0f;
            int length = header[1] & 0x7f;
            payloadLeft = length == 126 ? ((header[2] & 0xff) << 8) | (header[3] & 0xff)
                    : length == 127 ? ByteBuffer.wrap(header, 2, 8).getLong() : length;
            if (opcode >= OP_CLOSE) {
                controlLength = 0;
            } else if (opcode != OP_CONTINUATION) {
                messageOpcode = opcode;
                messageLength = 0;
                tailLength = 0;
            }
            headerRead = -1; // in the payload
            if (payloadLeft == 0) {
                endFrame();
            }
        }

        /** Keeps a control frame's payload (at most 125 bytes), or the last {@link #TAIL} bytes of a message. */
        private void keep(ByteBuffer bytes, int take) {
            if (opcode >= OP_CLOSE) {
                bytes.get(control, controlLength, take);
                controlLength += take;
                return;
            }
            messageLength += take;
            if (take >= TAIL) {
                bytes.position(bytes.position() + take - TAIL);
                bytes.get(tail, 0, TAIL);
                tailLength = TAIL;
            } else {
                int keep = Math.min(tailLength, TAIL - take);
                System.arraycopy(tail, tailLength - keep, tail, 0, keep);
                bytes.get(tail, keep, take);
                tailLength = keep + take;
            }
        }

        private void endFrame() {
            headerRead = 0;
            if (opcode == OP_PING) {
                write(WebSocketWire.maskedFrame(OP_PONG, Arrays.copyOf(control, controlLength)));
            } else if (opcode == OP_CLOSE) {
                ended();
            } else if (fin && opcode != OP_PONG && messageOpcode == OP_TEXT) {
                receiver.message(messageLength, tail, tailLength, System.currentTimeMillis());
            }
        }

        void write(byte[] frame) {
            try {
                channel.write(ByteBuffer.wrap(frame));
            } catch (IOException e) {
                ended();
            }
        }

        private void ended() {
            if (open) {
                open = false;
                closed.incrementAndGet();
            }
        }
    }
}
