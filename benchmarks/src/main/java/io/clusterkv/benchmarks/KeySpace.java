package io.clusterkv.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The data every core benchmark works on, computed once per trial: {@value #SIZE} text keys holding short JSON-like
 * strings and {@value #SIZE} counter keys holding longs, and the order in which operations visit them.
 *
 * <p>The visiting order is Zipfian (exponent 0.99, YCSB's default), so a few hot keys take much of the traffic as
 * in real use, and scrambled, so the hot keys sit far apart in the hash table rather than in neighbouring bins. It
 * is drawn in advance from a fixed seed: at run time a thread picks its next key with an array read, and every
 * store sees the same sequence.
 */
final class KeySpace {
    /** Distinct keys of each kind, and the length of the visiting order. */
    static final int SIZE = 1 << 16;
    /** {@code index & MASK} wraps a running index onto the visiting order. */
    static final int MASK = SIZE - 1;

    private static final double ZIPF_EXPONENT = 0.99;
    private static final long SEED = 0x5EED_C0FFEEL;

    private final String[] textKeys;
    private final String[] textValues;
    private final String[] counterKeys;
    private final String[] textKeysInVisitingOrder;
    private final String[] textValuesInVisitingOrder;
    private final String[] counterKeysInVisitingOrder;

    private KeySpace(int[] visitingOrder) {
        textKeys = new String[SIZE];
        textValues = new String[SIZE];
        counterKeys = new String[SIZE];
        for (int i = 0; i < SIZE; i++) {
            textKeys[i] = "user:" + i;
            textValues[i] = "{\"id\":" + i + ",\"name\":\"user " + i + "\",\"plan\":\"free\"}";
            counterKeys[i] = "views:" + i;
        }
        textKeysInVisitingOrder = pick(textKeys, visitingOrder);
        textValuesInVisitingOrder = pick(textValues, visitingOrder);
        counterKeysInVisitingOrder = pick(counterKeys, visitingOrder);
    }

    /** @return the key space with its Zipfian visiting order, the same on every call */
    static KeySpace create() {
        Random random = new Random(SEED);
        return new KeySpace(scramble(zipfianRanks(random), random));
    }

    /** Fills a store with every text key and every counter (at zero), without TTLs. */
    void populate(StoreUnderTest store) {
        for (int i = 0; i < SIZE; i++) {
            store.set(textKeys[i], textValues[i]);
            store.increment(counterKeys[i]);
        }
    }

    /** @return the text keys in visiting order: element {@code i} is the key of the {@code i}-th visit */
    String[] textKeys() {
        return textKeysInVisitingOrder;
    }

    /** @return the values to write in visiting order (each key's own value, so sizes stay stable) */
    String[] textValues() {
        return textValuesInVisitingOrder;
    }

    /** @return the counter keys in visiting order */
    String[] counterKeys() {
        return counterKeysInVisitingOrder;
    }

    /** Draws {@link #SIZE} ranks (0 is the hottest) by inverting the Zipf distribution's cumulative weights. */
    private static int[] zipfianRanks(Random random) {
        double[] cumulative = new double[SIZE];
        double total = 0;
        for (int rank = 0; rank < SIZE; rank++) {
            total += 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
            cumulative[rank] = total;
        }
        int[] ranks = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            int found = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            ranks[i] = Math.min(found >= 0 ? found : -found - 1, SIZE - 1);
        }
        return ranks;
    }

    /** Maps each rank to a key index through a random permutation, so popularity is unrelated to key order. */
    private static int[] scramble(int[] ranks, Random random) {
        int[] keyOfRank = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            keyOfRank[i] = i;
        }
        for (int i = SIZE - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = keyOfRank[i];
            keyOfRank[i] = keyOfRank[j];
            keyOfRank[j] = swapped;
        }
        int[] keys = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            keys[i] = keyOfRank[ranks[i]];
        }
        return keys;
    }

    private static String[] pick(String[] source, int[] indexes) {
        String[] picked = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = source[indexes[i]];
        }
        return picked;
    }
}
