package io.clusterkv.node.resp;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The commands by name, found case-insensitively straight from the request's bytes, without building a String:
 * an open-addressing table over an ASCII-case-folded hash of the name.
 */
final class CommandTable {
    private final List<RespCommand> commands;
    private final RespCommand[] slots;
    private final byte[][] names;

    /** @param commands the commands; names must be unique and lower case */
    CommandTable(List<RespCommand> commands) {
        this.commands = List.copyOf(commands);
        int capacity = Integer.highestOneBit(Math.max(4, commands.size() * 4) - 1) << 1;
        this.slots = new RespCommand[capacity];
        this.names = new byte[capacity][];
        for (RespCommand command : commands) {
            add(command);
        }
    }

    private void add(RespCommand command) {
        if (!command.name().equals(command.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("command name must be lower case: " + command.name());
        }
        byte[] name = command.nameBytes();
        if (lookup(name) != null) {
            throw new IllegalArgumentException("command listed twice: " + command.name());
        }
        int slot = slotOf(name);
        while (slots[slot] != null) {
            slot = (slot + 1) & (slots.length - 1);
        }
        slots[slot] = command;
        names[slot] = name;
    }

    /** @return the command named by these bytes in any case, or null */
    @Nullable RespCommand lookup(byte[] name) {
        int slot = slotOf(name);
        while (slots[slot] != null) {
            if (equalsIgnoreAsciiCase(names[slot], name)) {
                return slots[slot];
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return null;
    }

    /** @return every command, in table order */
    List<RespCommand> all() {
        return commands;
    }

    private int slotOf(byte[] name) {
        int hash = 0;
        for (byte b : name) {
            hash = 31 * hash + lowerCase(b);
        }
        hash ^= hash >>> 16;
        return hash & (slots.length - 1);
    }

    /** @return whether the two byte strings are equal ignoring ASCII case */
    static boolean equalsIgnoreAsciiCase(byte[] lowerCaseName, byte[] candidate) {
        if (lowerCaseName.length != candidate.length) {
            return false;
        }
        for (int i = 0; i < candidate.length; i++) {
            if (lowerCaseName[i] != lowerCase(candidate[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
