package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @Test
    void mintsAnHs256JwtWithTheRoleSignedWithTheSecret() throws Exception {
        String token = BearerToken.mint(SECRET, "bin-benchmark", "viewer", 3_600, CLOCK);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        assertThat(new String(b64.decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(new String(b64.decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"sub\":\"bin-benchmark\",\"roles\":[\"viewer\"],\"iat\":1800000000,\"exp\":1800003600}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(b64.decode(parts[2])).isEqualTo(expected);
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void refusesASecretShorterThanTheHash() {
        assertThatThrownBy(() -> BearerToken.mint(new byte[16], "s", "viewer", 60, CLOCK))
                .hasMessageContaining("at least 32 bytes");
    }
}
