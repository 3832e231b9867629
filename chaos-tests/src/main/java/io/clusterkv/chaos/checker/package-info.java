/**
 * Checkers of chaos-run histories, as Jepsen's: each takes what a run recorded (a
 * {@link io.clusterkv.chaos.history.History}, final reads, node digests, a state dump) and returns a
 * {@link io.clusterkv.chaos.checker.Verdict} that says whether a property held, why not, and with examples of each
 * violation. Every checker is conservative: operations of unknown outcome are given every benefit of the doubt,
 * so a violation it reports is one no interleaving of the run could explain.
 */
@NullMarked
package io.clusterkv.chaos.checker;

import org.jspecify.annotations.NullMarked;
