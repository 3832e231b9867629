package io.clusterkv.config;

/** How much a node logs. */
public enum LogLevel {
    /** Failures only. */
    ERROR,
    /** Failures and what may become one. */
    WARN,
    /** Life cycle: joins, views, state transfers, reconciliations. */
    INFO,
    /** Protocol detail, for diagnosing. */
    DEBUG
}
