package io.thermalwatch.demo.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicToolTest {

    @Test
    void keyIsTheTopLevelRackField() {
        assertThat(TopicProduce.rackOf("{\"node\":{\"rack\":\"inner\"},\"rack\":\"r01-k03\"}")).isEqualTo("r01-k03");
        assertThat(TopicProduce.rackOf("{\"rack\":7}")).isNull();
        assertThat(TopicProduce.rackOf("not json")).isNull();
        assertThat(TopicProduce.rackOf("[\"rack\"]")).isNull();
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = TopicTool.run(new String[] {"consume", "t"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tw-topic: unknown command 'consume'\nusage: tw-topic produce");
        assertThatThrownBy(() -> TopicTail.parse(List.of("--max", "0")))
                .hasMessage("--max must be a positive integer, was '0'");
        assertThatThrownBy(() -> TopicProduce.parse(List.of("--key", "k", "--key-separator", "|")))
                .hasMessage("give --key or --key-separator, not both");
    }
}
