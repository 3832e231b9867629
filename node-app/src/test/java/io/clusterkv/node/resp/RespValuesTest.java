package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The conversion between RESP byte strings and the store's keys and values. */
class RespValuesTest {

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", "-42", "9223372036854775807", "-9223372036854775808"})
    void toStored_canonicalIntegerInLongRange_isALong(String text) {
        assertThat(RespValues.toStored(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-0", "007", "+5", " 5", "5 ", "1.5", "1e3", "-", "9223372036854775808",
        "-9223372036854775809", "0x10", "１２"})
    void toStored_anythingElseThatIsUtf8_isTheString(String text) {
        assertThat(RespValues.toStored(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void toStored_invalidUtf8_isTheBytes() {
        List<byte[]> invalid = List.of(bytes(0xff), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xe2, 0x82),
            bytes(0xf4, 0x90, 0x80, 0x80), bytes('a', 0x80));
        for (byte[] value : invalid) {
            assertThat(RespValues.toStored(value)).isEqualTo(value);
        }
    }

    @Test
    void toKey_validUtf8_theSameStringAsJava() {
        assertThat(RespValues.toKey("user:123".getBytes(StandardCharsets.UTF_8))).isEqualTo("user:123");
        assertThat(RespValues.toKey("clé €😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("clé €😀");
    }

    @Test
    void toKey_anyBytes_distinctKeysThatReadBackByteForByte() {
        Random random = new Random(7);
        Set<String> keys = new HashSet<>();
        Set<String> distinctInputs = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(6)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 0) {
                bytes[0] = (byte) (0xc0 + random.nextInt(0x35)); // a lead byte, often followed by junk
            }
            String key = RespValues.toKey(bytes);
            assertThat(RespValues.keyBytes(key)).isEqualTo(bytes);
            assertThat(RespValues.keyLength(key)).isEqualTo(bytes.length);
            keys.add(key);
            distinctInputs.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        assertThat(keys).hasSameSizeAs(distinctInputs);
        assertThat(RespValues.toKey(bytes(0xe9))).isNotEqualTo(RespValues.toKey(bytes(0xc3, 0xa9)));
    }

    @Test
    void toJson_javaApiValues_theirJsonText() {
        assertThat(new String(RespValues.toJson(Map.of("a", List.of(1, true))), StandardCharsets.UTF_8))
            .isEqualTo("{\"a\":[1,true]}");
        assertThat(new String(RespValues.toJson(1.5), StandardCharsets.UTF_8)).isEqualTo("1.5");
    }
}
