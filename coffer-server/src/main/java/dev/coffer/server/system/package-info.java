/** Infrastructure shared by every feature: API error handling and problem JSON, strict JSON, the clock, OpenAPI, SQL timestamps, input checks, versions (ETag/If-Match) and the exceptions. */
package dev.coffer.server.system;
