/**
 * Edits to a healed service's Java source, made with JavaParser so that the rest of each file keeps its layout,
 * and the unified diffs, generated tests and notes a fix brings: fault tolerance on a REST client, a Bean
 * Validation constraint on a field, an exception mapper, a JUnit 5 test replaying recorded production calls.
 */
package dev.selfheal.healing.code;
