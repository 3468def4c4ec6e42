package io.thermalwatch.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void mintsAnHs256TokenWithTheRoleAndExpiry() throws Exception {
        String token = TokenCommand.run(new String[] {"--role", "analyst", "--hours", "12", "--subject", "alice"},
                TestTokens.SECRET, NOW);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).isEqualTo(List.of("analyst"));
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(12 * 3600));
    }

    @Test
    void badArgumentsAndSecretsAreRefusedNamingWhatIsAllowed() {
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--role", "root"}, TestTokens.SECRET, NOW))
                .hasMessage("role must be viewer, analyst or admin, was 'root'");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--role", "viewer", "--hours", "0"}, TestTokens.SECRET, NOW))
                .hasMessage("--hours must be an integer in 1..8760, was '0'");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--hours", "1"}, TestTokens.SECRET, NOW))
                .hasMessage("--role is required: viewer, analyst or admin");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--role", "viewer"}, null, NOW))
                .hasMessageStartingWith("THERMALWATCH_API_JWT_SECRET must be set");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--role", "viewer"}, "short", NOW))
                .hasMessage("THERMALWATCH_API_JWT_SECRET must be at least 32 bytes (256 bits), was 5 bytes"
                        + " (e.g. openssl rand -base64 48)");
    }
}
