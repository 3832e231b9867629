/** Typed, validated settings of a node: defaults, a file, environment variables and flags. */
package io.clusterkv.config;
