package dev.coffer.agent.command;

import java.time.LocalTime;

/** Lets tests in other packages reach {@link RunCommand}'s package-private parts. */
public final class RunCommandAccess {

    private RunCommandAccess() {
    }

    public static java.time.Duration pollInterval(String text) {
        return RunCommand.pollInterval(text);
    }

    public static LocalTime defaultTime(String deviceId) {
        return RunCommand.defaultTime(deviceId);
    }
}
