package kr.vcp.gateway.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One batch on one event loop: every message of the batch is written to this loop's subscribers of its topic, then
 * each subscriber written to is flushed once, {@link #FLUSHES_PER_TASK} at a time so that the loop's other work
 * (reads, replies) waits for no more than that many socket writes.
 */
final class FanOut implements Runnable {

    static final int FLUSHES_PER_TASK = 256;

    private final Hub hub;
    private final Hub.Loop loop;
    private final List<TopicMessage> batch;
    private final Hub.Listener listener;
    private List<Subscriber> written;
    private int flushed;

    FanOut(Hub hub, Hub.Loop loop, List<TopicMessage> batch, Hub.Listener listener) {
        this.hub = hub;
        this.loop = loop;
        this.batch = batch;
        this.listener = listener;
    }

    @Override
    public void run() {
        if (written == null) {
            written = write();
        }
        int end = Math.min(written.size(), flushed + FLUSHES_PER_TASK);
        int frames = 0;
        for (int i = flushed; i < end; i++) {
            frames += written.get(i).flush();
        }
        flushed = end;
        if (frames > 0) {
            listener.delivered(frames, Hub.oldestKafkaTimestamp(batch));
        }
        if (flushed < written.size()) {
            loop.eventLoop.execute(this);
        }
    }

    /** Queues every frame of the batch for its subscribers on this loop; returns those with frames to flush. */
    private List<Subscriber> write() {
        List<Subscriber> toFlush = new ArrayList<>();
        for (TopicMessage message : batch) {
            Topic topic = hub.topic(message.topic());
            Set<Subscriber> subscribers = topic == null ? null : topic.on(loop.eventLoop);
            if (subscribers == null) {
                continue;
            }
            for (Subscriber subscriber : subscribers) {
                // The first frame since its last flush: it is flushed here. Later ones ride on that flush, and a
                // subscriber with replies already waiting has a flush of its own on the way.
                if (subscriber.deliver(message.encoded()) == 1) {
                    toFlush.add(subscriber);
                }
            }
        }
        loop.written = batch.get(batch.size() - 1).sequence();
        return toFlush;
    }
}
