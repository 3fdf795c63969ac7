package dev.coffer.agent;

import dev.coffer.agent.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CofferAgentTest {

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        AgentRunner.Result result = new AgentRunner().run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("init", "backup", "snapshots", "ls", "restore", "diff", "forget", "prune",
                "check", "key", "register", "run");
        assertThat(result.out()).contains("Exit codes:")
                .containsPattern("3 +backup saved, but some files could not be read")
                .containsPattern("10 +repository not found")
                .containsPattern("11 +repository already exists")
                .containsPattern("12 +wrong passphrase")
                .containsPattern("20 +a quota on the server refused the backup")
                .containsPattern("21 +the device was removed on the server")
                .containsPattern("22 +the backup account is suspended")
                .containsPattern("23 +the customer is disabled")
                .containsPattern("24 +this agent is not registered")
                .containsPattern("25 +registration refused")
                .containsPattern("26 +the server could not be reached");
    }

    @Test
    void subcommandHelpShowsTheExitCodesToo() {
        AgentRunner.Result result = new AgentRunner().run("backup", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--exclude", "--tag", "--repo").containsPattern("12 +wrong passphrase");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLinePlusAHint() {
        AgentRunner.Result result = new AgentRunner().run("snapshots", "--bogus");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err()).contains("--bogus", "see 'coffer-agent snapshots --help'");
    }

    @Test
    void backupWithoutPathsIsAUsageError() {
        AgentRunner.Result result = new AgentRunner().env("COFFER_REPO", "/tmp/x").run("backup");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("PATH");
    }

    @Test
    void restoreNeedsATarget() {
        AgentRunner.Result result = new AgentRunner().run("restore", "latest");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--target");
    }

    @Test
    void negativeKeepCountIsAUsageErrorNamingTheOption() {
        AgentRunner.Result result = new AgentRunner().env("COFFER_REPO", "/tmp/x").run("forget", "--keep-daily", "-1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--keep-daily must be 0 or more").doesNotContain("Exception");
    }

    @Test
    void onlyTheSubcommandTheArgumentsNameIsBuiltWhenTheyNameOneWithoutDoubt() {
        assertThat(CofferAgent.subcommandNamed("backup", "/home")).contains("backup");
        assertThat(CofferAgent.subcommandNamed("--repo", "restore", "-q", "backup", "/x")).contains("backup");
        assertThat(CofferAgent.subcommandNamed("--repo=/r", "--json", "--config", "/c", "snapshots")).contains("snapshots");
        assertThat(CofferAgent.subcommandNamed("-p", "file", "key", "add")).contains("key");
        assertThat(CofferAgent.subcommandNamed("--help")).isEmpty();
        assertThat(CofferAgent.subcommandNamed()).isEmpty();
        assertThat(CofferAgent.subcommandNamed("bakup", "/home")).isEmpty();
        assertThat(CofferAgent.subcommandNamed("-qr", "/r", "backup")).isEmpty();
        assertThat(CofferAgent.subcommandNamed("--repo")).isEmpty();
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatPointsToTheHelp() {
        AgentRunner.Result result = new AgentRunner().run("bakup", "/home");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("'bakup'", "see 'coffer-agent --help'");
    }

    @Test
    void globalOptionsBeforeTheCommandStillApplyToIt() {
        AgentRunner.Result result = new AgentRunner().env("COFFER_PASSWORD", "x")
                .run("--repo", "/nowhere/repo", "--json", "snapshots");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REPOSITORY_NOT_FOUND);
        assertThat(result.err()).contains("/nowhere/repo");
    }

    @Test
    void versionIsPrinted() {
        AgentRunner.Result result = new AgentRunner().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("coffer-agent");
    }
}
