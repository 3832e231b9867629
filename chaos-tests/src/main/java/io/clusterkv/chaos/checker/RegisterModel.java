package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.Operation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sequential specification of one key used as a register: a write replaces the value, a read returns it, a
 * compare-and-set replaces it only if it holds the expected value, a delete empties it. {@code null} is the empty
 * register.
 */
final class RegisterModel {

    /** Returned by {@link #step} when the operation cannot happen in the given state. */
    static final Object ILLEGAL = new Object() {
        @Override
        public String toString() {
            return "illegal";
        }
    };

    private RegisterModel() {
    }

    /**
     * @param state the register's value before the operation
     * @param op    an acknowledged operation, or one of unknown outcome (whose result is not known)
     * @return the value after the operation, or {@link #ILLEGAL} if the operation's result contradicts the state
     */
    static @Nullable Object step(@Nullable Object state, Operation op) {
        return switch (op.function()) {
            case READ -> Objects.equals(state, op.result()) ? state : ILLEGAL;
            case WRITE -> op.writtenValue();
            case CAS -> Objects.equals(state, op.expectedValue()) ? op.writtenValue() : ILLEGAL;
            case DELETE -> deletes(state, op) ? null : ILLEGAL;
            default -> throw new IllegalArgumentException(op.function().jsonName() + " is not a register operation");
        };
    }

    // An acknowledged delete tells whether the key held a value; one of unknown outcome tells nothing.
    private static boolean deletes(@Nullable Object state, Operation op) {
        return !(op.result() instanceof Boolean existed) || existed == (state != null);
    }
}
