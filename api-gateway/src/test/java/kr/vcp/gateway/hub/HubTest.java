package kr.vcp.gateway.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import kr.vcp.gateway.transport.EncodedText;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.ServerMessage;
import kr.vcp.model.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub on its own, over two event loops, with subscribers that record what they are written and when flushed. */
class HubTest {

    /** A client that records each frame and each flush; everything on its own loop, as the hub promises. */
    private static final class Recorder implements Subscriber {
        final EventLoop loop;
        final Set<String> topics = ConcurrentHashMap.newKeySet();
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<Integer> flushes = new CopyOnWriteArrayList<>();
        int unflushed;
        boolean offLoop;

        Recorder(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public EventLoop eventLoop() {
            return loop;
        }

        @Override
        public Set<String> topics() {
            return topics;
        }

        @Override
        public int deliver(EncodedText text) {
            offLoop |= !loop.inEventLoop();
            delivered.add(text.text());
            return ++unflushed;
        }

        @Override
        public int flush() {
            int frames = unflushed;
            if (frames > 0) {
                flushes.add(frames);
                unflushed = 0;
            }
            return frames;
        }

        @Override
        public void send(EncodedText text) {
            loop.execute(() -> {
                deliver(text);
                flush();
            });
        }
    }

    private final DefaultEventLoop first = new DefaultEventLoop();
    private final DefaultEventLoop second = new DefaultEventLoop();
    private final AtomicLong deliveredFrames = new AtomicLong();
    private final Hub hub = new Hub(List.of(first, second), 256, (frames, oldest) -> deliveredFrames.addAndGet(frames));

    @AfterEach
    void stopLoops() {
        first.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        second.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static TopicMessage tick(String ticker, long price) {
        return TopicMessage.of(Topics.price(ticker), ServerMessage.PriceUpdate.of(PriceTicked.of(ticker, price, 0, 0.0, 1,
                LocalDateTime.of(2026, 2, 3, 9, 30))), System.currentTimeMillis());
    }

    private static String ticker(int i) {
        return String.format("%06d", 100_000 + i);
    }

    /** Runs {@code task} on {@code loop} and waits for it. */
    private static void on(EventLoop loop, Runnable task) throws Exception {
        loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    /** Waits until both loops have run everything queued before now, twice (a fan-out re-queues its flushes). */
    private void drain() throws Exception {
        for (int i = 0; i < 3; i++) {
            on(first, () -> { });
            on(second, () -> { });
        }
    }

    @Test
    void fortyTicksOfABatchLeaveForTheirSubscriberInOneFlush() throws Exception {
        hub.caughtUp();
        Recorder page = new Recorder(first);
        on(first, () -> IntStream.range(0, 40).forEach(i -> hub.subscribe(page, Topics.price(ticker(i)))));

        hub.publish(IntStream.range(0, 40).mapToObj(i -> tick(ticker(i), 1_000 + i)).toList());
        drain();

        assertEquals(40, page.delivered.size());
        assertEquals(List.of(40), page.flushes, "one flush for the whole batch");
        assertEquals(40, deliveredFrames.get());
        assertTrue(!page.offLoop, "every write on the subscriber's own loop");
    }

    @Test
    void batchesQueuedBehindABusyLoopLeaveInOneFlush() throws Exception {
        hub.caughtUp();
        Recorder page = new Recorder(first);
        on(first, () -> IntStream.range(0, 3).forEach(i -> hub.subscribe(page, Topics.price(ticker(i)))));

        // Three batches arrive while the loop is busy: by the time it gets to them, they wait one behind the other.
        on(first, () -> IntStream.range(0, 3).forEach(i -> hub.publish(List.of(tick(ticker(i), 2_000 + i)))));
        drain();

        assertEquals(3, page.delivered.size());
        assertEquals(List.of(3), page.flushes, "the first two left their flush to the last");
        assertEquals(3, deliveredFrames.get());
    }

    @Test
    void aTickReachesTheSubscribersOfItsTopicOnEveryLoopAndNoOneElse() throws Exception {
        hub.caughtUp();
        Recorder here = new Recorder(first);
        Recorder there = new Recorder(second);
        Recorder elsewhere = new Recorder(second);
        on(first, () -> hub.subscribe(here, Topics.price(ticker(1))));
        on(second, () -> hub.subscribe(there, Topics.price(ticker(1))));
        on(second, () -> hub.subscribe(elsewhere, Topics.price(ticker(2))));

        hub.publish(List.of(tick(ticker(1), 5_000)));
        drain();

        assertEquals(1, here.delivered.size());
        assertEquals(1, there.delivered.size());
        assertEquals(List.of(), elsewhere.delivered);
    }

    @Test
    void beforeCatchingUpNothingIsSentThenEachSubscriberGetsTheLatestOnce() throws Exception {
        Recorder early = new Recorder(first);
        on(first, () -> hub.subscribe(early, Topics.price(ticker(7))));

        hub.publish(List.of(tick(ticker(7), 1), tick(ticker(7), 2), tick(ticker(7), 3)));
        drain();
        assertEquals(List.of(), early.delivered, "history is not sent");

        hub.caughtUp();
        drain();
        assertEquals(1, early.delivered.size());
        assertTrue(early.delivered.get(0).contains("\"price\":3"), early.delivered.get(0));

        Recorder late = new Recorder(second);
        on(second, () -> {
            hub.subscribe(late, Topics.price(ticker(7)));
            hub.sendLatest(late, Topics.price(ticker(7)));
        });
        drain();
        assertEquals(1, late.delivered.size());
        assertTrue(late.delivered.get(0).contains("\"price\":3"));
    }

    @Test
    void aTopicNobodyWatchedWhileCatchingUpGoesToItsFirstSubscriberAfterwards() throws Exception {
        hub.publish(List.of(tick(ticker(8), 1), tick(ticker(8), 2)));
        hub.caughtUp();
        drain();

        Recorder first = new Recorder(this.first);
        Recorder second = new Recorder(this.second);
        on(this.first, () -> {
            hub.subscribe(first, Topics.price(ticker(8)));
            hub.sendLatest(first, Topics.price(ticker(8)));
        });
        on(this.second, () -> {
            hub.subscribe(second, Topics.price(ticker(8)));
            hub.sendLatest(second, Topics.price(ticker(8)));
        });
        drain();

        assertEquals(1, first.delivered.size(), first.delivered.toString());
        assertTrue(first.delivered.get(0).contains("\"price\":2"), first.delivered.get(0));
        assertEquals(first.delivered, second.delivered);
    }

    @Test
    void aSubscriberJoiningWhileABatchIsOnItsWayGetsTheLatestOnceNotTwice() throws Exception {
        hub.caughtUp();
        Recorder joining = new Recorder(first);
        // The loop is busy while the batch is published: the batch waits in its queue behind this task.
        on(first, () -> {
            hub.publish(List.of(tick(ticker(9), 900)));
            hub.subscribe(joining, Topics.price(ticker(9)));
            hub.sendLatest(joining, Topics.price(ticker(9)));
        });
        drain();

        assertEquals(1, joining.delivered.size(), joining.delivered.toString());
    }

    @Test
    void aTopicNobodyListensToAndThatKeepsNothingIsForgotten() throws Exception {
        hub.caughtUp();
        Recorder client = new Recorder(first);
        List<String> topics = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> topics.add("signal:page" + i));
        on(first, () -> topics.forEach(t -> hub.subscribe(client, t)));
        int withSubscriptions = hub.topicCount();

        on(first, () -> hub.leave(client));

        assertEquals(100, withSubscriptions);
        assertEquals(0, hub.topicCount());
        assertEquals(Set.of(), client.topics);
    }

    @Test
    void subscriptionsArePerConnectionAndBounded() throws Exception {
        Hub small = new Hub(List.of(first), 2, (frames, oldest) -> { });
        Recorder client = new Recorder(first);
        List<Hub.Subscription> results = new ArrayList<>();
        on(first, () -> {
            results.add(small.subscribe(client, "signal:vcp"));
            results.add(small.subscribe(client, "signal:vcp"));
            results.add(small.subscribe(client, "market-gate"));
            results.add(small.subscribe(client, "market:kospi"));
        });

        assertEquals(List.of(Hub.Subscription.ADDED, Hub.Subscription.ALREADY, Hub.Subscription.ADDED,
                Hub.Subscription.TOO_MANY), results);
    }
}
