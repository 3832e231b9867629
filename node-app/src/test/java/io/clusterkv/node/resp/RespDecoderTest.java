package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder alone: framing across arbitrary splits, Redis' quirks, limits without buffering. */
class RespDecoderTest {
    private static final RespLimits LIMITS = new RespLimits(16, 1024, 4096, 1000);
    private boolean authenticated = true;

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new RespDecoder(LIMITS, RespCommands.table(), () -> authenticated,
            new RespMetrics(new SimpleMeterRegistry())));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static List<RespRequest> drain(EmbeddedChannel channel) {
        List<RespRequest> requests = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            requests.add((RespRequest) message);
        }
        return requests;
    }

    private static List<String> args(RespRequest request) {
        return Arrays.stream(request.args()).map(arg -> new String(arg, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void decode_pipelineSplitAtEveryByte_sameRequests() {
        String pipeline = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nxy\r\nGET k\r\n*1\r\n$4\r\nPING\r\n";
        EmbeddedChannel channel = channel();
        for (byte b : pipeline.getBytes(StandardCharsets.ISO_8859_1)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<RespRequest> requests = drain(channel);
        assertThat(requests).extracting(RespDecoderTest::args).containsExactly(List.of("SET", "k", "v\r\nxy"),
            List.of("GET", "k"), List.of("PING"));
        assertThat(requests).extracting(request -> request.command().name()).containsExactly("set", "get", "ping");
    }

    @Test
    void decode_unknownCommand_keepsItsNameForTheError() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("*2\r\n$6\r\nNoSuch\r\n$1\r\na\r\n"));
        RespRequest request = drain(channel).get(0);
        assertThat(request.command()).isNull();
        assertThat(args(request)).containsExactly("NoSuch", "a");
    }

    @Test
    void decode_valueOverLimitSentInChunks_refusedWithoutBufferingIt() {
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
        EmbeddedChannel channel = channel();
        channel.config().setAllocator(allocator);
        int size = 8 * 1024 * 1024;
        channel.writeInbound(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + size + "\r\n"));
        byte[] chunk = new byte[64 * 1024];
        long mostBuffered = 0;
        for (int sent = 0; sent < size; sent += chunk.length) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            mostBuffered = Math.max(mostBuffered, allocator.metric().usedHeapMemory());
        }
        channel.writeInbound(bytes("\r\nPING\r\n"));
        List<RespRequest> requests = drain(channel);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).rejection()).isEqualTo("ERR value is 8388608 bytes; max-value-bytes allows 1024");
        assertThat(requests.get(0).fatal()).isFalse();
        assertThat(args(requests.get(1))).containsExactly("PING");
        assertThat(mostBuffered).as("bytes held by the decoder").isLessThan(256 * 1024);
    }

    @Test
    void decode_keyOverMaxKeyBytes_refusedOnlyInAKeyPosition() {
        EmbeddedChannel channel = channel();
        String longKey = "k".repeat(17);
        channel.writeInbound(bytes("*3\r\n$3\r\nSET\r\n$17\r\n" + longKey + "\r\n$1\r\nv\r\n"
            + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$17\r\n" + longKey + "\r\n"
            + "MSET a 1 " + longKey + " 2\r\n"));
        List<RespRequest> requests = drain(channel);
        assertThat(requests.get(0).rejection()).isEqualTo("ERR key is 17 bytes; max-key-bytes allows 16");
        assertThat(requests.get(1).rejection()).isNull();
        assertThat(requests.get(2).rejection()).isEqualTo("ERR key is 17 bytes; max-key-bytes allows 16");
    }

    @Test
    void decode_argumentsOverMaxRequestBytes_refused() {
        EmbeddedChannel channel = channel();
        String value = "v".repeat(1000);
        StringBuilder mset = new StringBuilder("*11\r\n$4\r\nMSET\r\n");
        for (int i = 0; i < 5; i++) {
            mset.append("$1\r\n").append(i).append("\r\n$1000\r\n").append(value).append("\r\n");
        }
        channel.writeInbound(bytes(mset.toString()));
        assertThat(drain(channel).get(0).rejection())
            .isEqualTo("ERR request is over 4096 bytes; max-request-bytes allows 4096");
    }

    @Test
    void decode_tooManyArguments_protocolErrorThenNothing() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("*1001\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n"));
        List<RespRequest> requests = drain(channel);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).rejection()).isEqualTo("ERR Protocol error: invalid multibulk length");
        assertThat(requests.get(0).fatal()).isTrue();
    }

    @Test
    void decode_lineWithoutEndOver64KiB_protocolError() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("*" + "1".repeat(RespDecoder.MAX_LINE_BYTES - 1)));
        assertThat(drain(channel)).isEmpty();
        channel.writeInbound(bytes("1"));
        assertThat(drain(channel)).extracting(RespRequest::rejection)
            .containsExactly("ERR Protocol error: too big mbulk count string");
    }

    @Test
    void decode_nulBeforeTheLineEnd_waitsForMoreAsRedisStrchrDoes() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("echo a\u0000b\r\n"));
        assertThat(drain(channel)).isEmpty();
        channel.writeInbound(bytes("x".repeat(RespDecoder.MAX_LINE_BYTES)));
        assertThat(drain(channel)).extracting(RespRequest::rejection)
            .containsExactly("ERR Protocol error: too big inline request");
    }

    @Test
    void decode_unauthenticated_redisLimitsForUnauthenticatedClients() {
        authenticated = false;
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("*2\r\n$4\r\nAUTH\r\n$16385\r\n"));
        assertThat(drain(channel)).extracting(RespRequest::rejection)
            .containsExactly("ERR Protocol error: unauthenticated bulk length");
    }

    @Test
    void decode_emptyArrayAndBlankLines_ignored() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("*0\r\n*-1\r\n\r\n  \r\n*1\r\n$4\r\nPING\r\n"));
        assertThat(drain(channel)).extracting(RespDecoderTest::args).containsExactly(List.of("PING"));
    }
}
