package io.clusterkv.core;

import org.jspecify.annotations.Nullable;

/**
 * What {@link KvStore#set(String, Object, SetOptions)} did.
 *
 * @param applied  whether the value was stored (false when the condition did not hold)
 * @param previous the live value the key held before the call, or null (Redis SET ... GET)
 */
public record SetOutcome(boolean applied, @Nullable Object previous) {
}
