/** Fault injection against real node processes and checkers of the histories. */
package io.clusterkv.chaos;
