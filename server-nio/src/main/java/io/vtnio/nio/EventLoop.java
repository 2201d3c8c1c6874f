package io.vtnio.nio;

import io.vtnio.core.ConnectionRules;
import io.vtnio.core.Mode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One selector event loop: a platform thread ({@code nio-loop-N}) with its own {@link Selector},
 * its connections, its timers and the buffers all its connections share. Each iteration selects
 * (sleeping no longer than the next timer), handles ready keys, runs queued tasks, runs due
 * timers, then flushes connections that tasks gave output to.
 *
 * <p>Reading uses one heap buffer per loop and replies are encoded into one output buffer per
 * loop, so an idle connection holds no buffer at all.
 *
 * <p>Threading: only the loop's own thread touches its selector, keys, channels and buffers.
 * {@link #execute} may be called from any thread: the task goes on a lock-free MPSC queue, and
 * the selector is woken only when the caller is another thread and no wake-up is already pending.
 * {@link #awaitTermination} from any thread. Everything else is for the loop thread.
 */
final class EventLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Room for the replies to a full read buffer of short lines, which grow with the suffix. */
    static final int OUTPUT_BUFFER_BYTES = 128 * 1024;
    static final int GATHER_BUFFERS = 64;
    /** Bounds the tasks run per iteration so a flood of tasks cannot starve ready sockets. */
    private static final int MAX_TASKS_PER_ITERATION = 4096;
    private static final long CALL_TIMEOUT_SECONDS = 5;

    private final Selector selector;
    private final Thread thread;
    private final ServerContext context;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while the loop is awake, so producers can skip a wake-up it does not need. */
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private final Consumer<Runnable> runSafely = this::runSafely;

    private final LoopTimer timer = new LoopTimer();
    private final LiveConnections connections = new LiveConnections();
    private final ArrayList<ChatMember> flushRequests = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(ConnectionRules.MAX_READ_BYTES);
    private final ByteBuffer[] gatherScratch = new ByteBuffer[GATHER_BUFFERS];
    private final MessageBatch replies;
    private final MessageBatch intake;

    private boolean running = true;
    private boolean draining;
    private long drainDeadlineNanos;
    private CountDownLatch drainedSignal;

    EventLoop(int index, ServerContext context) throws IOException {
        this.context = context;
        this.selector = Selector.open();
        ByteBuffer output = ByteBuffer.allocate(OUTPUT_BUFFER_BYTES);
        this.replies = switch (context.mode()) {
            case ECHO, HTTP -> new Echo(output, context.echoReply());
            case CHAT -> new ChatPublisher(output, context.chatRoom());
            case HELLO -> null;
        };
        this.intake = context.hasWork() && context.mode() != Mode.HELLO ? new WorkIntake() : replies;
        this.thread = new Thread(this, "nio-loop-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Runs {@code task} on this loop, soon; from any thread. Tasks run in the order given. */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    selectAndDispatch();
                    runTasks();
                    timer.runDue(System.nanoTime(), runSafely);
                    flushRequested();
                } catch (ClosedSelectorException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // The loop outlives any one failure; connections fail on their own.
                    LOG.log(System.Logger.Level.WARNING, thread.getName() + " survived an unexpected failure", e);
                }
            }
        } finally {
            closeEverything();
            terminated.countDown();
        }
    }

    private void selectAndDispatch() throws IOException {
        long timeoutNanos = timer.nanosUntilNext(System.nanoTime());
        awake.set(false);
        // A task queued before the flag dropped found it set and did not wake us: look first.
        if (!tasks.isEmpty() || timeoutNanos == 0) {
            selector.selectNow(dispatch);
        } else if (timeoutNanos < 0) {
            selector.select(dispatch);
        } else {
            selector.select(dispatch, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
        }
        awake.set(true);
    }

    private void dispatch(SelectionKey key) {
        ReadinessHandler handler = (ReadinessHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.onReady(key);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a channel after an unexpected failure", e);
            handler.closeNow();
        }
    }

    private void runTasks() {
        Runnable task;
        for (int i = 0; i < MAX_TASKS_PER_ITERATION && (task = tasks.poll()) != null; i++) {
            runSafely(task);
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, thread.getName() + ": a task failed", e);
        }
    }

    /** Asks for {@code member} to be flushed once this iteration's tasks are done; once per iteration. */
    void requestFlush(ChatMember member) {
        flushRequests.add(member);
    }

    private void flushRequested() {
        for (int i = 0; i < flushRequests.size(); i++) {
            flushRequests.get(i).flush();
        }
        flushRequests.clear();
    }

    /** Takes over a freshly admitted channel; runs as a task on this loop. */
    void register(SocketChannel channel) {
        Connection connection = new Connection(this, channel, context);
        SelectionKey key;
        try {
            key = channel.register(selector, 0, connection);
        } catch (IOException | RuntimeException e) {
            context.metrics().error(); // a setup failure, as the policy counts it; closing counts the close
            connection.closeNow();
            return;
        }
        connections.add(connection);
        connection.start(key);
        if (draining) {
            connection.beginDrain(drainDeadlineNanos);
        }
    }

    /** Takes over a channel accepted beyond {@code --max-connections}; runs as a task on this loop. */
    void refuse(SocketChannel channel) {
        new Refusal(channel, this).start();
    }

    /**
     * The first half of a stop: no connection of this loop reads any more (each is FINISHING, or
     * closed if it was lingering already); none closes or lingers yet. Chat lines read before, on
     * any loop, are delivered before the second half ({@link #settleDrain}), which
     * {@link GracefulStop} queues only once every loop has stopped reading.
     */
    void stopReading(long deadlineNanos) {
        draining = true;
        drainDeadlineNanos = deadlineNanos;
        for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).stopReading(deadlineNanos);
        }
    }

    /** The second half of a stop: each connection closes or lingers once it owes nothing; {@code drained} counts down when none is left. */
    void settleDrain(CountDownLatch drained) {
        drainedSignal = drained;
        for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).settle();
        }
        signalIfDrained();
    }

    /** A connection of this loop is closed; called once per connection. */
    void closed(Connection connection) {
        connections.remove(connection);
        signalIfDrained();
    }

    private void signalIfDrained() {
        if (drainedSignal != null && connections.isEmpty()) {
            drainedSignal.countDown();
            drainedSignal = null;
        }
    }

    /** Closes every channel of this loop at once and ends the loop; runs as a task. */
    void shutdown() {
        running = false;
    }

    private void closeEverything() {
        try {
            for (SelectionKey key : selector.keys().toArray(SelectionKey[]::new)) {
                ((ReadinessHandler) key.attachment()).closeNow();
            }
        } catch (ClosedSelectorException e) {
            // Nothing left to close.
        }
        for (int i = connections.size() - 1; i >= 0; i--) {
            connections.get(i).closeNow();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a selector", e);
        }
        // A hand-off still queued would leak its channel; with the selector closed it fails and closes.
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
    }

    /**
     * Runs {@code action} on this loop and waits for it, rethrowing what it threw; from any thread
     * but this loop's.
     *
     * @throws IOException what the action threw, or if the loop does not answer within 5 s
     */
    <T> T call(LoopAction<T> action) throws IOException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(action.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException(thread.getName() + " did not respond within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /** Something to run on a loop that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface LoopAction<T> {
        T run() throws IOException;
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** For registering listening channels; loop thread only. */
    Selector selector() {
        return selector;
    }

    LoopTimer timer() {
        return timer;
    }

    /** The server's shared parts: configuration, metrics, policy. */
    ServerContext context() {
        return context;
    }

    LiveConnections connections() {
        return connections;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer[] gatherScratch() {
        return gatherScratch;
    }

    /** The mode's reply path: echo replies or chat publication. Null in hello mode. */
    MessageBatch replies() {
        return replies;
    }

    /** Where freshly read messages go: {@link #replies()}, or the work queue with {@code --work}. */
    MessageBatch intake() {
        return intake;
    }
}
