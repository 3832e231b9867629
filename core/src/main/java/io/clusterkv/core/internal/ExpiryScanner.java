package io.clusterkv.core.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * Finds expired entries a bounded number at a time, resuming where the previous round stopped, so that every key
 * is looked at within (keys / batch) rounds and no round holds up anything for long (the idea of Redis' active
 * expire cycle, with a resumable cursor instead of random sampling). Used from one thread at a time.
 */
public final class ExpiryScanner {

    /** Receives each expired entry found. */
    @FunctionalInterface
    public interface ExpiredEntryVisitor {
        /**
         * @param key the key whose deadline has passed
         * @param raw the raw entry as found, for a removal that checks nothing changed since
         */
        void expired(String key, Object raw);
    }

    /**
     * The counts of one scan.
     *
     * @param scanned entries looked at
     * @param expired entries found expired
     */
    public record Round(int scanned, int expired) {
        /** @return whether so many of the entries were expired that another round should follow at once */
        public boolean worthRepeating() {
            return scanned > 0 && expired * 4 > scanned;
        }
    }

    private final StoreEngine engine;
    private Iterator<Map.Entry<String, Object>> cursor;

    /** @param engine the entries to scan */
    public ExpiryScanner(StoreEngine engine) {
        this.engine = engine;
        this.cursor = engine.scanIterator();
    }

    /**
     * Looks at up to {@code limit} entries after the cursor (wrapping around once at the end).
     *
     * @return how many were looked at and how many were expired
     */
    public Round scan(int limit, long now, ExpiredEntryVisitor visitor) {
        int scanned = 0;
        int expired = 0;
        boolean wrapped = false;
        while (scanned < limit) {
            if (!cursor.hasNext()) {
                cursor = engine.scanIterator();
                if (wrapped || !cursor.hasNext()) {
                    break;
                }
                wrapped = true;
            }
            Map.Entry<String, Object> entry = cursor.next();
            scanned++;
            if (StoreEngine.isExpired(entry.getValue(), now)) {
                expired++;
                visitor.expired(entry.getKey(), entry.getValue());
            }
        }
        return new Round(scanned, expired);
    }
}
