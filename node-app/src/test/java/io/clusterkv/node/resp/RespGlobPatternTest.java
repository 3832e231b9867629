package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redis' glob matching, including its handling of malformed patterns. */
class RespGlobPatternTest {

    private static boolean matches(String pattern, String subject) {
        return new GlobPattern(pattern.getBytes(StandardCharsets.ISO_8859_1))
            .matches(subject.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
        *          | anything   | true
        *          | ''         | false
        **         | ''         | false
        h?llo      | hello      | true
        h?llo      | hllo       | false
        h*llo      | hllo       | true
        h*llo      | heeeello   | true
        h*llo      | hellx      | false
        h[ae]llo   | hallo      | true
        h[ae]llo   | hillo      | false
        h[^e]llo   | hallo      | true
        h[^e]llo   | hello      | false
        h[a-b]llo  | hbllo      | true
        h[b-a]llo  | hbllo      | true
        h[a-b]llo  | hcllo      | false
        h\\*llo    | h*llo      | true
        h\\*llo    | hello      | false
        [\\]]      | ]          | true
        a\\        | a\\        | true
        [abc       | c          | true
        [abc       | b          | true
        [abc       | d          | false
        *[         | x[         | false
        a*b*c      | aXbYc      | true
        a*b*c      | aXbY       | false
        user:*     | user:1     | true
        ''         | ''         | true
        ''         | a          | false
        """)
    void matches_redisSemantics(String pattern, String subject, boolean expected) {
        assertThat(matches(pattern, subject)).isEqualTo(expected);
    }

    @Test
    void matches_nonAsciiBytes_matchedBytewise() {
        assertThat(matches("caf?", "caf\u00c3\u00a9")).isFalse();
        assertThat(matches("caf??", "caf\u00c3\u00a9")).isTrue();
        assertThat(matches("[\u00c0-\u00ff]", "\u00e9")).isTrue();
    }

    @Test
    void matches_pathologicalPattern_finishesQuickly() {
        String pattern = "a*".repeat(30) + "b";
        String subject = "a".repeat(5000);
        assertThatCode(() -> assertThat(matches(pattern, subject)).isFalse()).doesNotThrowAnyException();
        long start = System.nanoTime();
        matches(pattern, subject);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void literalAndMatchAll_recognized() {
        assertThat(new GlobPattern("user:1".getBytes(StandardCharsets.US_ASCII)).isLiteral()).isTrue();
        assertThat(new GlobPattern("user:?".getBytes(StandardCharsets.US_ASCII)).isLiteral()).isFalse();
        assertThat(new GlobPattern("*".getBytes(StandardCharsets.US_ASCII)).matchesEverything()).isTrue();
        assertThat(new GlobPattern("**".getBytes(StandardCharsets.US_ASCII)).matchesEverything()).isFalse();
        assertThat(new GlobPattern("*a".getBytes(StandardCharsets.US_ASCII)).matchesEverything()).isFalse();
    }
}
