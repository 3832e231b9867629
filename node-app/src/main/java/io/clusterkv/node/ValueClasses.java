package io.clusterkv.node;

import io.clusterkv.config.SettingsException;
import java.util.List;

/** Loads the value classes named in the kryo-classes setting. */
final class ValueClasses {
    private ValueClasses() {
    }

    static Class<?>[] load(List<String> names) {
        Class<?>[] classes = new Class<?>[names.size()];
        for (int i = 0; i < names.size(); i++) {
            try {
                classes[i] = Class.forName(names.get(i), false, ValueClasses.class.getClassLoader());
            } catch (ClassNotFoundException missing) {
                throw new SettingsException("setting 'kryo-classes' names " + names.get(i) + ", which is not on the "
                    + "class path; add its jar with CLUSTERKV_CLASSPATH or remove it");
            }
        }
        return classes;
    }
}
