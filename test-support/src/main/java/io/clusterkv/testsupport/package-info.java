/** Shared test fixtures: node launchers, workloads and checkers (test scope only). */
package io.clusterkv.testsupport;
