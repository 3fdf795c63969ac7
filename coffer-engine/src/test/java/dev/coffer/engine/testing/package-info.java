/** Test helpers shared by the engine tests: trees with every kind of entry, and comparing them. */
package dev.coffer.engine.testing;
