package dev.coffer.agent.command;

import dev.coffer.engine.repository.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** Creates a new repository. */
@Command(name = "init", description = "Create a new repository at --repo, protected by a passphrase.")
public final class InitCommand extends AgentCommand {

    public InitCommand(CommandContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        CommandContext agent = context;
        Repositories.refuseOnServer(agent, "init");
        try (Repository repository = Repositories.init(agent)) {
            String location = Repositories.location(agent);
            agent.println("created repository " + repository.id().substring(0, 8) + " at " + location);
            agent.println("keep the passphrase safe: without it nobody can restore these backups");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", repository.id());
            json.put("repository", location);
            agent.printJson(json);
        }
        return 0;
    }
}
