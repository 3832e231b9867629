package io.clusterkv.node.resp;

/**
 * Redis' glob matching (KEYS, SCAN MATCH), byte for byte as its {@code stringmatchlen}: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a]}, {@code [a-z]} and backslash escapes, on the bytes of the key, so a pattern selects
 * exactly the keys it selects in Redis, malformed patterns included.
 */
final class GlobPattern {
    /** Redis' protection against patterns that would recurse too deeply. */
    private static final int MAX_NESTING = 1000;

    private final byte[] pattern;

    /** @param pattern the pattern's bytes */
    GlobPattern(byte[] pattern) {
        this.pattern = pattern;
    }

    /**
     * @return whether the pattern is "*", which Redis' KEYS and SCAN do not even match: it selects every key, the
     *     empty key too (which "**" does not match)
     */
    boolean matchesEverything() {
        return pattern.length == 1 && pattern[0] == '*';
    }

    /** @return whether the pattern has no special character, so it names exactly one key */
    boolean isLiteral() {
        for (byte b : pattern) {
            if (b == '*' || b == '?' || b == '[' || b == '\\') {
                return false;
            }
        }
        return true;
    }

    /** @return whether the key's bytes match the pattern */
    boolean matches(byte[] subject) {
        return new Matcher(subject).match(0, pattern.length, 0, subject.length, 0);
    }

    /** One match: the port of stringmatchlen_impl with indexes for its pointers. */
    private final class Matcher {
        private final byte[] subject;
        /** Set when the rest of the pattern matches nowhere in the rest of the subject: no longer match helps. */
        private boolean skipLongerMatches;

        Matcher(byte[] subject) {
            this.subject = subject;
        }

        /** The pattern byte at {@code i}, or 0 past its end, as C's terminating NUL. */
        private int p(int i) {
            return i < pattern.length ? pattern[i] : 0;
        }

        boolean match(int patternStart, int patternLength, int subjectStart, int subjectLength, int nesting) {
            if (nesting > MAX_NESTING) {
                return false;
            }
            int pi = patternStart;
            int pLen = patternLength;
            int si = subjectStart;
            int sLen = subjectLength;
            while (pLen > 0 && sLen > 0) {
                switch (p(pi)) {
                    case '*' -> {
                        while (pLen > 0 && p(pi + 1) == '*') {
                            pi++;
                            pLen--;
                        }
                        if (pLen == 1) {
                            return true;
                        }
                        while (sLen > 0) {
                            if (match(pi + 1, pLen - 1, si, sLen, nesting + 1)) {
                                return true;
                            }
                            if (skipLongerMatches) {
                                return false;
                            }
                            si++;
                            sLen--;
                        }
                        skipLongerMatches = true;
                        return false;
                    }
                    case '?' -> {
                        si++;
                        sLen--;
                    }
                    case '[' -> {
                        int[] state = {pi, pLen};
                        if (!matchClass(state, subject[si])) {
                            return false;
                        }
                        pi = state[0];
                        pLen = state[1];
                        si++;
                        sLen--;
                    }
                    default -> {
                        if (p(pi) == '\\' && pLen >= 2) {
                            pi++;
                            pLen--;
                        }
                        if (p(pi) != subject[si]) {
                            return false;
                        }
                        si++;
                        sLen--;
                    }
                }
                pi++;
                pLen--;
                if (sLen == 0) {
                    while (p(pi) == '*') {
                        pi++;
                        pLen--;
                    }
                    break;
                }
            }
            return pLen == 0 && sLen == 0;
        }

        /**
         * Matches one byte against a {@code [...]} class starting at {@code state[0]} (the '['), leaving
         * {@code state} at the class's last byte, as the C code leaves its pointer.
         */
        private boolean matchClass(int[] state, byte c) {
            int pi = state[0] + 1;
            int pLen = state[1] - 1;
            boolean not = p(pi) == '^';
            if (not) {
                pi++;
                pLen--;
            }
            boolean match = false;
            while (true) {
                if (p(pi) == '\\' && pLen >= 2) {
                    pi++;
                    pLen--;
                    if (p(pi) == c) {
                        match = true;
                    }
                } else if (p(pi) == ']') {
                    break;
                } else if (pLen == 0) {
                    pi--;
                    pLen++;
                    break;
                } else if (pLen >= 3 && p(pi + 1) == '-') {
                    int start = p(pi);
                    int end = p(pi + 2);
                    if (start > end) {
                        int swap = start;
                        start = end;
                        end = swap;
                    }
                    pi += 2;
                    pLen -= 2;
                    if (c >= start && c <= end) {
                        match = true;
                    }
                } else if (p(pi) == c) {
                    match = true;
                }
                pi++;
                pLen--;
            }
            state[0] = pi;
            state[1] = pLen;
            return not != match;
        }
    }
}
