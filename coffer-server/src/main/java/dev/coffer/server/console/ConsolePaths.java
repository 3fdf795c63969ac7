package dev.coffer.server.console;

/** The console's paths, shared by its security chain, its controller and its templates' links. */
final class ConsolePaths {

    static final String BASE = "/console";
    static final String LOGIN = BASE + "/login";
    static final String LOGOUT = BASE + "/logout";
    static final String DOWNLOAD = BASE + "/download";
    static final String AGENT_JAR_NAME = "coffer-agent.jar";
    static final String AGENT_JAR = DOWNLOAD + "/" + AGENT_JAR_NAME;

    private ConsolePaths() {
    }
}
