package io.clusterkv.node.resp;

import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.KvException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One client connection: runs its commands and sends their replies in command order.
 *
 * Reads run inline on the event loop against the local replica. Writes call the store's async methods and never
 * block the loop; their replies wait in the ReplyQueue (see there for the ordering rules). A command that can reply
 * at once while nothing is pending writes its reply straight into `outbound`, one pooled buffer per read batch,
 * which is flushed once per batch (channelReadComplete), so a pipeline of N commands costs one write and one flush.
 *
 * Write completions arrive on the cluster's threads. Each marks its entry done and hands the connection to its event
 * loop's CompletionInbox (`drainScheduled` coalesces a burst of completions into one drain and one flush); the drain
 * sends the ready replies in order and runs the deferred commands they were holding back.
 */

/** The handler of one RESP connection: ordering, execution and replies. */
final class RespConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RespConnection.class);
    /** Above this many waiting replies and commands the connection stops reading until it has caught up. */
    private static final int MAX_WAITING = 8192;
    /** Replies accumulated beyond this size are handed to the channel without waiting for the flush. */
    private static final int OUTBOUND_CHUNK_BYTES = 64 * 1024;
    private static final int SCRATCH_BYTES = 256;

    private final RespServer server;
    private final ClientSession session;
    private final ReplyWriter writer = new ReplyWriter();
    private final ReplyQueue queue = new ReplyQueue();
    private final CommandCall call;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable scheduleDrain = this::scheduleDrain;
    private @Nullable ChannelHandlerContext context;
    private @Nullable CompletionInbox inbox;
    /** Replies not yet handed to the channel. */
    private @Nullable ByteBuf outbound;
    /** Where a command executed behind a pending reply writes an immediate reply, copied into its entry after. */
    private @Nullable ByteBuf scratch;
    /** The entry the running command replies into, or null when it replies straight into {@link #outbound}. */
    private ReplyQueue.@Nullable Entry runningInto;
    /** Whether replies were written to the channel since the last flush. */
    private boolean unflushed;
    /** The last write to the channel, which a closing connection waits for. */
    private @Nullable ChannelFuture lastWrite;
    private boolean closing;
    private boolean closeScheduled;
    private boolean readingPaused;

    RespConnection(RespServer server, ClientSession session) {
        this.server = server;
        this.session = session;
        this.call = new CommandCall(this, writer);
    }

    ClientSession session() {
        return session;
    }

    RespServer server() {
        return server;
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        this.inbox = server.inbox(ctx.executor());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        server.opened(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        server.closed();
        int abandoned = queue.clear();
        for (int i = 0; i < abandoned; i++) {
            server.inFlight().finished();
        }
        release(outbound);
        release(scratch);
        outbound = null;
        scratch = null;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing RESP connection {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    // ------------------------------------------------------------------ requests

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof RespRequest request)) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (closing) {
            return;
        }
        if (queue.isEmpty()) {
            execute(request, null);
        } else if (request.isWrite() && queue.acceptsWriteAhead()) {
            execute(request, queue.issue(scheduleDrain));
        } else {
            queue.defer(request);
        }
        if (queue.size() > MAX_WAITING && !readingPaused) {
            readingPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush();
    }

    /**
     * Runs a command. Its immediate reply goes straight out when nothing is pending ({@code entry} null), else
     * into its entry, which keeps its place in the queue.
     */
    private void execute(RespRequest request, ReplyQueue.@Nullable Entry entry) {
        ByteBuf target = entry == null ? outbound() : scratch();
        writer.target(target);
        int mark = target.writerIndex();
        runningInto = entry;
        try {
            dispatch(request);
        } catch (RuntimeException failure) {
            target.writerIndex(mark);
            writer.error(RespErrors.of(failure));
            if (!(failure instanceof KvException)) {
                LOG.warn("RESP command {} failed", request.command() == null ? "?" : request.command().name(),
                    failure);
            }
        } finally {
            runningInto = null;
        }
        if (entry != null) {
            if (!entry.awaitsWrite()) {
                entry.encoded(context().alloc().buffer(target.readableBytes()).writeBytes(target));
            }
            target.clear();
        }
        handOverFullOutbound();
    }

    /** Refuses what Redis refuses before running a command, in Redis' order, then runs it. */
    private void dispatch(RespRequest request) {
        if (request.rejection() != null) {
            writer.error(request.rejection());
            if (request.fatal()) {
                closeAfterReply();
            }
            return;
        }
        RespCommand command = request.command();
        byte[][] args = request.args();
        if (command == null) {
            writer.error(RespErrors.unknownCommand(args));
        } else if (!command.acceptsArgumentCount(args.length)) {
            writer.error(RespErrors.wrongArity(command.name()));
        } else if (command.kind() != RespCommand.Kind.NO_AUTH && !session.mayExecute()) {
            writer.error(RespErrors.NOAUTH);
        } else {
            run(command, args);
        }
    }

    private void run(RespCommand command, byte[][] args) {
        AsyncKvStore store = server.store();
        if (command.kind().needsStore() && store == null) {
            writer.error(RespErrors.LOADING);
            return;
        }
        server.metrics().commandExecuted();
        session.executing(command.name(), server.clock().millis());
        call.reset(command, args, store);
        command.handler().execute(call);
    }

    /** The running command's reply comes from {@code write}; see {@link CommandCall#replyWhenDone}. */
    <T> void replyWhenDone(CompletableFuture<T> write, ReplyEncoder<? super T> encoder) {
        ReplyQueue.Entry entry = runningInto != null ? runningInto : queue.issue(scheduleDrain);
        entry.await(encoder);
        server.inFlight().started();
        write.whenComplete(entry);
    }

    /** Stops taking commands; the connection closes once the replies so far are sent (QUIT, protocol error). */
    void closeAfterReply() {
        closing = true;
        if (context != null) {
            context.channel().config().setAutoRead(false);
        }
    }

    // ------------------------------------------------------------------ replies

    /** Called from any thread when a write completes: the connection joins its loop's inbox once per drain. */
    private void scheduleDrain() {
        if (inbox != null && drainScheduled.compareAndSet(false, true)) {
            inbox.offer(this);
        }
    }

    /** On the event loop, from the inbox: sends what is ready and flushes. */
    void drainAndFlush() {
        // Reset before draining: a completion arriving during the drain schedules another one.
        drainScheduled.set(false);
        if (context == null || !context.channel().isActive()) {
            return;
        }
        drain();
        flush();
    }

    /** Sends the ready replies in order, running the deferred commands they held back. */
    private void drain() {
        while (true) {
            ReplyQueue.Entry ready = queue.pollReady();
            if (ready != null) {
                send(ready);
                continue;
            }
            RespRequest next = queue.pollRunnable();
            if (next == null) {
                break;
            }
            if (!closing) {
                execute(next, queue.hasPending() ? queue.issue(scheduleDrain) : null);
            }
        }
        if (readingPaused && queue.size() < MAX_WAITING / 2 && !closing && context != null) {
            readingPaused = false;
            context.channel().config().setAutoRead(true);
        }
    }

    private void send(ReplyQueue.Entry entry) {
        writer.target(outbound());
        entry.writeTo(writer);
        if (entry.awaitsWrite()) {
            server.inFlight().finished();
        }
        handOverFullOutbound();
    }

    /** Hands the replies so far to the channel and flushes; closes after them if the connection is closing. */
    private void flush() {
        ChannelHandlerContext ctx = context;
        if (ctx == null) {
            return;
        }
        handOver(ctx);
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        if (closing && !closeScheduled && !queue.hasPending()) {
            closeScheduled = true;
            (lastWrite != null ? lastWrite : ctx.newSucceededFuture()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Large replies go to the channel as they grow, so the buffer does not; the flush still comes once. */
    private void handOverFullOutbound() {
        if (outbound != null && outbound.readableBytes() >= OUTBOUND_CHUNK_BYTES && context != null) {
            handOver(context);
        }
    }

    /** Writes the replies accumulated so far to the channel, without flushing. */
    private void handOver(ChannelHandlerContext ctx) {
        if (outbound == null) {
            return;
        }
        if (outbound.isReadable()) {
            lastWrite = ctx.write(outbound);
            unflushed = true;
        } else {
            outbound.release();
        }
        outbound = null;
    }

    private ByteBuf outbound() {
        if (outbound == null) {
            outbound = context().alloc().ioBuffer();
        }
        return outbound;
    }

    private ByteBuf scratch() {
        if (scratch == null) {
            scratch = context().alloc().heapBuffer(SCRATCH_BYTES);
        }
        return scratch;
    }

    private ChannelHandlerContext context() {
        if (context == null) {
            throw new IllegalStateException("connection handler not added to a pipeline");
        }
        return context;
    }

    private static void release(@Nullable ByteBuf buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }
}
