/** Coffer server: Spring Boot application; one package per feature. */
package dev.coffer.server;
