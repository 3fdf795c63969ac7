package dev.coffer.server.console;

/** The console's paths, shared by its security chain, its controller and its templates' links. */
public final class ConsolePaths {

    public static final String BASE = "/console";
    public static final String LOGIN = BASE + "/login";
    public static final String LOGOUT = BASE + "/logout";
    static final String DOWNLOAD = BASE + "/download";
    static final String AGENT_JAR_NAME = "coffer-agent.jar";
    static final String AGENT_JAR = DOWNLOAD + "/" + AGENT_JAR_NAME;

    private ConsolePaths() {
    }
}
