package io.clusterkv.benchmarks.replicated;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/**
 * Hazelcast's increment: an entry processor that adds one to a {@code Long} (a missing entry counts as 0) and
 * returns the new value. It runs on the key's owner, on the partition thread, so it is atomic; the backup applies
 * the same processor. Identified data serializable, as Hazelcast recommends for anything on a hot path (no class
 * name and no reflection on the wire).
 */
public final class IncrementProcessor implements EntryProcessor<String, Object, Long>, IdentifiedDataSerializable {
    static final int FACTORY_ID = 7_100;
    static final int CLASS_ID = 1;
    static final IncrementProcessor INSTANCE = new IncrementProcessor();
    static final DataSerializableFactory FACTORY = type -> type == CLASS_ID ? INSTANCE : null;

    @Override
    public Long process(Map.Entry<String, Object> entry) {
        Object current = entry.getValue();
        long next = current == null ? 1 : Math.addExact((Long) current, 1);
        entry.setValue(next);
        return next;
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // stateless
    }

    @Override
    public void readData(ObjectDataInput in) {
        // stateless
    }
}
