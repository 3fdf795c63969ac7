package dev.coffer.server.device;

/** How a run ended, as the device reported it; RUNNING until it reports the end. */
public enum RunStatus {
    RUNNING,
    SUCCESS,
    WARNING,
    ERROR
}
