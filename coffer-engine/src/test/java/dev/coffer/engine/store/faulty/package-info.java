/** Test code only (not in the shipped jar): a store wrapper that injects failures, crashes and corruption on request, for tests of retries and recovery. */
package dev.coffer.engine.store.faulty;
