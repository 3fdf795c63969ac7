package dev.coffer.engine.store.remote;

import dev.coffer.engine.store.AppendOnlyStoreContractTest;
import dev.coffer.engine.store.Store;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The whole store contract (append-only) of {@link RemoteStore} against the protocol's object endpoints. */
class RemoteStoreTest extends AppendOnlyStoreContractTest {

    private FakeObjectServer server;

    @Override
    protected Store newStore() throws Exception {
        server = new FakeObjectServer(false);
        return new RemoteStore(new ServerConnection(server.uri(), Optional.of(FakeObjectServer.TOKEN)));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
