package dev.coffer.server.console;

/** The console's paths, shared by its security chain, its controller and its templates' links. */
public final class ConsolePaths {

    public static final String BASE = "/console";
    public static final String LOGIN = BASE + "/login";
    public static final String LOGOUT = BASE + "/logout";
    static final String DOWNLOAD = BASE + "/download";
    static final String AGENT_JAR_NAME = "coffer-agent.jar";
    static final String AGENT_JAR = DOWNLOAD + "/" + AGENT_JAR_NAME;

    /** Other users' backups, for a user with "Manage backups for other users". */
    static final String USERS = BASE + "/users";

    /** The page of a user's backups: the home page for one's own. */
    static String userPage(long userId, long selfUserId) {
        return userId == selfUserId ? BASE : USERS + "/" + userId;
    }

    /** The prefix of a user's device actions, {@code + deviceId + "/schedule"} or {@code "/remove"}. */
    static String devicesOf(long userId) {
        return USERS + "/" + userId + "/devices/";
    }

    private ConsolePaths() {
    }
}
