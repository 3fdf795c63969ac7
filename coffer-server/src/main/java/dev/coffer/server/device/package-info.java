/**
 * The devices (agents) of backup accounts: registration with the account's password or a one-time token under the
 * device count quota, device tokens and their authentication, schedules, and the runs the devices report.
 */
package dev.coffer.server.device;
