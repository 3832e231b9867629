package io.clusterkv.node.resp;

/**
 * Which arguments of a command are keys, as Redis' COMMAND INFO reports them: from {@code first} to {@code last}
 * (negative: counted from the end, -1 being the last argument) every {@code step}-th argument.
 *
 * @param first the index of the first key, 0 if the command takes no key
 * @param last  the index of the last key, negative to count from the end
 * @param step  the distance between keys
 */
record KeyPositions(int first, int last, int step) {
    /** A command without keys. */
    static final KeyPositions NONE = new KeyPositions(0, 0, 0);
    /** One key, the first argument. */
    static final KeyPositions FIRST = new KeyPositions(1, 1, 1);
    /** Every argument is a key (DEL, EXISTS, MGET). */
    static final KeyPositions ALL = new KeyPositions(1, -1, 1);
    /** Key, value, key, value... (MSET). */
    static final KeyPositions PAIRS = new KeyPositions(1, -1, 2);

    /** @return whether the argument at {@code index} of a command of {@code argc} arguments is a key */
    boolean isKey(int index, int argc) {
        if (first == 0 || index < first) {
            return false;
        }
        int lastIndex = last >= 0 ? last : argc + last;
        return index <= lastIndex && (index - first) % step == 0;
    }
}
