/**
 * The Customer Control Panel: what all its pages share (paths, login page, error page, form errors). Each feature's
 * pages live in {@code panel.<feature>} (customers, users, backup, tokens; quota widgets in {@code panel.quota}).
 */
package dev.coffer.server.panel;
