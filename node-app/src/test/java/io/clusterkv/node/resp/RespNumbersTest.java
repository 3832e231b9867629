package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Integers as Redis reads them: string2ll for arguments, strtoul for SCAN cursors. */
class RespNumbersTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-7", "10", "9223372036854775807", "-9223372036854775808"})
    void isCanonicalLong_canonicalDecimals_acceptedWithTheirValue(String text) {
        assertThat(RespNumbers.isCanonicalLong(ascii(text))).isTrue();
        assertThat(RespNumbers.parseCanonicalLong(ascii(text))).isEqualTo(Long.parseLong(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "-0", "00", "01", "+1", " 1", "1 ", "1a", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999", "123456789012345678901"})
    void isCanonicalLong_anythingElse_refused(String text) {
        assertThat(RespNumbers.isCanonicalLong(ascii(text))).isFalse();
    }

    @Test
    void parseCursor_strtoulRules() {
        assertThat(RespNumbers.parseCursor(ascii("0"))).isZero();
        assertThat(RespNumbers.parseCursor(ascii(""))).isZero();
        assertThat(RespNumbers.parseCursor(ascii("+12"))).isEqualTo(12);
        assertThat(RespNumbers.parseCursor(ascii("007"))).isEqualTo(7);
        assertThat(RespNumbers.parseCursor(ascii("18446744073709551615"))).isEqualTo(-1L);
        assertThat(RespNumbers.parseCursor(ascii("-1"))).isEqualTo(-1L);
        assertThat(RespNumbers.parseCursor(ascii("18446744073709551616"))).isNull();
        assertThat(RespNumbers.parseCursor(ascii(" 1"))).isNull();
        assertThat(RespNumbers.parseCursor(ascii("1x"))).isNull();
        assertThat(RespNumbers.parseCursor(ascii("-"))).isNull();
    }
}
