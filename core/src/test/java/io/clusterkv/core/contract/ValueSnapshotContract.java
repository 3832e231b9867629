package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Stored values are snapshots: no mutation after set or after get reaches the store. */
public abstract class ValueSnapshotContract extends StoreContract {

    /** A mutable user class, as an application would store (a cluster must register it). */
    public static final class Profile {
        String name;
        List<String> tags = new ArrayList<>();

        /** For serializers. */
        public Profile() {
        }

        /** @param name the profile's name */
        public Profile(String name) {
            this.name = name;
        }
    }

    @Test
    void set_nestedMapMutatedAfterwards_storeKeepsOriginal() {
        Map<String, Object> user = new LinkedHashMap<>();
        List<Object> roles = new ArrayList<>(List.of("admin"));
        user.put("name", "John");
        user.put("roles", roles);

        kv.set("user", user);
        user.put("name", "Mallory");
        roles.add("root");

        assertThat(kv.get("user")).isEqualTo(Map.of("name", "John", "roles", List.of("admin")));
    }

    @Test
    void get_returnedListMutated_storeKeepsOriginal() {
        kv.set("list", new ArrayList<>(List.of(1, 2)));

        @SuppressWarnings("unchecked")
        List<Object> read = kv.get("list", List.class);
        read.add(3);

        assertThat(kv.get("list")).isEqualTo(List.of(1, 2));
    }

    @Test
    void bytes_mutatedBeforeAndAfter_storeKeepsOriginal() {
        byte[] value = {1, 2, 3};
        kv.set("bytes", value);
        value[0] = 9;
        byte[] read = kv.get("bytes", byte[].class);
        read[1] = 9;

        assertThat(kv.get("bytes", byte[].class)).containsExactly(1, 2, 3);
    }

    @Test
    void userClass_mutatedAfterSetAndAfterGet_storeKeepsOriginal() {
        Profile profile = new Profile("ada");
        profile.tags.add("math");

        kv.set("profile", profile);
        profile.name = "eve";
        profile.tags.add("crypto");
        Profile read = kv.get("profile", Profile.class);
        read.tags.clear();

        Profile again = kv.get("profile", Profile.class);
        assertThat(again).isNotSameAs(profile);
        assertThat(again.name).isEqualTo("ada");
        assertThat(again.tags).containsExactly("math");
    }

    @Test
    void otherCollections_keepTheirClassAndAreCopied() {
        LinkedList<String> queue = new LinkedList<>(List.of("a"));
        TreeMap<String, Integer> sorted = new TreeMap<>(Map.of("b", 2, "a", 1));
        kv.set("queue", queue);
        kv.set("sorted", sorted);
        queue.add("b");
        sorted.put("c", 3);

        assertThat(kv.get("queue")).isInstanceOf(LinkedList.class).isEqualTo(List.of("a"));
        assertThat(kv.get("sorted")).isInstanceOf(TreeMap.class).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void immutableCollections_storedAndReadBack() {
        kv.set("fixed", List.of("x", Map.of("k", 1)));

        assertThat(kv.get("fixed")).isEqualTo(List.of("x", Map.of("k", 1)));
    }

    @Test
    void msetValuesAndDumpValues_areSnapshots() {
        Map<String, Object> inner = new HashMap<>(Map.of("n", 1));
        kv.mset(Map.of("m", inner));
        inner.put("n", 2);

        @SuppressWarnings("unchecked")
        Map<String, Object> dumped = (Map<String, Object>) kv.dump().get("m");
        dumped.put("n", 3);

        assertThat(kv.get("m")).isEqualTo(Map.of("n", 1));
        assertThat(kv.values()).containsExactly(Map.of("n", 1));
        assertThat(kv.mget(List.of("m"))).containsExactly(Map.of("n", 1));
    }

    @Test
    void supportedScalarTypes_roundTrip() {
        kv.set("string", "s");
        kv.set("byte", (byte) 1);
        kv.set("short", (short) 2);
        kv.set("int", 3);
        kv.set("long", 4L);
        kv.set("float", 1.5f);
        kv.set("double", 2.5d);
        kv.set("bool", true);

        assertThat(kv.mget(List.of("string", "byte", "short", "int", "long", "float", "double", "bool")))
            .containsExactly("s", (byte) 1, (short) 2, 3, 4L, 1.5f, 2.5d, true);
    }
}
