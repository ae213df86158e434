package kr.vcp.gateway.hub;

import java.util.ArrayList;
import java.util.List;

/**
 * One batch on one event loop: every message of the batch is written to this loop's subscribers of its topic, then
 * each subscriber written to is flushed once, {@link #FLUSHES_PER_TASK} at a time so that the loop's other work
 * (reads, replies) waits for no more than that many socket writes.
 * <p>
 * When more batches wait in the loop's queue behind this one (the loop is behind), the flushes are left to the last
 * of them, a few batches at most: a client then gets the ticks of all of them in one socket write instead of one
 * write per batch, and the loop catches up with less work. An idle loop flushes at once.
 */
final class FanOut implements Runnable {

    static final int FLUSHES_PER_TASK = 256;
    /** Batches whose flushes may be left to the next one before a loop flushes anyway. */
    static final int MAX_CARRIED = 4;

    private final Hub hub;
    private final LoopState loop;
    private final List<TopicMessage> batch;
    private final Hub.Listener listener;
    private final long oldestKafkaTimestamp;
    private List<Subscriber> toFlush;
    private long oldest;
    private int flushed;

    /** @param oldestKafkaTimestamp of the batch's records, -1 when none is live */
    FanOut(Hub hub, LoopState loop, List<TopicMessage> batch, long oldestKafkaTimestamp, Hub.Listener listener) {
        this.hub = hub;
        this.loop = loop;
        this.batch = batch;
        this.oldestKafkaTimestamp = oldestKafkaTimestamp;
        this.listener = listener;
    }

    @Override
    public void run() {
        if (toFlush == null) {
            List<Subscriber> written = write();
            if (loop.queued.decrementAndGet() > 0 && loop.carriedBatches < MAX_CARRIED) {
                loop.carry(written, oldestKafkaTimestamp);
                return;
            }
            oldest = loop.oldestCarried(oldestKafkaTimestamp);
            toFlush = loop.takeCarried(written);
        }
        int end = Math.min(toFlush.size(), flushed + FLUSHES_PER_TASK);
        int frames = 0;
        for (int i = flushed; i < end; i++) {
            frames += toFlush.get(i).flush();
        }
        flushed = end;
        if (frames > 0) {
            listener.delivered(frames, oldest);
        }
        if (flushed < toFlush.size()) {
            loop.eventLoop.execute(this);
        }
    }

    /** Queues every frame of the batch for its subscribers on this loop; returns those with frames to flush. */
    private List<Subscriber> write() {
        List<Subscriber> written = new ArrayList<>();
        for (TopicMessage message : batch) {
            Topic topic = hub.topic(message.topic());
            if (topic == null) {
                continue;
            }
            for (Subscriber subscriber : topic.on(loop.eventLoop)) {
                // The first frame since its last flush: it is flushed by this batch. Later ones ride on that flush,
                // and a subscriber with replies already waiting has a flush of its own on the way.
                if (subscriber.deliver(message.encoded()) == 1) {
                    written.add(subscriber);
                }
            }
        }
        loop.written = batch.get(batch.size() - 1).sequence();
        return written;
    }
}
