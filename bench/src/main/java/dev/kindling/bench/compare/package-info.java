/**
 * The benchmark that compares Kindling with other component frameworks and with a ceiling component, through
 * a real server (Prosody, ejabberd) and in direct mode, where the benchmark itself plays the server side of
 * XEP-0114. Start with {@link dev.kindling.bench.compare.Runner}.
 */
package dev.kindling.bench.compare;
