package dev.coffer.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the command-line agent. */
@Command(name = "coffer-agent", mixinStandardHelpOptions = true, version = "coffer-agent 0.1.0",
        description = "Backs up this machine to a Coffer repository.")
public final class CofferAgent implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CofferAgent()).execute(args));
    }
}
