package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reply encoding in RESP2 and RESP3. */
class RespReplyWriterTest {
    private final ByteBuf buffer = Unpooled.buffer();
    private final ReplyWriter writer = new ReplyWriter();

    RespReplyWriterTest() {
        writer.target(buffer);
    }

    private String written() {
        String text = buffer.toString(StandardCharsets.ISO_8859_1);
        buffer.clear();
        return text;
    }

    @Test
    void integersAndNumbersAsBulk_everyLength() {
        for (long value : new long[] {0, 1, -1, 9, 10, 99, 100, 123456789, Long.MAX_VALUE, Long.MIN_VALUE}) {
            writer.integer(value);
            assertThat(written()).isEqualTo(":" + value + "\r\n");
            writer.value(value);
            assertThat(written()).isEqualTo("$" + Long.toString(value).length() + "\r\n" + value + "\r\n");
        }
    }

    @Test
    void values_eachStoredType() {
        writer.value("héllo");
        assertThat(written()).isEqualTo("$6\r\nh\u00c3\u00a9llo\r\n");
        writer.value(new byte[] {(byte) 0xff, 0});
        assertThat(written()).isEqualTo("$2\r\n\u00ff\u0000\r\n");
        writer.value(42);
        assertThat(written()).isEqualTo("$2\r\n42\r\n");
        writer.value(Map.of("k", 1));
        assertThat(written()).isEqualTo("$7\r\n{\"k\":1}\r\n");
    }

    @Test
    void nullMapAndVerbatim_dependOnTheProtocol() {
        writer.nullValue();
        writer.mapHeader(1);
        writer.verbatim("ab");
        assertThat(written()).isEqualTo("$-1\r\n*2\r\n$2\r\nab\r\n");
        writer.resp3(true);
        writer.nullValue();
        writer.mapHeader(1);
        writer.setHeader(2);
        writer.verbatim("ab");
        assertThat(written()).isEqualTo("_\r\n%1\r\n~2\r\n=6\r\ntxt:ab\r\n");
    }

    @Test
    void error_newlinesBecomeSpaces() {
        writer.error("ERR a\r\nb");
        assertThat(written()).isEqualTo("-ERR a  b\r\n");
    }
}
