package kr.vcp.gateway.hub;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kr.vcp.gateway.config.GatewayConfig;
import kr.vcp.model.Topics;

/**
 * The fan-out, in the manner of centrifuge's hub: it owns the topics and their subscribers, keeps each topic's
 * latest message, and hands every published batch to each event loop once; the loop writes each message, encoded
 * once, to its own subscribers and then flushes each of them once, so a client with 40 price topics gets its 40
 * ticks of a batch in one socket write.
 * <p>
 * It broadcasts only while it is live: started (the default) and caught up with the history of its feeds. Before,
 * messages only make each topic's latest; on becoming live every subscriber gets its topics' latest messages once.
 */
@Singleton // no client proxy: every batch and every subscription goes through here
public class Hub {

    /** What subscribing did. */
    public enum Subscription { ADDED, ALREADY, TOO_MANY }

    /** Counts what left. */
    public interface Listener {
        /** {@code frames} frames were handed to sockets; the oldest of their records reached Kafka at that time. */
        void delivered(int frames, long oldestKafkaTimestamp);
    }

    /** Frame bytes a client is written at most between two flushes of a fan-out. */
    static final int SLICE_BYTES = 256 * 1024;

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Map<EventLoop, LoopState> loops = new ConcurrentHashMap<>();
    private final Listener listener;
    private final int maxSubscriptions;
    /** Orders publications, catching up and starting: one sequence, and loops get batches in that order. */
    private final Object publishing = new Object();
    private long sequence;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    @Inject
    public Hub(Vertx vertx, GatewayConfig config, Listener listener) {
        this(loopsOf(vertx), config.ws().maxSubscriptions(), listener);
    }

    /** A hub over {@code eventLoops}: every batch goes to each of them. */
    Hub(Iterable<EventLoop> eventLoops, int maxSubscriptions, Listener listener) {
        this.listener = listener;
        this.maxSubscriptions = maxSubscriptions;
        // Every loop gets every batch, including loops with no subscriber yet: a client subscribing there knows
        // from its loop's position whether a batch already on its way will bring it the latest message.
        eventLoops.forEach(loop -> loops.put(loop, new LoopState(loop)));
    }

    private static List<EventLoop> loopsOf(Vertx vertx) {
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
            all.add((EventLoop) executor);
        }
        return all;
    }

    /** Adds a subscription; the caller acknowledges it, then calls {@link #sendLatest}. */
    public Subscription subscribe(Subscriber subscriber, String topic) {
        if (subscriber.topics().contains(topic)) {
            return Subscription.ALREADY;
        }
        if (subscriber.topics().size() >= maxSubscriptions) {
            return Subscription.TOO_MANY;
        }
        subscriber.topics().add(topic);
        loops.computeIfAbsent(subscriber.eventLoop(), LoopState::new);
        topics.compute(topic, (name, t) -> {
            Topic own = t == null ? new Topic() : t;
            own.add(subscriber);
            return own;
        });
        return Subscription.ADDED;
    }

    /**
     * On the subscriber's event loop, right after {@link #subscribe}: sends the topic's latest message, unless the
     * hub is not live yet (it will send it on becoming live) or a batch already queued on this loop carries it.
     */
    public void sendLatest(Subscriber subscriber, String topic) {
        Topic t = topics.get(topic);
        TopicMessage latest = t == null ? null : t.latest();
        if (latest == null || !isLive()) {
            return;
        }
        LoopState loop = loops.get(subscriber.eventLoop());
        if (latest.sequence() <= loop.written) {
            subscriber.send(latest.encoded());
        }
    }

    /** Returns false when the subscriber was not subscribed. */
    public boolean unsubscribe(Subscriber subscriber, String topic) {
        if (!subscriber.topics().remove(topic)) {
            return false;
        }
        topics.computeIfPresent(topic, (name, t) -> {
            t.remove(subscriber);
            return t.idle() ? null : t;
        });
        return true;
    }

    /** A client left: every subscription of it goes. */
    public void leave(Subscriber subscriber) {
        for (String topic : List.copyOf(subscriber.topics())) {
            unsubscribe(subscriber, topic);
        }
    }

    /**
     * Publishes a batch in order: each message becomes its topic's latest (where the topic keeps one) and, while the
     * hub is live, goes to every subscriber of its topic.
     */
    public void publish(List<TopicMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (publishing) {
            List<TopicMessage> numbered = new ArrayList<>(batch.size());
            for (TopicMessage message : batch) {
                TopicMessage m = message.at(++sequence, true);
                numbered.add(m);
                if (Topics.keepsLatest(m.topic())) {
                    topics.compute(m.topic(), (name, t) -> {
                        Topic own = t == null ? new Topic() : t;
                        own.latest(m);
                        return own;
                    });
                }
            }
            if (isLive()) {
                fanOut(numbered);
            }
        }
    }

    /** The feeds' history has been read: from now on the hub broadcasts, starting with every topic's latest. */
    public void caughtUp() {
        synchronized (publishing) {
            if (!caughtUp) {
                becomeLive(() -> caughtUp = true);
                Log.infof("Hub caught up: %d topics, live", topics.size());
            }
        }
    }

    /** Broadcasting resumes; subscribers get their topics' latest messages once. */
    public void start() {
        synchronized (publishing) {
            if (!running) {
                becomeLive(() -> running = true);
                Log.info("Hub started");
            }
        }
    }

    /** Broadcasting stops (shutting down); topics still keep their latest messages. */
    public void stop() {
        synchronized (publishing) {
            if (running) {
                running = false;
                Log.info("Hub stopped");
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Broadcasting: started and caught up. */
    public boolean isLive() {
        return running && caughtUp;
    }

    /** Topics with subscribers or a latest message. */
    public int topicCount() {
        return topics.size();
    }

    /**
     * Subscribers per topic, for operators: each of {@code named} (zero included) and, summed, every price topic
     * under {@code price:*}.
     */
    public Map<String, Integer> subscriberCounts(List<String> named) {
        Map<String, Integer> counts = new TreeMap<>();
        named.forEach(topic -> counts.put(topic, subscribers(topic)));
        int prices = 0;
        for (Map.Entry<String, Topic> e : topics.entrySet()) {
            if (e.getKey().startsWith(Topics.WS_PRICE_PREFIX)) {
                prices += e.getValue().subscribers();
            }
        }
        counts.put(Topics.WS_PRICE_PREFIX + "*", prices);
        return counts;
    }

    public int subscribers(String topic) {
        Topic t = topics.get(topic);
        return t == null ? 0 : t.subscribers();
    }

    /** The latest message of a topic, or null. */
    public TopicMessage latest(String topic) {
        Topic t = topics.get(topic);
        return t == null ? null : t.latest();
    }

    Topic topic(String name) {
        return topics.get(name);
    }

    /**
     * Holding {@link #publishing}: each topic's latest is numbered anew, then the hub is live, then the latest
     * messages go out. A client subscribing meanwhile sees a number its loop has not written, and so leaves the
     * sending to the batch. Every latest goes to every loop, watched or not: a loop's position then passes their
     * numbers, and a client subscribing later gets them from {@link #sendLatest}.
     */
    private void becomeLive(Runnable flag) {
        List<TopicMessage> current = new ArrayList<>();
        topics.forEach((name, t) -> {
            TopicMessage latest = t.latest();
            if (latest != null) {
                TopicMessage again = latest.at(++sequence, false);
                t.latest(again);
                current.add(again);
            }
        });
        flag.run();
        if (isLive() && !current.isEmpty()) {
            fanOut(current);
        }
    }

    /**
     * Hands the batch to every loop in slices of at most {@link #SLICE_BYTES} of frames (one message at least): a
     * slice is what a client gets in one flush. Ticks of a whole market fit in one or two; a burst of big signal
     * pages goes a few pages at a time, so a client that reads keeps up between slices and only one that does not
     * reading piles up a backlog.
     */
    private void fanOut(List<TopicMessage> batch) {
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            // Encoded once, here, rather than on whichever loop comes first.
            int length = batch.get(i).encoded().length();
            if (i > from && bytes + length > SLICE_BYTES) {
                fanOutSlice(batch.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += length;
        }
        fanOutSlice(batch.subList(from, batch.size()));
    }

    private void fanOutSlice(List<TopicMessage> slice) {
        long oldest = slice.stream().mapToLong(TopicMessage::kafkaTimestamp).filter(t -> t > 0).min().orElse(-1);
        for (LoopState loop : loops.values()) {
            loop.queued.incrementAndGet();
            loop.eventLoop.execute(new FanOut(this, loop, slice, oldest, listener));
        }
    }

    @Override
    public String toString() {
        return "Hub[" + topics.size() + " topics, live=" + isLive() + "]";
    }
}
