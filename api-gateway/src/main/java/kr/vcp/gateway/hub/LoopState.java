package kr.vcp.gateway.hub;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one event loop has been handed of the publications so far, and the flushes its fan-outs left to a later one.
 * All but {@link #queued} is touched on the loop alone.
 */
final class LoopState {
    final EventLoop eventLoop;
    /** Fan-outs handed to the loop and not started yet. */
    final AtomicInteger queued = new AtomicInteger();
    /** The sequence of the last publication this loop has written. */
    long written;
    /** Subscribers written to by batches that left their flushes to a later one, and how many batches. */
    private List<Subscriber> carried = new ArrayList<>();
    private long carriedOldest = -1;
    int carriedBatches;

    LoopState(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    void carry(List<Subscriber> written, long oldestKafkaTimestamp) {
        carried.addAll(written);
        carriedOldest = oldest(carriedOldest, oldestKafkaTimestamp);
        carriedBatches++;
    }

    long oldestCarried(long oldestKafkaTimestamp) {
        return oldest(carriedOldest, oldestKafkaTimestamp);
    }

    /** What to flush now: the carried subscribers and {@code written}; the carry starts over. */
    List<Subscriber> takeCarried(List<Subscriber> written) {
        if (carriedBatches == 0) {
            return written;
        }
        List<Subscriber> all = carried;
        all.addAll(written);
        carried = new ArrayList<>();
        carriedOldest = -1;
        carriedBatches = 0;
        return all;
    }

    private static long oldest(long a, long b) {
        return a <= 0 ? b : b <= 0 ? a : Math.min(a, b);
    }
}
