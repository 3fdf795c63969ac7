/** The filter chains (API, panel, Management Console): which path takes which authentication; may use every authentication feature (identity, apitoken, console). */
package dev.coffer.server.security;
