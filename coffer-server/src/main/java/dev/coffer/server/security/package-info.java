/** The filter chains (agent protocol, API, panel, Management Console): which path takes which authentication; may use every authentication feature (identity, apitoken, console, device). */
package dev.coffer.server.security;
