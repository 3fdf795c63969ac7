/** The quota widget shared by the panel's forms (limits, overages, hints of what is left), usage bars, and placing the services' field problems next to form fields. */
package dev.coffer.server.panel.quota;
