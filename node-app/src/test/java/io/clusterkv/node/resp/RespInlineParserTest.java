package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline commands split as Redis' sdssplitargs splits them. */
class RespInlineParserTest {

    private static List<String> split(String line) {
        List<byte[]> args = InlineParser.split(line.getBytes(StandardCharsets.ISO_8859_1));
        return args == null ? null
            : args.stream().map(arg -> new String(arg, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void split_blanksAndQuotes_redisArguments() {
        assertThat(split("  set  key \t value ")).containsExactly("set", "key", "value");
        assertThat(split("set k \"a b\\x41\\n\\\"\" 'it\\'s' \"\"")).containsExactly("set", "k", "a bA\n\"", "it's",
            "");
        assertThat(split("echo a\"b c\"")).containsExactly("echo", "ab c");
        assertThat(split("echo \"\\xZZ\"")).containsExactly("echo", "xZZ");
        assertThat(split("")).isEmpty();
        assertThat(split(" \u000b ")).isEmpty();
    }

    @Test
    void split_unbalancedQuotes_null() {
        assertThat(split("echo \"open")).isNull();
        assertThat(split("echo 'open")).isNull();
        assertThat(split("echo \"a\"b")).isNull();
        assertThat(split("echo 'a'b")).isNull();
    }

    @Test
    void split_nulByte_endsTheLineAsInC() {
        assertThat(split("echo a\u0000b c")).containsExactly("echo", "a");
    }
}
