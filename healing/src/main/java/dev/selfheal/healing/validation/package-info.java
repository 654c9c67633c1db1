/**
 * Checks a fix plan passes before a person sees it: its diffs apply to the source, the edited sources and
 * generated tests compile, and its runtime actions stay within the operator's policy.
 */
package dev.selfheal.healing.validation;
