package io.clusterkv.node.resp;

import java.util.ArrayList;
import java.util.List;

/** Reshapes raw RESP replies for comparisons where only the order of elements may differ. */
final class RespReplies {
    private final String raw;
    private int position;

    private RespReplies(String raw) {
        this.raw = raw;
    }

    /**
     * @return the reply with the elements of every array of plain strings sorted (KEYS and SCAN list keys in an
     *     order that is not part of their contract)
     */
    static String sortStringArrays(String raw) {
        return new RespReplies(raw).value();
    }

    private String value() {
        String line = line();
        char type = line.charAt(0);
        if (type == '$' && !line.equals("$-1\r\n")) {
            int length = Integer.parseInt(line.substring(1, line.length() - 2));
            String body = raw.substring(position, position + length + 2);
            position += length + 2;
            return line + body;
        }
        if (type != '*' || line.equals("*-1\r\n")) {
            return line;
        }
        int count = Integer.parseInt(line.substring(1, line.length() - 2));
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            elements.add(value());
        }
        if (elements.stream().allMatch(element -> element.startsWith("$"))) {
            elements.sort(null);
        }
        return line + String.join("", elements);
    }

    private String line() {
        int end = raw.indexOf("\r\n", position) + 2;
        String line = raw.substring(position, end);
        position = end;
        return line;
    }
}
