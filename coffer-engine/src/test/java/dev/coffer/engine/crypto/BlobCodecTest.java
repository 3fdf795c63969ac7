package dev.coffer.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.compress.Compressor;

class BlobCodecTest {

    private final MasterKey key = MasterKey.random();
    private final BlobCodec codec = new BlobCodec(Aead.of(key), new Compressor(3));
    private final Hashes hashes = new Hashes(key);

    @Test
    void roundTripsAndCompressesText() {
        byte[] plain = "hello hello hello hello hello hello hello hello hello hello hello hello".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        String id = hashes.blobId(plain);
        byte[] encoded = codec.encode(BlobType.DATA, plain, id);
        assertThat(encoded.length).isLessThan(plain.length / 10);
        assertThat(codec.decode(BlobType.DATA, encoded, id)).isEqualTo(plain);
    }

    @Test
    void detectsAFlippedByteAnotherIdAnotherTypeAndAnotherKey() {
        byte[] plain = "some data".getBytes(StandardCharsets.UTF_8);
        String id = hashes.blobId(plain);
        byte[] encoded = codec.encode(BlobType.DATA, plain, id);

        for (int i = 0; i < encoded.length; i++) {
            byte[] bad = encoded.clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> codec.decode(BlobType.DATA, bad, id)).isInstanceOf(RuntimeException.class);
        }
        String otherId = hashes.blobId("other".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(BlobType.DATA, encoded, otherId)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> codec.decode(BlobType.TREE, encoded, id)).isInstanceOf(AuthenticationException.class);
        BlobCodec otherKey = new BlobCodec(Aead.of(MasterKey.random()), new Compressor(3));
        assertThatThrownBy(() -> otherKey.decode(BlobType.DATA, encoded, id)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void everySealUsesAFreshNonceAndOpensIntoTheCallersArray() {
        Aead aead = Aead.of(key);
        byte[] plain = "same message".getBytes(StandardCharsets.UTF_8);
        java.util.Set<String> nonces = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) { // several refills of the per-thread nonce pool
            byte[] sealed = aead.seal(plain, new byte[0]);
            assertThat(nonces.add(java.util.HexFormat.of().formatHex(sealed, 0, Aead.NONCE_BYTES))).isTrue();
            byte[] out = new byte[plain.length + 4];
            assertThat(aead.open(sealed, 0, sealed.length, new byte[0], out, 4)).isEqualTo(plain.length);
            assertThat(java.util.Arrays.copyOfRange(out, 4, out.length)).isEqualTo(plain);
        }
        byte[] sealed = aead.seal(plain, new byte[0]);
        sealed[Aead.NONCE_BYTES] ^= 1;
        byte[] out = new byte[plain.length];
        assertThatThrownBy(() -> aead.open(sealed, 0, sealed.length, new byte[0], out, 0)).isInstanceOf(AuthenticationException.class);
        assertThat(out).containsOnly(0);
    }

    @Test
    void idsDependOnTheRepositoryKey() {
        byte[] plain = "same content".getBytes(StandardCharsets.UTF_8);
        assertThat(hashes.blobId(plain)).hasSize(64).isNotEqualTo(new Hashes(MasterKey.random()).blobId(plain));
    }
}
